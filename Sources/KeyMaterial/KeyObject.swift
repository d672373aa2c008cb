/// One recognised block of key material: types, sizes and fingerprints only, never secret bytes.
public struct KeyObject: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 0-based index of the block within the file (PEM blocks are counted in order, skipped ones included).
    public var index: Int
    /// What the block is.
    public var kind: KeyKind
    /// Algorithm family, when known.
    public var algorithm: KeyAlgorithm?
    /// Key size in bits as OpenSSL reports it (e.g. 2048, 256, Ed25519 = 256, X25519 = 253).
    public var bits: Int?
    /// Curve name: `P-256`, `P-384`, `P-521`, `secp256k1`, or OpenSSL's group name as-is.
    public var curve: String?
    /// How the block was encoded.
    public var encoding: KeyEncoding
    /// Container structure: `pkcs8`, `pkcs1`, `sec1`, `spki`, `x509`, `pkcs8-encrypted`, …
    public var container: String?
    /// Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo.
    public var spkiSha256: String?
    /// RSA public exponent in decimal.
    public var rsaPublicExponent: String?
    /// Certificate facts, for certificates.
    public var certificate: CertificateDetails?

    /// Creates a key object from its parts.
    public init(
        index: Int, kind: KeyKind, algorithm: KeyAlgorithm? = nil, bits: Int? = nil, curve: String? = nil,
        encoding: KeyEncoding, container: String? = nil, spkiSha256: String? = nil,
        rsaPublicExponent: String? = nil, certificate: CertificateDetails? = nil
    ) {
        self.index = index
        self.kind = kind
        self.algorithm = algorithm
        self.bits = bits
        self.curve = curve
        self.encoding = encoding
        self.container = container
        self.spkiSha256 = spkiSha256
        self.rsaPublicExponent = rsaPublicExponent
        self.certificate = certificate
    }

    /// One-line summary: kind, algorithm, size, container and fingerprint.
    public var description: String {
        var parts = ["#\(index)", kind.rawValue]
        if let algorithm { parts.append(algorithm.rawValue) }
        if let bits { parts.append("\(bits)-bit") }
        if let curve { parts.append(curve) }
        parts.append(encoding.rawValue)
        if let container { parts.append(container) }
        if let rsaPublicExponent { parts.append("e=\(rsaPublicExponent)") }
        if let spkiSha256 { parts.append("spki-sha256:\(spkiSha256)") }
        if let certificate { parts.append("subject=\"\(certificate.subject)\"") }
        return parts.joined(separator: " ")
    }
}
