/// Decodes the content of a JSON string that `JSONParser` has already checked: its escapes (`\n`, `\"`, `\u00e9`,
/// surrogate pairs) become the characters they stand for.
enum JSONEscapes {
    /// The text of checked string content (without its quotes). Ill-formed UTF-8 is repaired to U+FFFD, as for
    /// strings without escapes; an escape the parser would have refused is kept as written.
    static func decode(_ content: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: decodedBytes(content), as: UTF8.self)
    }

    /// The UTF-8 bytes of checked string content, escapes decoded.
    static func decodedBytes(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            let byte = content[index]
            guard byte == JSONByte.backslash, index + 1 < content.count else {
                decoded.append(byte)
                index += 1
                continue
            }
            switch content[index + 1] {
            case JSONByte.quote: decoded.append(JSONByte.quote)
            case JSONByte.backslash: decoded.append(JSONByte.backslash)
            case JSONByte.slash: decoded.append(JSONByte.slash)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                if let (scalar, length) = unicodeEscape(content, at: index) {
                    UTF8Encoding.append(scalar, to: &decoded)
                    index += length
                    continue
                }
                decoded.append(byte)
                index += 1
                continue
            default:
                decoded.append(byte)
                index += 1
                continue
            }
            index += 2
        }
        return decoded
    }

    /// The scalar of `\uXXXX` at `index` (with its low surrogate partner) and the escape's length in bytes.
    private static func unicodeEscape(_ content: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        guard let first = hexQuad(content, at: index + 2) else { return nil }
        switch first {
        case 0xD800..<0xDC00:
            guard index + 11 < content.count, content[index + 6] == JSONByte.backslash,
                  content[index + 7] == UInt8(ascii: "u"), let second = hexQuad(content, at: index + 8),
                  (0xDC00..<0xE000).contains(second) else { return nil }
            return (0x10000 + (UInt32(first - 0xD800) << 10 | UInt32(second - 0xDC00)), 12)
        case 0xDC00..<0xE000:
            return nil
        default:
            return (UInt32(first), 6)
        }
    }

    private static func hexQuad(_ content: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt16? {
        guard start + 4 <= content.count else { return nil }
        var value: UInt16 = 0
        for byte in content[start..<start + 4] {
            guard let digit = hexValue(byte) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The value of a hex digit (either case), or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case JSONByte.zero...JSONByte.nine: return byte - JSONByte.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
