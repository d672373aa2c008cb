import KeyMaterial
import PolicyCheckModel

/// Certificates must not be signed with SHA-1 or MD5 — except a root as a trust store holds it, which is a trust
/// anchor trusted by its name and key: path validation starts from the anchor and never checks its self-signature
/// (RFC 5280, 6.1.1 (d)), so "SHA-1-based signatures for trusted root certificates are not a problem" (Chromium,
/// "Gradually sunsetting SHA-1"); a trust store vendored into a repository (a Dockerfile's `ca-certificates.crt`)
/// holds dozens of such current roots.
///
/// Only what is plainly a root is exempt (`CertificateDetails.isRootShaped`: self-signed, CA, keyUsage keyCertSign, no
/// subjectAltName, no serverAuth/clientAuth extendedKeyUsage), and only in a file that holds no private key: a trust
/// store never does, and a certificate kept with a key is one that is presented. `openssl req -x509` marks a plain
/// self-signed server certificate CA:TRUE, so the CA flag alone is no evidence; such a certificate, every other
/// self-signed one, and every certificate a CA issued, are judged.
public struct CertificateSignatureCheck: Check {
    public static let name = "key-material.certificate-signature"

    let weakDigests: [String]

    public init(parameters: CheckParameters) {
        weakDigests = parameters.strings("weakDigests", default: ["sha1", "md5", "md4", "md2"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, file in
            guard let certificate = object.certificate, !Self.isTrustAnchor(certificate, in: file) else { return nil }
            let algorithm = certificate.signatureAlgorithm.lowercased().replacingOccurrences(of: "-", with: "")
            guard let digest = weakDigests.first(where: { algorithm.contains($0) }) else { return nil }
            return "certificate '\(certificate.subject)' is signed with \(certificate.signatureAlgorithm) (\(digest.uppercased()) is broken); expected SHA-256 or stronger"
        }
    }

    /// A root-shaped certificate in a file without a private key (plain or encrypted, of any format): a private key's
    /// public half is not always known (an encrypted key's is not), so any key at all rules the file out.
    static func isTrustAnchor(_ certificate: CertificateDetails, in file: KeyFile) -> Bool {
        certificate.isRootShaped
            && !file.objects.contains { $0.kind == .privateKey || $0.kind == .encryptedPrivateKey }
    }
}
