/// Short, printable excerpts of input for messages: never a whole line, never control characters.
public enum Excerpt {
    /// The text cut to `limit` characters (with `…`), control characters shown as `\u{…}` escapes.
    public static func quote(_ text: String, limit: Int = 60) -> String {
        // The usual text (a short name or value in printable ASCII) is its own excerpt: decided in one pass over the
        // bytes (the generic `allSatisfy` over the UTF-8 view cost 3,400 instructions a text, 5% of a check of a
        // 100,000-entry allowlist).
        if let excerpt = printableASCIIExcerpt(of: text, limit: limit) { return excerpt }
        let utf8 = text.utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 3)
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                bytes += "…".utf8
                break
            }
            // Controls, and format characters (general category Cf: U+200B, U+2060, U+00AD, bidi marks), which show
            // as nothing: "no rule 'MMC-NET-001' (did you mean 'MMC-NET-001'?)" hid a zero-width space (tester round 31).
            if scalar.value >= 0x20, scalar.value < 0x7F {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || scalar.properties.generalCategory == .format {
                bytes += "\\u{\(String(scalar.value, radix: 16))}".utf8
            } else {
                bytes += UTF8.encode(scalar)!
            }
            count += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The excerpt of a text whose first `limit` bytes are printable ASCII (so they are its first `limit`
    /// characters): the text itself when that is all of it, else those bytes and `…`, whatever follows (an ARN, a
    /// description: the walk by Unicode scalar cost some 45,000 instructions for such a text); `nil` otherwise.
    private static func printableASCIIExcerpt(of original: String, limit: Int) -> String? {
        var text = original
        var isWhole = false
        let cut: String? = text.withUTF8 { bytes in
            guard limit >= 0 else { return nil }
            let prefix = UnsafeBufferPointer(rebasing: bytes[..<min(limit, bytes.count)])
            for byte in prefix where byte < 0x20 || byte >= 0x7F { return nil }
            isWhole = bytes.count <= limit
            return isWhole ? nil : String(decoding: prefix, as: UTF8.self) + "…"
        }
        return isWhole ? original : cut
    }
}
