/// Parses a regular expression (already accepted by Swift's `Regex`, which gives the syntax errors) into the subset
/// the linear-time matcher runs: literals, `.`, bracket expressions, `\d \w \s` and their negations, `^ $ \b \B`,
/// groups (capturing, `(?:…)`, named), `|`, and `* + ? {n} {n,} {n,m}` (lazy forms alike: only whether a match
/// exists is asked). Back-references and lookaround cannot be matched in linear time and are refused.
struct PatternParser {
    struct Unsupported: Error, Equatable {
        var message: String
    }

    /// Counted repetitions are expanded; this caps what a pattern may expand to.
    static let maxRepetition = 1_000

    private let scalars: [Unicode.Scalar]
    private var index = 0

    static func parse(_ source: String) throws(Unsupported) -> PatternNode {
        var parser = PatternParser(scalars: Array(source.unicodeScalars))
        let node = try parser.alternation()
        guard parser.index == parser.scalars.count else { throw Unsupported(message: "unbalanced ')'") }
        return node
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func alternation() throws(Unsupported) -> PatternNode {
        var branches = [try concatenation()]
        while current == "|" {
            index += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws(Unsupported) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            items.append(try quantified())
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concatenation(items)
    }

    private mutating func quantified() throws(Unsupported) -> PatternNode {
        let atom = try self.atom()
        var node = atom
        while let scalar = current {
            let bounds: (Int, Int?)
            switch scalar {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                guard let counted = countedBounds() else { return node }
                bounds = counted
            default: return node
            }
            if current == "?" {
                index += 1
            } else if current == "+" {
                throw Unsupported(message: "possessive quantifiers are not supported")
            }
            if bounds.0 > Self.maxRepetition || (bounds.1 ?? 0) > Self.maxRepetition {
                throw Unsupported(message: "a counted repetition above \(Self.maxRepetition)")
            }
            node = .repetition(node, min: bounds.0, max: bounds.1)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}` at the cursor (consumed), or `nil` when the brace is a literal.
    private mutating func countedBounds() -> (Int, Int?)? {
        var cursor = index + 1
        func number() -> Int? {
            var digits = ""
            while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) {
                digits.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            return digits.isEmpty ? nil : Int(digits.prefix(9))
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if cursor < scalars.count, scalars[cursor] == "," {
            cursor += 1
            high = number()
        }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        index = cursor + 1
        return (low, high)
    }

    private mutating func atom() throws(Unsupported) -> PatternNode {
        guard let scalar = current else { return .empty }
        index += 1
        switch scalar {
        case ".": return .any
        case "^": return .start
        case "$": return .end
        case "[": return .set(try bracket())
        case "\\": return try escape(inBracket: false).node
        case "(":
            if current == "?" {
                index += 1
                switch current {
                case ":": index += 1
                case "<" where index + 1 < scalars.count && scalars[index + 1] != "=" && scalars[index + 1] != "!",
                     "P" where index + 1 < scalars.count && scalars[index + 1] == "<":
                    while let name = current, name != ">" { index += 1 }
                    index += 1
                default:
                    throw Unsupported(message: "lookaround, flags and other '(?…)' groups are not supported")
                }
            }
            let inner = try alternation()
            guard current == ")" else { throw Unsupported(message: "expected ')'") }
            index += 1
            return inner
        default: return .scalar(scalar)
        }
    }

    /// After `\`: a class, an anchor, a control escape or a literal.
    private mutating func escape(inBracket: Bool) throws(Unsupported) -> (node: PatternNode, item: PatternSet.Item?) {
        guard let scalar = current else { throw Unsupported(message: "a trailing '\\'") }
        index += 1
        switch scalar {
        case "d": return (.set(PatternSet(items: [.digit], negated: false)), .digit)
        case "D": return (.set(PatternSet(items: [.digit], negated: true)), .not(.digit))
        case "w": return (.set(PatternSet(items: [.word], negated: false)), .word)
        case "W": return (.set(PatternSet(items: [.word], negated: true)), .not(.word))
        case "s": return (.set(PatternSet(items: [.space], negated: false)), .space)
        case "S": return (.set(PatternSet(items: [.space], negated: true)), .not(.space))
        case "b" where !inBracket: return (.wordBoundary(true), nil)
        case "B" where !inBracket: return (.wordBoundary(false), nil)
        case "n": return literal("\n")
        case "t": return literal("\t")
        case "r": return literal("\r")
        case "f": return literal("\u{C}")
        case "v": return literal("\u{B}")
        case "0": return literal("\0")
        case "x":
            var digits = ""
            while digits.count < 2, let next = current, next.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(next)
                index += 1
            }
            guard let value = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(value) else {
                throw Unsupported(message: "'\\x' takes two hex digits here")
            }
            return literal(decoded)
        default:
            if scalar.properties.isAlphabetic || ("1"..."9").contains(scalar) {
                throw Unsupported(message: "the escape '\\\(scalar)' is not supported (back-references and "
                                  + "Unicode properties need a backtracking engine)")
            }
            return literal(scalar)
        }
    }

    private func literal(_ scalar: Unicode.Scalar) -> (node: PatternNode, item: PatternSet.Item?) {
        (.scalar(scalar), .range(scalar, scalar))
    }

    /// A bracket expression after its `[`.
    private mutating func bracket() throws(Unsupported) -> PatternSet {
        var set = PatternSet(items: [], negated: false)
        if current == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while let scalar = current, scalar != "]" || first {
            first = false
            index += 1
            var low: PatternSet.Item
            if scalar == "\\" {
                guard let item = try escape(inBracket: true).item else { throw Unsupported(message: "expected ']'") }
                low = item
            } else if scalar == "[", current == ":" || current == "=" || current == "." {
                throw Unsupported(message: "POSIX classes and nested sets are not supported")
            } else {
                low = .range(scalar, scalar)
            }
            if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]", case .range(let from, _) = low {
                index += 1
                guard let upper = current else { break }
                index += 1
                var to = upper
                if upper == "\\" {
                    guard case .range(let escaped, _)? = try escape(inBracket: true).item else {
                        throw Unsupported(message: "a class escape cannot end a range")
                    }
                    to = escaped
                }
                low = .range(from, to)
            }
            set.items.append(low)
        }
        guard current == "]" else { throw Unsupported(message: "expected ']'") }
        index += 1
        return set
    }
}
