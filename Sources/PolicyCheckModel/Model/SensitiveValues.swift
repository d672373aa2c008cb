/// The values an author marked as secret in the input — a value a Terraform plan marks sensitive
/// (`after_sensitive`, `sensitive_values`), a variable declared `sensitive = true`, a CloudFormation parameter with
/// `NoEcho` — which findings must not print, and whose fingerprints must not confirm (docs/security.md).
///
/// Terraform prints such a value as `(sensitive value)` and CloudFormation masks a `NoEcho` value as `*****`; a
/// finding quoting it (`allowlist entry '10.20.30.0/24' has no description`) put it into CI logs, SARIF and
/// evidence bundles. A message spelling one has it replaced by `placeholder`, and a finding whose offending value
/// spells one counts no value in its fingerprint.
///
/// Two kinds: values a plan marked itself are found as whole tokens (Terraform marks what is derived from a
/// sensitive value too, so the text a finding quotes is the marked text); values of sensitive variables and `NoEcho`
/// parameters are found anywhere in a text, as an expression may build them into a longer one
/// (`"${var.office}/32"`, `!Sub "${Office}/32"`) that nothing marked. Either way a message is read once, whatever
/// the number of values: tokens are looked up in a set, embedded values by their first four bytes.
public struct SensitiveValues: Sendable, Hashable {
    /// What a message says in place of a sensitive value.
    public static let placeholder = "(sensitive value)"

    private var tokens: Set<[UInt8]> = []
    /// Embedded values of four bytes or more (shorter ones are looked for as tokens), and, by their first four
    /// bytes, the lengths they come in, longest first: a place in a text is tried once per length, never once per
    /// value (a `NoEcho` list of thousands of CIDRs shares one prefix and a dozen lengths).
    private var embedded: Set<[UInt8]> = []
    private var embeddedLengths: [UInt32: [Int]] = [:]
    /// Embeddable values under four bytes of letters and digits only, found as a run of letters and digits inside a
    /// longer text (`177` in `198.51.100.177/32`, which `!Sub "198.51.100.${Host}/32"` built; reviewer, round 28):
    /// looked for anywhere, such a short value would be found in every number.
    private var shortEmbedded: Set<[UInt8]> = []

    public init() {}

    public var isEmpty: Bool { tokens.isEmpty && embedded.isEmpty }

    /// Adds an embedded value (four bytes or more), keeping its prefix's lengths longest first.
    private mutating func insertEmbedded(_ bytes: [UInt8]) {
        guard embedded.insert(bytes).inserted else { return }
        let key = Self.prefix(bytes, 0)
        var lengths = embeddedLengths[key, default: []]
        guard !lengths.contains(bytes.count) else { return }
        lengths.append(bytes.count)
        lengths.sort(by: >)
        embeddedLengths[key] = lengths
    }

    /// Marks a value's text as sensitive, to be found as a whole token (a value a plan marked). Empty texts and
    /// booleans are no secret anyone could print or learn from a message (Terraform marks whole blocks, flags
    /// included).
    public mutating func add(_ text: String) {
        guard Self.isWorthHiding(text) else { return }
        let bytes = Array(text.utf8)
        // A value holding a space or a quote is no single token: it is looked for anywhere.
        guard bytes.allSatisfy(Self.continuesToken) else { return addEmbeddable(text) }
        tokens.insert(bytes)
    }

    /// Marks a value's text as sensitive wherever a text spells it, inside longer texts too (a sensitive variable's
    /// or `NoEcho` parameter's value, which expressions may build into others).
    public mutating func addEmbeddable(_ text: String) {
        guard Self.isWorthHiding(text) else { return }
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else {
            tokens.insert(bytes)
            if bytes.allSatisfy(Self.isAlphanumeric) { shortEmbedded.insert(bytes) }
            return
        }
        insertEmbedded(bytes)
    }

    public mutating func formUnion(_ other: SensitiveValues) {
        tokens.formUnion(other.tokens)
        shortEmbedded.formUnion(other.shortEmbedded)
        for value in other.embedded { insertEmbedded(value) }
    }

    private static func isWorthHiding(_ text: String) -> Bool {
        !text.isEmpty && text != "true" && text != "false"
    }

    /// Whether `text` (a message, an offending value's source text) spells a sensitive value.
    public func occurs(in text: String) -> Bool {
        guard !isEmpty else { return false }
        return !spans(in: Array(text.utf8), stopAtFirst: true).isEmpty
    }

    /// `text` with every sensitive value it spells replaced by `placeholder`.
    public func redact(_ text: String) -> String {
        guard !isEmpty else { return text }
        let bytes = Array(text.utf8)
        let found = spans(in: bytes, stopAtFirst: false)
        guard !found.isEmpty else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        for span in found where span.lowerBound >= cursor {
            result += bytes[cursor..<span.lowerBound]
            result += Self.placeholder.utf8
            cursor = span.upperBound
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The byte ranges of sensitive values in `bytes`, in order, overlapping ones merged.
    private func spans(in bytes: [UInt8], stopAtFirst: Bool) -> [Range<Int>] {
        var found: [Range<Int>] = []
        if !tokens.isEmpty {
            var start = 0
            while start < bytes.count {
                let separator = Self.separatorLength(bytes, at: start)
                guard separator == 0, Self.continuesToken(bytes[start]) else { start += max(separator, 1); continue }
                var end = start
                while end < bytes.count, Self.continuesToken(bytes[end]), Self.separatorLength(bytes, at: end) == 0 { end += 1 }
                // The run as written, then without punctuation that may end a sentence or start a path
                // (`10.20.30.0/24.` at the end of a message).
                var low = start
                var high = end
                while low < high {
                    if tokens.contains(Array(bytes[low..<high])) {
                        found.append(low..<high)
                        if stopAtFirst { return found }
                        break
                    }
                    if Self.isPunctuation(bytes[high - 1]) {
                        high -= 1
                    } else if Self.isPunctuation(bytes[low]) {
                        low += 1
                    } else {
                        break
                    }
                }
                start = end
            }
        }
        if !shortEmbedded.isEmpty {
            var start = 0
            while start < bytes.count {
                guard Self.isAlphanumeric(bytes[start]) else { start += 1; continue }
                var end = start
                while end < bytes.count, Self.isAlphanumeric(bytes[end]) { end += 1 }
                if end - start < 4, shortEmbedded.contains(Array(bytes[start..<end])) {
                    found.append(start..<end)
                    if stopAtFirst { return found }
                }
                start = end
            }
        }
        if !embedded.isEmpty, bytes.count >= 4 {
            for index in 0...(bytes.count - 4) {
                guard let lengths = embeddedLengths[Self.prefix(bytes, index)],
                      let longest = lengths.first(where: { index + $0 <= bytes.count && embedded.contains(Array(bytes[index..<index + $0])) })
                else { continue }
                found.append(index..<index + longest)
                if stopAtFirst { return found }
            }
        }
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for span in found {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    private static func prefix(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }

    /// The length of a non-ASCII character that separates tokens as a space does, at `index`: a no-break space
    /// (U+00A0), General Punctuation (U+2000–U+207F: the en dash of a port range `3307–3399`, dashes, quotes) or the
    /// minus sign (U+2212); 0 for anything else.
    private static func separatorLength(_ bytes: [UInt8], at index: Int) -> Int {
        guard bytes[index] >= 0xC2, index + 1 < bytes.count else { return 0 }
        if bytes[index] == 0xC2, bytes[index + 1] == 0xA0 { return 2 }
        guard bytes[index] == 0xE2, index + 2 < bytes.count else { return 0 }
        if bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 { return 3 }
        return bytes[index + 1] == 0x88 && bytes[index + 2] == 0x92 ? 3 : 0
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Bytes that join a value to its neighbours: letters, digits, and the punctuation inside names, numbers,
    /// addresses and ARNs. Any other byte (a quote, a space, a bracket, a comma) ends a token.
    private static func continuesToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF:
            return true
        default:
            return isPunctuation(byte)
        }
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}

extension Diagnostic {
    /// The diagnostic with the sensitive values its message spells replaced (`SensitiveValues.redact`).
    public func redacting(_ sensitive: SensitiveValues) -> Diagnostic {
        guard !sensitive.isEmpty else { return self }
        var copy = self
        copy.message = sensitive.redact(message)
        return copy
    }
}
