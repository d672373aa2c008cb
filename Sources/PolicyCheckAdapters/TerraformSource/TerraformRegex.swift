import Foundation

/// A regular expression in RE2 syntax, the syntax Terraform's `regex`, `regexall` and `replace` use
/// (https://developer.hashicorp.com/terraform/language/functions/regex; https://github.com/google/re2/wiki/Syntax),
/// matched with Foundation's engine (ICU) only where the two agree: the pattern is translated into ICU syntax with
/// RE2's meaning spelt out (`\d` is `[0-9]`, `$` is `\z`, `.` never matches `\n`), and anything whose meaning could
/// differ — flags other than `i`, Unicode classes, `\b` or `(?i)` on non-ASCII text, a repeated group that can match
/// empty and captures, look-arounds and back-references (errors to RE2) — is `nil`, left unknown by the caller
/// rather than guessed.
struct TerraformRegex {
    let expression: NSRegularExpression
    /// Capture group names in order (`""` for an unnamed group).
    let groupNames: [String]
    private let needsASCIIText: Bool

    /// The longest pattern, and the longest text (UTF-16 units), matched here; the most unbounded repetitions a
    /// pattern may hold. ICU backtracks: a pattern of `k` unbounded repetitions may take some `n^k` steps on a text
    /// of `n`, and runs out of stack on long texts, returning no match rather than an error. Within these bounds a
    /// match takes milliseconds; beyond them the value is unknown, never a guess or a hang.
    static let maxPatternLength = 256
    static let maxTextLength = 512
    static let maxUnboundedRepetitions = 3

    init?(_ pattern: String) {
        guard Self.isWithinBounds(pattern) else { return nil }
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let (icu, _) = parser.alternation(), parser.position == parser.scalars.count, !parser.refusedByRE2,
              let expression = try? NSRegularExpression(pattern: icu) else { return nil }
        // RE2 folds case by Unicode's simple folding, ICU by its own: the same only for ASCII.
        if parser.caseInsensitive && !pattern.unicodeScalars.allSatisfy(\.isASCII) { return nil }
        guard expression.numberOfCaptureGroups == parser.groupNames.count else { return nil }
        self.expression = expression
        groupNames = parser.groupNames
        needsASCIIText = parser.needsASCIIText || parser.caseInsensitive
    }

    /// Whether a pattern is one this engine matches in bounded time and reads as RE2 does: ASCII only (Terraform
    /// normalises strings to NFC, and a combining mark may join a pattern's metacharacter into one character), at
    /// most `maxPatternLength` long, no repeated group (`(a+)+`, the shape of catastrophic backtracking) and at most
    /// `maxUnboundedRepetitions` `*`, `+` or `{n,}`.
    private static func isWithinBounds(_ pattern: String) -> Bool {
        let scalars = Array(pattern.unicodeScalars)
        guard scalars.count <= maxPatternLength, scalars.allSatisfy(\.isASCII) else { return false }
        var unbounded = 0
        var escaped = false
        for (index, scalar) in scalars.enumerated() {
            if escaped { escaped = false; continue }
            switch scalar {
            case "\\": escaped = true
            case "*", "+":
                unbounded += 1
                if index > 0, scalars[index - 1] == ")" { return false }
            case "{":
                if index > 0, scalars[index - 1] == ")" { return false }
                if index + 1 < scalars.count, scalars[(index + 1)...].prefix(while: { $0 != "}" }).last == "," { unbounded += 1 }
            default: break
            }
        }
        return unbounded <= maxUnboundedRepetitions
    }

    /// The matches in `text` as RE2 finds them (an empty match right after a match is passed over), or `nil` when
    /// the text is one RE2 and ICU could read differently, or longer than `maxTextLength`.
    func matches(in text: String) -> [NSTextCheckingResult]? {
        guard text.utf16.count <= Self.maxTextLength else { return nil }
        let scalars = text.unicodeScalars
        // ICU steps by UTF-16 unit after an empty match, RE2 by character: the same only without surrogate pairs.
        guard !scalars.contains(where: { $0.value > 0xFFFF }),
              !needsASCIIText || scalars.allSatisfy(\.isASCII) else { return nil }
        var kept: [NSTextCheckingResult] = []
        var previousEnd = -1
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            defer { previousEnd = NSMaxRange(match.range) }
            if match.range.length == 0 && match.range.location == previousEnd { continue }
            kept.append(match)
        }
        return kept
    }

    /// The text of group `index` (0: the whole match) of a match, `nil` when the group took no part.
    static func group(_ match: NSTextCheckingResult, _ index: Int, in text: String) -> String? {
        let range = match.range(at: index)
        guard range.location != NSNotFound, let bounds = Range(range, in: text) else { return nil }
        return String(text[bounds])
    }

    // MARK: - RE2 to ICU

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0
        var groupNames: [String] = []
        var needsASCIIText = false
        var caseInsensitive = false
        /// The product of counted repetitions' bounds: RE2 refuses programs past its size limit.
        var repetitionWeight = 1
        /// A counted repetition RE2 refuses (`{1001}`, `{2,1}`): an error to Terraform, so not evaluated here.
        var refusedByRE2 = false

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// `a|b|…`: ICU text and whether it can match empty.
        mutating func alternation() -> (String, Bool)? {
            guard var (text, nullable) = sequence() else { return nil }
            while current == "|" {
                position += 1
                guard let (next, alsoNullable) = sequence() else { return nil }
                text += "|" + next
                nullable = nullable || alsoNullable
            }
            return (text, nullable)
        }

        private mutating func sequence() -> (String, Bool)? {
            var text = ""
            var nullable = true
            while let scalar = current, scalar != "|", scalar != ")" {
                let groupsBefore = groupNames.count
                guard let (atom, atomNullable) = atom() else { return nil }
                guard let (quantified, quantifiedNullable) = quantifier(on: atom, nullable: atomNullable,
                                                                        captures: groupNames.count > groupsBefore) else { return nil }
                text += quantified
                nullable = nullable && quantifiedNullable
            }
            return (text, nullable)
        }

        /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy (`?`).
        private mutating func quantifier(on atom: String, nullable: Bool, captures: Bool) -> (String, Bool)? {
            guard let scalar = current else { return (atom, nullable) }
            var suffix: String
            var makesNullable: Bool
            switch scalar {
            case "*": suffix = "*"; makesNullable = true; position += 1
            case "+": suffix = "+"; makesNullable = false; position += 1
            case "?": suffix = "?"; makesNullable = true; position += 1
            case "{":
                guard let (text, minimum, maximum) = countedRepetition() else { return (atom, nullable) }
                repetitionWeight *= max(maximum ?? minimum, 1)
                guard repetitionWeight <= 1000 else { return nil }
                suffix = text
                makesNullable = minimum == 0
            default: return (atom, nullable)
            }
            // A flag group is no operand (RE2's "missing argument to repetition operator").
            guard !(atom.hasPrefix("(?i") && atom.hasSuffix("i)")) else { return nil }
            if current == "?" {
                suffix += "?"
                position += 1
            }
            // RE2 refuses `a**`, `a*+`, `a{2}{3}`.
            if let next = current, next == "*" || next == "+" || next == "?" || (next == "{" && peekCounted()) { return nil }
            // A repeated group that can match empty captures differently in RE2 and backtracking engines.
            if nullable && captures { return nil }
            return (atom + suffix, makesNullable || nullable)
        }

        private func peekCounted() -> Bool {
            var copy = self
            return copy.countedRepetition() != nil
        }

        /// `{n}`, `{n,}` or `{n,m}` (n ≤ m ≤ 1000); otherwise `{` is a literal, as in RE2.
        private mutating func countedRepetition() -> (String, Int, Int?)? {
            var index = position + 1
            // Go's regexp/syntax reads no number with a leading zero (`{01}` is a literal `{`) and refuses counts
            // past 1000 or a minimum above the maximum (an error, `ErrInvalidRepeatSize`).
            func number() -> Int? {
                var digits = ""
                while index < scalars.count, ("0"..."9").contains(scalars[index]) { digits.unicodeScalars.append(scalars[index]); index += 1 }
                guard !digits.isEmpty, !(digits.count > 1 && digits.hasPrefix("0")) else { return nil }
                return digits.count > 4 ? 10_000 : Int(digits)
            }
            guard let minimum = number() else { return nil }
            var maximum: Int? = minimum
            if index < scalars.count, scalars[index] == "," {
                index += 1
                maximum = index < scalars.count && scalars[index] == "}" ? nil : number()
                if maximum == nil, index < scalars.count, scalars[index] != "}" { return nil }
            }
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            guard minimum <= 1000, (maximum ?? minimum) <= 1000, minimum <= (maximum ?? minimum) else {
                refusedByRE2 = true
                return nil
            }
            let text = String(String.UnicodeScalarView(scalars[position...index]))
            position = index + 1
            return (text, minimum, maximum)
        }

        /// One atom: a group, a class, an escape, `.`, an anchor or a literal.
        private mutating func atom() -> (String, Bool)? {
            guard let scalar = current else { return nil }
            position += 1
            switch scalar {
            case "(": return group()
            case "[": return characterClass().map { ($0, false) }
            case "\\": return escape()
            case ".": return ("[^\\n]", false)
            case "^": return ("\\A", true)
            case "$": return ("\\z", true)
            case "*", "+", "?": return nil
            default: return (Self.literal(scalar), false)
            }
        }

        private mutating func group() -> (String, Bool)? {
            var opening = "("
            if current == "?" {
                position += 1
                if current == "P" { position += 1 }
                if current == "<" {
                    position += 1
                    var name = ""
                    while let scalar = current, scalar != ">" {
                        guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" else { return nil }
                        name.unicodeScalars.append(scalar)
                        position += 1
                    }
                    // ICU names start with a letter; RE2 takes any word character.
                    guard current == ">", let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
                    position += 1
                    groupNames.append(name)
                    opening = "(?<\(name)>"
                } else {
                    // Flags: only `i` means the same to both (with ASCII text); `(?i)` sets it for the rest of the group.
                    var flags = ""
                    while let scalar = current, scalar != ")", scalar != ":" {
                        guard scalar == "i" else { return nil }
                        flags.unicodeScalars.append(scalar)
                        position += 1
                    }
                    guard let end = current else { return nil }
                    position += 1
                    if !flags.isEmpty { caseInsensitive = true }
                    if end == ")" {
                        guard !flags.isEmpty else { return nil }
                        return ("(?\(flags))", true)
                    }
                    opening = "(?\(flags):"
                }
            } else {
                groupNames.append("")
            }
            guard let (inner, nullable) = alternation(), current == ")" else { return nil }
            position += 1
            return (opening + inner + ")", nullable)
        }

        private mutating func escape() -> (String, Bool)? {
            guard let scalar = current else { return nil }
            position += 1
            switch scalar {
            case "d": return ("[0-9]", false)
            case "D": return ("[^0-9]", false)
            case "w": return ("[0-9A-Za-z_]", false)
            case "W": return ("[^0-9A-Za-z_]", false)
            case "s": return ("[\\t\\n\\f\\r ]", false)
            case "S": return ("[^\\t\\n\\f\\r ]", false)
            case "b", "B":
                needsASCIIText = true
                return ("\\\(scalar)", true)
            case "A": return ("\\A", true)
            case "z": return ("\\z", true)
            default: return singleEscape(scalar).map { ($0, false) }
            }
        }

        /// An escape standing for one character, in or out of a class.
        private mutating func singleEscape(_ scalar: Unicode.Scalar) -> String? {
            switch scalar {
            case "t", "n", "r", "f", "a": return "\\\(scalar)"
            case "v": return "\\x{0B}"
            case "x":
                var hex = ""
                if current == "{" {
                    position += 1
                    while let digit = current, digit != "}" {
                        guard digit.properties.isASCIIHexDigit else { return nil }
                        hex.unicodeScalars.append(digit)
                        position += 1
                    }
                    guard current == "}", !hex.isEmpty, hex.count <= 8 else { return nil }
                    position += 1
                } else {
                    for _ in 0..<2 {
                        guard let digit = current, digit.properties.isASCIIHexDigit else { return nil }
                        hex.unicodeScalars.append(digit)
                        position += 1
                    }
                }
                guard let value = UInt32(hex, radix: 16), value <= 0x10FFFF, Unicode.Scalar(value) != nil else { return nil }
                return "\\x{\(hex)}"
            default:
                // Escaped punctuation is itself in both; an escaped letter or digit means something else, or nothing.
                guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else { return nil }
                return "\\\(scalar)"
            }
        }

        /// `[…]` and `[^…]`: `]` first is a literal; `\d`, `\w`, `\s` inside spelt as ranges; POSIX classes and
        /// Unicode classes are not taken.
        private mutating func characterClass() -> String? {
            var text = "["
            if current == "^" {
                text += "^"
                position += 1
            }
            var first = true
            while let scalar = current, scalar != "]" || first {
                first = false
                guard let low = classMember() else { return nil }
                if low.isSet {
                    text += low.text
                    continue
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard let high = classMember(), !high.isSet, low.scalar!.value <= high.scalar!.value else { return nil }
                    text += low.text + "-" + high.text
                } else {
                    text += low.text
                }
                _ = scalar
            }
            guard current == "]" else { return nil }
            position += 1
            return text + "]"
        }

        private struct ClassMember {
            var text: String
            var scalar: Unicode.Scalar?
            var isSet: Bool { scalar == nil }
        }

        private mutating func classMember() -> ClassMember? {
            guard let scalar = current else { return nil }
            position += 1
            if scalar == "[" && current == ":" { return nil }
            guard scalar == "\\" else { return ClassMember(text: Self.literal(scalar, inClass: true), scalar: scalar) }
            guard let escaped = current else { return nil }
            position += 1
            switch escaped {
            case "d": return ClassMember(text: "0-9", scalar: nil)
            case "w": return ClassMember(text: "0-9A-Za-z_", scalar: nil)
            case "s": return ClassMember(text: "\\t\\n\\f\\r ", scalar: nil)
            case "t": return ClassMember(text: "\\t", scalar: "\t")
            case "n": return ClassMember(text: "\\n", scalar: "\n")
            case "r": return ClassMember(text: "\\r", scalar: "\r")
            case "f": return ClassMember(text: "\\f", scalar: "\u{0C}")
            case "a": return ClassMember(text: "\\a", scalar: "\u{07}")
            case "v": return ClassMember(text: "\\x{0B}", scalar: "\u{0B}")
            case "x":
                guard let text = singleEscape("x"), let value = UInt32(text.dropFirst(3).dropLast(), radix: 16),
                      let scalar = Unicode.Scalar(value) else { return nil }
                return ClassMember(text: text, scalar: scalar)
            default:
                guard escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped) else { return nil }
                return ClassMember(text: "\\\(escaped)", scalar: escaped)
            }
        }

        /// A literal character, escaped when ICU gives it a meaning (anything but a letter, digit or non-ASCII).
        static func literal(_ scalar: Unicode.Scalar, inClass: Bool = false) -> String {
            if !scalar.isASCII { return String(scalar) }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return String(scalar) }
            if scalar.value < 0x20 || scalar.value == 0x7F { return String(format: "\\x{%02X}", scalar.value) }
            if scalar == " " { return inClass ? "\\ " : " " }
            return "\\\(scalar)"
        }
    }
}
