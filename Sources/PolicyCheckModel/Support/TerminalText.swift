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
        // Built as bytes, and Unicode properties looked up only for scalars outside ASCII (whose answers for ASCII
        // are known): a message with one en dash took the scalar-by-scalar path at about 1,300 instructions a
        // scalar, 4% of a check of a 10,000-resource plan.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        /// Only blanks and ignorable scalars so far (a `:` here would start a workflow command).
        var atStart = true
        /// `#` scalars just emitted (two, then `[`, is a workflow command).
        var hashes = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                out.append(0x20)
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out.append(contentsOf: ("\\u{" + String(value, radix: 16, uppercase: true) + "}").utf8)
            case UInt32(UInt8(ascii: ":")) where atStart, UInt32(UInt8(ascii: "[")) where hashes >= 2:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(truncatingIfNeeded: value))
            case 0..<0x80:
                out.append(UInt8(truncatingIfNeeded: value))
            default:
                UTF8.encode(scalar) { out.append($0) }
            }
            // The runner matches `::` and `##[` with .NET's culture-aware StartsWith/IndexOf, which skip ignorable
            // characters (a soft hyphen, U+0600): those neither end the line's start nor separate two `#`. No ASCII
            // scalar is ignorable, and ASCII's white space is U+0009–U+000D and U+0020.
            let isASCII = value < 0x80
            if atStart {
                let ignorable = !isASCII && Self.isIgnorable(scalar)
                let whitespace = isASCII ? value == 0x20 || (0x09...0x0D).contains(value) : scalar.properties.isWhitespace
                atStart = ignorable || whitespace
            }
            if value == UInt32(UInt8(ascii: "#")) {
                hashes += 1
            } else if hashes > 0, isASCII || !Self.isIgnorable(scalar) {
                hashes = 0
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text is printable ASCII without `#` and does not start (after spaces) with `:`, decided on its
    /// UTF-8 bytes eight at a time (a text that is not plain is then read scalar by scalar): the generic
    /// `allSatisfy`/`contains` over the UTF-8 view cost about 5,000 instructions a text, and a byte loop still 4% of
    /// a check of a 100,000-entry allowlist (five texts a finding).
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") { return false }
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            if let base = bytes.baseAddress {
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    // A byte of 0x80 or more, a byte under 0x20, a DEL (0x7F) or a `#` (0x23), each tested on
                    // all eight bytes at once; the tests for "under n" and "equal to n" are exact for n ≤ 0x80.
                    let high = word & highs
                    let control = (word &- ones &* 0x20) & ~word & highs
                    let delete = ((word ^ (ones &* 0x7F)) &- ones) & ~(word ^ (ones &* 0x7F)) & highs
                    let hash = ((word ^ (ones &* 0x23)) &- ones) & ~(word ^ (ones &* 0x23)) & highs
                    if high | control | delete | hash != 0 { return false }
                    index += 8
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "#") { return false }
                index += 1
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

    /// Whether a scalar is a bidi formatting character (the Arabic letter mark, LRM, RLM, the embeddings and overrides
    /// U+202A–U+202E, the isolates U+2066–U+2069), which reorders what a reader sees around it (`svc‮tset-‬.yaml`
    /// shows as `svc-test.yaml`): every report shows one as `\u{…}`, never raw.
    public static func isBidiControl(_ value: UInt32) -> Bool {
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A bidi formatting character spelt for display, `\u{202E}`.
    public static func visible(_ value: UInt32) -> String {
        "\\u{" + String(value, radix: 16, uppercase: true) + "}"
    }
}
