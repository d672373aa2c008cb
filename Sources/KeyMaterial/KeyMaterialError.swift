/// Why key material could not be inspected, verified or used; messages are one line and never carry key bytes.
public enum KeyMaterialError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The input is not recognisable as key material at all.
    case notKeyMaterial
    /// The input looks like key material but is broken; `block` is the 0-based block index if known.
    case malformed(block: Int?, reason: String)
    /// The input is valid but uses something this module does not handle.
    case unsupported(String)
    /// The key is too weak for the requested use (e.g. RSA-2048 for signing).
    case weakKey(String)
    /// OpenSSL failed outside of decoding; carries the library's reason text.
    case openssl(reason: String)

    /// A single-line message with no secret bytes.
    public var description: String {
        let text: String
        switch self {
        case .notKeyMaterial:
            text = "not key material"
        case let .malformed(block?, reason):
            text = "malformed key material in block \(block): \(reason)"
        case let .malformed(nil, reason):
            text = "malformed key material: \(reason)"
        case let .unsupported(what):
            text = "unsupported: \(what)"
        case let .weakKey(what):
            text = "weak key: \(what)"
        case let .openssl(reason):
            text = "OpenSSL error: \(reason)"
        }
        return String(text.map { $0.isNewline ? " " : $0 })
    }
}
