import PolicyCheckModel

/// Key ARNs must be well-formed KMS key ARNs: partition, `kms`, a region, a 12-digit account, and `key/` with a
/// UUID or an `mrk-` id — not an alias ARN.
public struct KeyARNSyntaxCheck: Check {
    public static let name = "byok.key-arn-syntax"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        var results = deployment.keys.compactMap { key -> CheckResult? in
            guard let arn = key.arn, let text = arn.value.known else { return nil }
            return CheckResult(key.component, .from(Self.problem(keyARN: text).map { [Evidence($0, at: arn.origin)] } ?? []))
        }
        for store in deployment.dataStores {
            guard let key = store.encryption.kmsKey, let text = key.value.known, text.hasPrefix("arn:") else { continue }
            let problem = Self.problem(referenceARN: text)
            results.append(CheckResult(store.component, .from(problem.map { [Evidence($0, at: key.origin)] } ?? [])))
        }
        return results
    }

    /// What is wrong with a `keys[].arn`, or `nil`.
    static func problem(keyARN text: String) -> String? {
        if let problem = problem(referenceARN: text) { return problem }
        if let arn = AmazonResourceName(text), arn.resource.hasPrefix("alias/") {
            return "'\(text)' is an alias ARN; expected a key ARN (…:key/<key id>)"
        }
        return nil
    }

    /// The AWS partitions.
    private static let partitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
                                                   "aws-iso-f", "aws-eusc"]

    /// What is wrong with an ARN used to refer to a key (key or alias ARNs are both fine), or `nil`.
    static func problem(referenceARN text: String) -> String? {
        let expected = "expected arn:aws:kms:<region>:<12-digit account>:key/<key id>"
        guard let arn = AmazonResourceName(text) else { return "'\(text)' is not an ARN; \(expected)" }
        guard partitions.contains(arn.partition) else {
            return "ARN partition '\(arn.partition)' is not an AWS partition; \(expected)"
        }
        guard arn.service == "kms" else { return "ARN service is '\(arn.service)', not 'kms'; \(expected)" }
        guard let region = arn.region else { return "the key ARN names no region; \(expected)" }
        guard RegionCode.isWellFormed(region) else { return "'\(region)' in the key ARN is not a region code; \(expected)" }
        guard arn.account.utf8.count == 12, arn.account.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return "account '\(arn.account)' in the key ARN is not 12 digits; \(expected)"
        }
        if arn.resource.hasPrefix("alias/") {
            return arn.resource.count > 6 ? nil : "the alias ARN names no alias"
        }
        guard arn.resource.hasPrefix("key/") else {
            return "resource '\(arn.resource)' is neither key/<key id> nor alias/<name>; \(expected)"
        }
        let id = String(arn.resource.dropFirst(4))
        guard KeyIdentifier.isValid(id) else {
            return "key id '\(id)' is neither a UUID nor 'mrk-' followed by 32 hex digits"
        }
        return nil
    }
}
