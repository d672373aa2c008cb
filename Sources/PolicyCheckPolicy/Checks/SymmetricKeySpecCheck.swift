import PolicyCheckModel

/// Keys that encrypt data stores must be symmetric (`SYMMETRIC_DEFAULT`): RDS, S3 and AWS Backup accept no other.
public struct SymmetricKeySpecCheck: Check {
    public static let name = "byok.symmetric-key-spec"

    let allowedSpecs: [String]

    public init(parameters: CheckParameters) {
        allowedSpecs = parameters.strings("allowedKeySpecs", default: ["SYMMETRIC_DEFAULT"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let keys = DeclaredKeys.of(deployment, context: context)
        var users: [Int: [String]] = [:]
        for store in deployment.dataStores {
            guard let text = store.encryption.kmsKey?.value.known,
                  case .declared(let index) = keys.classify(text) else { continue }
            users[index, default: []].append(store.displayName)
        }
        return deployment.keys.enumerated().map { index, key in
            guard let stores = users[index] else { return CheckResult(key.component, .notApplicable) }
            guard let spec = key.keySpec, !allowedSpecs.contains(spec.value) else {
                return CheckResult(key.component, .pass)
            }
            return CheckResult(key.component, .fail([Evidence(
                "key spec is '\(spec.value)' but the key encrypts the \(stores.joined(separator: ", ")); expected \(allowedSpecs.joined(separator: " or "))",
                at: spec.origin
            )]))
        }
    }
}
