/// How key material was encoded in the file.
public enum KeyEncoding: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// A `-----BEGIN …-----` armoured block.
    case pem
    /// Binary ASN.1 DER.
    case der
    /// Unstructured binary bytes.
    case raw
    /// Hexadecimal text.
    case hex
    /// Base64 text (without PEM armour).
    case base64
    /// A JSON Web Key (RFC 7517).
    case jwk
}
