/// A parsed custom-rule regular expression: the subset policycheck matches in linear time.
indirect enum PatternNode: Sendable, Equatable {
    case empty
    case scalar(Unicode.Scalar)
    /// `.`: any scalar but a line feed.
    case any
    case set(PatternSet)
    /// `^`: the start of the text.
    case start
    /// `$`: the end of the text (as Swift's `Regex` reads it).
    case end
    /// `\b` (true) or `\B` (false).
    case wordBoundary(Bool)
    case concatenation([PatternNode])
    case alternation([PatternNode])
    /// `min` to `max` repetitions (`nil`: no upper bound).
    case repetition(PatternNode, min: Int, max: Int?)

    /// Whether the node repeats something more than once (`*`, `+`, `{2,}`, `{1,5}`…), directly or inside.
    var repeatsMoreThanOnce: Bool {
        switch self {
        case .repetition(let inner, _, let max): return max.map { $0 > 1 } ?? true || inner.repeatsMoreThanOnce
        case .concatenation(let items), .alternation(let items): return items.contains(where: \.repeatsMoreThanOnce)
        default: return false
        }
    }

    /// The first repetition of a repetition (`(A+)+`, `(\w+\s?)*`): the shape backtracking engines take exponential
    /// time on. policycheck's matcher does not, but a pack should stay safe wherever its patterns are reused.
    var nestedQuantifier: Bool {
        switch self {
        case .repetition(let inner, _, let max):
            if max.map({ $0 > 1 }) ?? true, inner.repeatsMoreThanOnce { return true }
            return inner.nestedQuantifier
        case .concatenation(let items), .alternation(let items): return items.contains(where: \.nestedQuantifier)
        default: return false
        }
    }
}

/// A bracket expression (`[a-z_]`, `[^0-9]`) or a class escape (`\d`, `\w`, `\s` and their negations).
struct PatternSet: Sendable, Equatable {
    enum Item: Sendable, Equatable {
        case range(Unicode.Scalar, Unicode.Scalar)
        case digit, word, space
        indirect case not(Item)
    }

    var items: [Item]
    var negated: Bool

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        items.contains { Self.matches($0, scalar) } != negated
    }

    private static func matches(_ item: Item, _ scalar: Unicode.Scalar) -> Bool {
        switch item {
        case .range(let low, let high): return low <= scalar && scalar <= high
        case .digit: return scalar.properties.generalCategory == .decimalNumber
        case .word: return PatternSet.isWord(scalar)
        case .space: return scalar.properties.isWhitespace
        case .not(let inner): return !matches(inner, scalar)
        }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" || scalar.properties.isAlphabetic { return true }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .connectorPunctuation: return true
        default: return false
        }
    }
}
