/// Text made safe for XML 1.0 character data and attribute values.
public enum XMLText {
    /// Escapes `&`, `<`, `>` (so `]]>` cannot occur), quotes, and — in attributes — tabs and line breaks as
    /// character references so they survive attribute-value normalisation. Characters XML 1.0 forbids (C0
    /// controls other than tab and line breaks, U+FFFE, U+FFFF) and those it discourages (DEL, C1 controls) are
    /// removed.
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        // Most text (rule ids, resource names, paths) has nothing to escape: then it is returned as it is, without
        // being rebuilt a scalar at a time.
        if text.utf8.allSatisfy({ isPlain($0, attribute: attribute) }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += attribute ? "&quot;" : "\""
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            case "\t": out += attribute ? "&#9;" : "\t"
            default:
                guard isAllowed(scalar) else { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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
