/// Short, one-line renderings of input for JSON error messages (never more than about 40 characters).
enum JSONErrorText {
    /// The longest run of word bytes quoted from the input.
    static let maxRun = 20

    /// Bytes that continue a bare word such as `tru`, `NaN` or `0123` when quoting what was found.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"),
            UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// The token at `offset`, quoted: a run of word bytes (`'tru'`), one character (`'}'`, `"'"`), or a code point
    /// for invisible characters (`U+0009`).
    static func describe(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, maxRun: Int = maxRun) -> String {
        guard offset < bytes.count else { return "end of input" }
        let first = bytes[offset]
        if isWordByte(first) {
            var stop = offset + 1
            while stop < bytes.count, stop - offset < maxRun, isWordByte(bytes[stop]) { stop += 1 }
            let truncated = maxRun > 1 && stop < bytes.count && isWordByte(bytes[stop])
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<stop]), as: UTF8.self)
            guard isSafeToQuote(word, truncated: truncated) else { return unshownWord }
            return "'\(word)\(truncated ? "…" : "")'"
        }
        if first == UInt8(ascii: "'") { return "\"'\"" }
        if first >= 0x20, first < 0x7F { return "'\(Character(Unicode.Scalar(first)))'" }
        if first < 0x80 { return codePoint(UInt32(first)) }
        // One UTF-8 sequence (ill-formed bytes decode to U+FFFD).
        var stop = offset + 1
        while stop < bytes.count, stop - offset < 4, bytes[stop] & 0xC0 == 0x80 { stop += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<stop]), as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return codePoint(UInt32(first)) }
        if scalar.properties.generalCategory.isVisible {
            return "'\(scalar)' (\(codePoint(scalar.value)))"
        }
        return codePoint(scalar.value)
    }

    /// What an unquoted word that may be a secret is called instead of quoted.
    static let unshownWord = UnquotedWord.unshown

    /// Whether a bare word may be quoted in an error: it has at most three characters, or it is a JSON literal,
    /// `NaN` or `Infinity` in any case or cut short (`tru`, `True`, `nul`). Anything else in a value's place would be
    /// echoed into a CI log: a Secret's unquoted `Hunter2SuperSecretValue`, a PIN or card number's digits and signs
    /// (`0042-7781-9931`), a literal with a secret's characters after it (`true7`).
    static func isSafeToQuote(_ word: String, truncated: Bool) -> Bool {
        if UnquotedWord.isShort(word, truncated: truncated) { return true }
        let lower = word.lowercased()
        return !truncated && ["true", "false", "null", "nan", "infinity"].contains { $0.hasPrefix(lower) }
    }

    /// A hint for common non-JSON input at `offset`: comments, single quotes, NaN/Infinity, a byte-order mark.
    static func hint(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String? {
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "/"), UInt8(ascii: "#"):
            return "comments are not allowed in JSON"
        case UInt8(ascii: "'"):
            return "JSON strings use double quotes"
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            return "NaN and Infinity are not JSON numbers"
        case 0xEF where offset + 2 < bytes.count && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF:
            return "a byte-order mark; decode the input with TextDecoding first"
        default:
            return nil
        }
    }

    /// `key` in double quotes with `"`, `\` and invisible characters escaped, cut to about 40 characters.
    static func quoted(_ key: String) -> String {
        var result = "\""
        var count = 0
        for scalar in key.unicodeScalars {
            if count == 40 {
                result += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || !scalar.properties.generalCategory.isVisible
                    && scalar != " "
                {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func codePoint(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension Unicode.GeneralCategory {
    /// Whether characters of this category show up as something on screen.
    fileprivate var isVisible: Bool {
        switch self {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
