import PolicyCheckModel

/// Keys must pass OpenSSL's own consistency checks (`EVP_PKEY_public_check`, `EVP_PKEY_check`,
/// `EVP_PKEY_pairwise_check`); run by `keys verify`.
public struct KeyConsistencyCheck: Check {
    public static let name = "key-material.consistency"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.files(deployment).compactMap { file in
            guard let report = file.verification else { return nil }
            let evidence = report.failures.filter { $0.check != "certificate-key-match" }.map { failure in
                Evidence("block #\(failure.index): OpenSSL \(failure.check) failed: \(failure.reason)", at: KeyFileObjects.place(block: failure.index, in: file))
            }
            return CheckResult(file.path, .from(evidence))
        }
    }
}
