/// A reason raw input bytes could not be decoded to UTF-8 text; offsets are byte offsets in the raw input.
public enum TextDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A byte that does not start or continue a well-formed UTF-8 sequence (overlong, surrogate, above U+10FFFF,
    /// or truncated); `offset` and `byte` locate the first byte of the ill-formed sequence.
    case invalidUTF8(offset: Int, byte: UInt8)
    /// A NUL character in text (a binary file, or an encoding this reader does not detect).
    case nulByte(offset: Int)
    /// A UTF-16 surrogate code unit without its partner.
    case unpairedSurrogate(offset: Int, codeUnit: UInt16)
    /// UTF-16 input with an odd number of bytes; `offset` is the final, incomplete code unit.
    case truncatedUTF16(offset: Int)
    /// An encoding recognised by its byte-order mark but not supported, such as UTF-32.
    case unsupportedEncoding(name: String)

    /// Byte offset of the problem in the raw input.
    public var offset: Int {
        switch self {
        case .invalidUTF8(let offset, _), .nulByte(let offset), .unpairedSurrogate(let offset, _),
            .truncatedUTF16(let offset):
            return offset
        case .unsupportedEncoding:
            return 0
        }
    }

    /// A one-line explanation.
    public var message: String {
        switch self {
        case .invalidUTF8(let offset, let byte):
            return "invalid UTF-8 byte \(hex(byte)) at offset \(offset)"
        case .nulByte(let offset):
            return "NUL byte at offset \(offset) (binary data, or an unsupported text encoding)"
        case .unpairedSurrogate(let offset, let codeUnit):
            return "unpaired UTF-16 surrogate \(hex(codeUnit)) at offset \(offset)"
        case .truncatedUTF16(let offset):
            return "truncated UTF-16 text: odd trailing byte at offset \(offset)"
        case .unsupportedEncoding(let name):
            return "\(name) is not supported"
        }
    }

    public var description: String { message }
}

private func hex(_ value: some FixedWidthInteger) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    let width = value.bitWidth / 4
    return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
