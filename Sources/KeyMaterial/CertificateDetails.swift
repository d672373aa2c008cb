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

    /// Creates certificate details from their parts.
    public init(
        subject: String, issuer: String, serial: String, notBefore: Date, notAfter: Date,
        signatureAlgorithm: String, isCA: Bool, selfSigned: Bool
    ) {
        self.subject = subject
        self.issuer = issuer
        self.serial = serial
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.signatureAlgorithm = signatureAlgorithm
        self.isCA = isCA
        self.selfSigned = selfSigned
    }
}
