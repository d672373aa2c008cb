// Temporary: replaced by the full decoder being written on another branch.
/// Turns raw input bytes into validated UTF-8 text.
public enum TextDecoding {
    public static func utf8Text(from raw: [UInt8]) throws(TextDecodingError) -> [UInt8] {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let index = bytes.firstIndex(of: 0) { throw .nulByte(offset: index) }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidUTF8(offset: 0) }
        return bytes
    }

    public static func isProbablyBinary(_ raw: [UInt8]) -> Bool {
        raw.prefix(8192).contains(0)
    }
}

public enum TextDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUTF8(offset: Int)
    case nulByte(offset: Int)

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte offset \(offset)"
        case .nulByte(let offset): return "NUL byte at offset \(offset)"
        }
    }
}
