/// Short, printable excerpts of input for messages: never a whole line, never control characters.
public enum Excerpt {
    /// The text cut to `limit` characters (with `…`), control characters shown as `\u{…}` escapes.
    public static func quote(_ text: String, limit: Int = 60) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                result += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }
}
