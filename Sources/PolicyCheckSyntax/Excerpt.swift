/// Short, printable excerpts of input for messages: never a whole line, never control characters.
public enum Excerpt {
    /// The text cut to `limit` characters (with `…`), control characters shown as `\u{…}` escapes.
    public static func quote(_ text: String, limit: Int = 60) -> String {
        // The usual text (a short name or value in printable ASCII) is its own excerpt: decided in one pass over the
        // bytes (the generic `allSatisfy` over the UTF-8 view cost 3,400 instructions a text, 5% of a check of a
        // 100,000-entry allowlist).
        if isShortPrintableASCII(text, limit: limit) { return text }
        // A longer text whose first `limit` characters are printable ASCII (an ARN, a description) is that prefix
        // and `…`, whatever follows: the walk below cost some 45,000 instructions for such a text.
        if let cut = printableASCIIPrefix(of: text, limit: limit) { return cut }
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

    /// The first `limit` bytes of `text` and `…`, when `text` is longer than `limit` bytes and those bytes are
    /// printable ASCII (so they are its first `limit` characters); `nil` otherwise.
    private static func printableASCIIPrefix(of text: String, limit: Int) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            guard limit >= 0, bytes.count > limit else { return nil }
            let prefix = UnsafeBufferPointer(rebasing: bytes[..<limit])
            for byte in prefix where byte < 0x20 || byte >= 0x7F { return nil }
            return String(decoding: prefix, as: UTF8.self) + "…"
        }
    }

    private static func isShortPrintableASCII(_ text: String, limit: Int) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count <= limit else { return false }
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
            return true
        }
    }
}
