/// Text from inputs made safe for a terminal or a CI log — the one place every such text passes through (text and
/// GitHub reporters, warnings and diagnostics on stderr, `verify-report`, `keys inspect`).
///
/// File names, resource names, certificate subjects and messages quoting them are chosen by whoever wrote the input.
/// Shown raw, they could drive the terminal (ESC sequences, CR to paint over a line), reorder what a reader sees
/// (bidi overrides and isolates), or run GitHub workflow commands (`::add-mask::`, `::error`, the older `##[…]`),
/// which the runner reads from any log line that starts with `::` after blanks, and from `##[` anywhere
/// (actions/runner `ActionCommand.TryParseV2` and `TryParse`). Each Unicode scalar is judged on its own, so no
/// combining or prepended character can shield the next one.
public enum TerminalText {
    /// One line of display text: line breaks and tabs become spaces; other C0 and C1 controls, DEL and bidi
    /// formatting characters are shown as `\u{…}`; a leading `:` and the `[` of every `##[` are escaped with a
    /// backslash, so the text can neither start a workflow command nor hide what it says.
    public static func clean(_ text: String) -> String {
        // Printable ASCII without workflow-command markers (almost every message) has nothing to change.
        if isPlain(text) { return text }
        var out = String.UnicodeScalarView()
        /// Only blanks and ignorable scalars so far (a `:` here would start a workflow command).
        var atStart = true
        /// `#` scalars just emitted (two, then `[`, is a workflow command).
        var hashes = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out.append(contentsOf: ("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}").unicodeScalars)
            case UInt32(UInt8(ascii: ":")) where atStart, UInt32(UInt8(ascii: "[")) where hashes >= 2:
                out.append("\\")
                out.append(scalar)
            default:
                out.append(scalar)
            }
            // The runner matches `::` and `##[` with .NET's culture-aware StartsWith/IndexOf, which skip ignorable
            // characters (a soft hyphen, U+0600): those neither end the line's start nor separate two `#`.
            let ignorable = Self.isIgnorable(scalar)
            atStart = atStart && (ignorable || scalar.properties.isWhitespace)
            if scalar == "#" { hashes += 1 } else if !ignorable { hashes = 0 }
        }
        return String(out)
    }

    /// Whether the text is printable ASCII without `#` and does not start (after spaces) with `:`: one pass over
    /// its UTF-8 bytes, where the generic `allSatisfy`/`contains` over the UTF-8 view cost about 5,000 instructions
    /// a text (7% of all instructions of a finding-dense run, five texts a finding).
    private static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var leading = true
            for byte in bytes {
                if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "#") { return false }
                if leading, byte != 0x20 {
                    if byte == UInt8(ascii: ":") { return false }
                    leading = false
                }
            }
            return true
        }
    }

    private static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// Several lines, each cleaned (line breaks kept).
    public static func cleanLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }
}
