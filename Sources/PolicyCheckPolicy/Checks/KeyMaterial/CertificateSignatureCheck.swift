import PolicyCheckModel

/// Certificates must not be signed with SHA-1 or MD5.
public struct CertificateSignatureCheck: Check {
    public static let name = "key-material.certificate-signature"

    let weakDigests: [String]

    public init(parameters: CheckParameters) {
        weakDigests = parameters.strings("weakDigests", default: ["sha1", "md5", "md4", "md2"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard let certificate = object.certificate else { return nil }
            let algorithm = certificate.signatureAlgorithm.lowercased().replacingOccurrences(of: "-", with: "")
            guard let digest = weakDigests.first(where: { algorithm.contains($0) }) else { return nil }
            return "certificate '\(certificate.subject)' is signed with \(certificate.signatureAlgorithm) (\(digest.uppercased()) is broken); expected SHA-256 or stronger"
        }
    }
}
