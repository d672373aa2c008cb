import PolicyCheckModel

/// Certificates must not be signed with SHA-1 or MD5 — except a root: a self-signed CA certificate (its signature
/// verifying under its own key, `X509_self_signed`), which is a trust anchor trusted by its identity. Path validation
/// starts from the anchor's name and key and never checks its self-signature (RFC 5280, 6.1.1 (d)), so "SHA-1-based
/// signatures for trusted root certificates are not a problem" (Chromium, "Gradually sunsetting SHA-1"); a trust
/// store vendored into a repository (a Dockerfile's `ca-certificates.crt`) holds dozens of such current roots. A
/// self-signed end-entity certificate, and every certificate a CA issued, are still judged.
public struct CertificateSignatureCheck: Check {
    public static let name = "key-material.certificate-signature"

    let weakDigests: [String]

    public init(parameters: CheckParameters) {
        weakDigests = parameters.strings("weakDigests", default: ["sha1", "md5", "md4", "md2"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard let certificate = object.certificate, !(certificate.selfSigned && certificate.isCA) else { return nil }
            let algorithm = certificate.signatureAlgorithm.lowercased().replacingOccurrences(of: "-", with: "")
            guard let digest = weakDigests.first(where: { algorithm.contains($0) }) else { return nil }
            return "certificate '\(certificate.subject)' is signed with \(certificate.signatureAlgorithm) (\(digest.uppercased()) is broken); expected SHA-256 or stronger"
        }
    }
}
