import Foundation

/// Facts about an X.509 certificate; nothing in it is secret.
public struct CertificateDetails: Sendable, Equatable, Hashable {
    /// Subject name as a one-line RFC 2253 string (UTF-8 kept readable).
    public var subject: String
    /// Issuer name as a one-line RFC 2253 string (UTF-8 kept readable).
    public var issuer: String
    /// Serial number in lowercase hexadecimal (a leading `-` if negative).
    public var serial: String
    /// Start of the validity period.
    public var notBefore: Date
    /// End of the validity period.
    public var notAfter: Date
    /// Signature algorithm long name, e.g. `sha256WithRSAEncryption`, or a dotted OID.
    public var signatureAlgorithm: String
    /// Whether basicConstraints marks the certificate as a CA.
    public var isCA: Bool
    /// Whether the certificate is self-issued and its signature verifies with its own key.
    public var selfSigned: Bool
    /// Whether a keyUsage extension is present and asserts keyCertSign (absent keyUsage is false).
    public var keyCertSign: Bool
    /// Whether the certificate carries a subjectAltName extension (of any kind).
    public var hasSubjectAltName: Bool
    /// Whether an extendedKeyUsage extension permits TLS server or client authentication (serverAuth, clientAuth, or
    /// anyExtendedKeyUsage); absent extendedKeyUsage is false.
    public var tlsAuthentication: Bool

    /// Whether the certificate is plainly a root CA — a trust anchor, as a trust store holds — by its own content:
    /// self-signed, basicConstraints CA, keyUsage keyCertSign, no subjectAltName, no TLS extendedKeyUsage. `openssl req
    /// -x509` marks every certificate it makes CA:TRUE, so the CA flag alone does not tell a root from a self-signed
    /// server certificate; a server certificate names its host (subjectAltName) or its purpose (extendedKeyUsage), and
    /// `req -x509` adds no keyUsage. Whether the file also holds a private key is for the caller to see.
    public var isRootShaped: Bool {
        selfSigned && isCA && keyCertSign && !hasSubjectAltName && !tlsAuthentication
    }

    /// Creates certificate details from their parts.
    public init(
        subject: String, issuer: String, serial: String, notBefore: Date, notAfter: Date,
        signatureAlgorithm: String, isCA: Bool, selfSigned: Bool, keyCertSign: Bool = false,
        hasSubjectAltName: Bool = false, tlsAuthentication: Bool = false
    ) {
        self.subject = subject
        self.issuer = issuer
        self.serial = serial
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.signatureAlgorithm = signatureAlgorithm
        self.isCA = isCA
        self.selfSigned = selfSigned
        self.keyCertSign = keyCertSign
        self.hasSubjectAltName = hasSubjectAltName
        self.tlsAuthentication = tlsAuthentication
    }
}
