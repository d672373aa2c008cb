/// Short, printable excerpts of input for messages: never a whole line, never control characters.
public enum Excerpt {
    /// The text cut to `limit` characters (with `…`), control characters shown as `\u{…}` escapes.
    public static func quote(_ text: String, limit: Int = 60) -> String {
        // The usual text (a short name or value in printable ASCII) is its own excerpt.
        let utf8 = text.utf8
        if utf8.count <= limit && utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 3)
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                bytes += "…".utf8
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                bytes += "\\u{\(String(scalar.value, radix: 16))}".utf8
            } else {
                bytes += UTF8.encode(scalar)!
            }
            count += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
