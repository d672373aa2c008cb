import PolicyCheckModel

/// Text made safe for XML 1.0 character data and attribute values.
public enum XMLText {
    /// Escapes `&`, `<`, `>` (so `]]>` cannot occur), quotes, and — in attributes — tabs and line breaks as
    /// character references so they survive attribute-value normalisation. Characters XML 1.0 forbids (C0
    /// controls other than tab and line breaks, U+FFFE, U+FFFF) and those it discourages (DEL, C1 controls) are
    /// removed; bidi formatting characters are shown as `\u{202E}`, as in every report.
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        // Most text (rule ids, resource names, paths) has nothing to escape: then it is returned as it is. The rest
        // is rebuilt as bytes, a run of plain bytes at a time (a scalar at a time into a `String` cost a third of
        // a JUnit report of a 10,000-resource plan).
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: { !isPlain($0, attribute: attribute) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            var index = first
            while index < bytes.count {
                let byte = bytes[index]
                if isPlain(byte, attribute: attribute) {
                    out.append(byte)
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: (attribute ? "&quot;" : "\"").utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: (attribute ? "&#10;" : "\n").utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "&#13;".utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: (attribute ? "&#9;" : "\t").utf8)
                case 0..<0x80:
                    break // other C0 controls and DEL: removed
                default:
                    // A scalar outside ASCII, whole: kept unless XML forbids or discourages it.
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    let end = min(index + length, bytes.count)
                    let scalar = Self.scalar(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    if TerminalText.isBidiControl(scalar.value) {
                        // Shown, not applied: CI pages render JUnit names as HTML (reviewer, round 28).
                        out.append(contentsOf: TerminalText.visible(scalar.value).utf8)
                    } else if isAllowed(scalar) {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    }
                    index = end
                    continue
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// The scalar of one well-formed UTF-8 sequence (a `String`'s bytes always are).
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var value = UInt32(bytes[0]) & (bytes.count == 2 ? 0x1F : bytes.count == 3 ? 0x0F : 0x07)
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Whether a UTF-8 byte stands for itself: printable ASCII other than the markup characters (and, outside
    /// attributes, tabs and line feeds).
    private static func isPlain(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return false
        case UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\t"): return !attribute
        case 0x20..<0x7F: return true
        default: return false
        }
    }

    /// XML 1.0 `Char` without DEL and the C1 controls: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F: return false
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
