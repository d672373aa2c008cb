import PolicyCheckModel

/// A bundle that holds certificates and private keys must pair every private key with its certificate.
public struct CertificateKeyMatchCheck: Check {
    public static let name = "key-material.certificate-key-match"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.files(deployment).compactMap { file in
            let hasCertificates = file.objects.contains { $0.kind == .certificate }
            let privateKeys = file.objects.filter { $0.kind == .privateKey }
            guard hasCertificates, !privateKeys.isEmpty else { return nil }
            guard let report = file.verification else {
                // Matching needs the keys themselves; `keys verify` does it.
                return CheckResult(file.path, .notApplicable)
            }
            let evidence = report.pairings.filter { $0.certificateIndex == nil }.map { pairing in
                Evidence("block #\(pairing.privateKeyIndex): the private key matches no certificate in the bundle",
                         at: file.origin)
            }
            return CheckResult(file.path, .from(evidence))
        }
    }
}
