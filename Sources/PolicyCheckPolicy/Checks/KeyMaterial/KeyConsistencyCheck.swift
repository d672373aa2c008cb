import PolicyCheckModel

/// Keys must pass OpenSSL's own consistency checks (`EVP_PKEY_public_check`, `EVP_PKEY_check`,
/// `EVP_PKEY_pairwise_check`); run by `keys verify`.
public struct KeyConsistencyCheck: Check {
    public static let name = "key-material.consistency"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.files(deployment).compactMap { file in
            guard let report = file.verification else { return nil }
            // One finding per block and reason: in OpenSSL 3.0 the private-key and pairwise checks of an RSA or EC
            // key run the same validation, so one broken key failed both with one reason and counted twice (tester
            // round 31). "block #N: " only where the file holds several blocks.
            var seen: Set<String> = []
            let evidence = report.failures.filter { $0.check != "certificate-key-match" }.compactMap { failure -> Evidence? in
                guard seen.insert("\(failure.index)\u{0}\(failure.reason)").inserted else { return nil }
                let block = file.objects.count > 1 ? "block #\(failure.index): " : ""
                return Evidence("\(block)OpenSSL \(failure.check) failed: \(failure.reason)", at: KeyFileObjects.place(block: failure.index, in: file))
            }
            return CheckResult(file.path, .from(evidence))
        }
    }
}
