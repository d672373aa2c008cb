/// The algorithm family of a key.
public enum KeyAlgorithm: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// RSA (including RSASSA-PSS-restricted keys).
    case rsa
    /// Elliptic-curve keys for ECDSA / ECDH on a named or explicit curve.
    case ec
    /// Ed25519 signing keys.
    case ed25519
    /// Ed448 signing keys.
    case ed448
    /// X25519 key-agreement keys.
    case x25519
    /// X448 key-agreement keys.
    case x448
    /// DSA keys.
    case dsa
    /// AES symmetric keys.
    case aes
}
