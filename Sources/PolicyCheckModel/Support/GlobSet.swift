/// Many globs matched against many paths (`exclude:` and `include:`): a path tries only the globs whose literal text
/// occurs in it, found in one pass over its bytes (`LiteralScanner`), and each of those is still matched in full
/// with `fnmatch`. Only globs with no literal text (`*`, `?*.*`) are tried on every path. Matching every glob against
/// every path made 10,000 `exclude:` globs over 10,000 files take 15.8 s.
///
/// Which glob matches is never asked, only whether one does, so the order globs are tried in does not matter.
public struct GlobSet: Sendable {
    /// How many bytes of a glob's literal text are looked for (the rest still has to match, so leaving it out only
    /// adds globs to try), so a glob of 2 MB costs no more than its size.
    static let indexedLength = 32

    private let patterns: [Glob.Pattern]
    private let literals: LiteralScanner
    /// Positions of the globs tried on every path.
    private let everywhere: [Int]

    public init(_ globs: [String]) {
        var seen: Set<[UInt8]> = []
        var patterns: [Glob.Pattern] = []
        var literals: [(bytes: [UInt8], value: Int32)] = []
        var everywhere: [Int] = []
        // The same glob twice is tried once (the same bytes make the same `fnmatch` pattern).
        for glob in globs where seen.insert(Array(glob.utf8)).inserted {
            let pattern = Glob.Pattern(glob)
            if let literal = Self.requiredLiteral(Array(pattern.text.utf8)) {
                literals.append((Array(literal.suffix(Self.indexedLength)), Int32(patterns.count)))
            } else {
                everywhere.append(patterns.count)
            }
            patterns.append(pattern)
        }
        self.patterns = patterns
        self.literals = LiteralScanner(literals)
        self.everywhere = everywhere
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether any of the globs matches `path`.
    public func matchesAny(_ path: String) -> Bool {
        literals.first(in: path.utf8) { patterns[Int($0)].matches(path) }
            || everywhere.contains { patterns[$0].matches(path) }
    }

    // MARK: - Literal text

    /// The longest run of bytes every path a glob matches must contain, read as `fnmatch` reads the glob: up to its
    /// first NUL (where the C string ends), between wildcards (`*`, `?`) and escapes, and only before the first `[`
    /// or after the last `[` or `]` — a bracket expression in between is a set of bytes, not text. (After the last
    /// of them no bracket can still be open: it would need a `]` to close, and one left open makes its `[` literal
    /// or the glob match nothing.) `nil` when there is none.
    static func requiredLiteral(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let text = bytes.prefix { $0 != 0 }
        let isBracket = { (byte: UInt8) in byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") }
        let firstBracket = text.firstIndex(of: UInt8(ascii: "[")) ?? text.endIndex
        let afterLastBracket = text.lastIndex(where: isBracket).map { $0 + 1 } ?? text.endIndex
        var best: ArraySlice<UInt8>?
        for region in [text[..<firstBracket], text[afterLastBracket...]] {
            for run in region.split(whereSeparator: Self.isSpecial) where run.count > best?.count ?? 0 {
                best = run
            }
        }
        return best
    }

    /// A byte `fnmatch` reads as more than itself (a wildcard, an escape, a bracket), or that may be inside a bracket.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }
}
