/// Text made safe for GitHub-flavoured Markdown, including table cells.
public enum MarkdownText {
    /// Escapes Markdown and HTML punctuation with backslashes (`|` too, so a table cell stays one cell), `&` as an
    /// entity, and turns line breaks into `<br>`; other control characters are dropped.
    ///
    /// Built as bytes: the controls dropped are exactly those of general category Cc (U+0000–U+001F, U+007F–U+009F),
    /// so no scalar's properties need looking up (which cost half of a Markdown report).
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var previousWasCarriageReturn = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                defer { previousWasCarriageReturn = byte == UInt8(ascii: "\r") }
                switch byte {
                case UInt8(ascii: "\n"):
                    if !previousWasCarriageReturn { out.append(contentsOf: "<br>".utf8) }
                case UInt8(ascii: "\r"):
                    out.append(contentsOf: "<br>".utf8)
                case UInt8(ascii: "&"):
                    out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                     UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                     UInt8(ascii: "#"), UInt8(ascii: "!"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case UInt8(ascii: "\t"):
                    out.append(UInt8(ascii: " "))
                case 0..<0x20, 0x7F:
                    break
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                    index += 1 // U+0080–U+009F (C2 80–C2 9F): dropped
                default:
                    out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
