/// The waivers whose rule pattern matches a rule id, in file order, found without matching every waiver: a literal id
/// by a table, a glob once per distinct pattern. A run's findings have a few dozen rule ids; each is asked once.
struct WaiverRuleIndex {
    private let patterns: [String]
    private var literal: [String: [Int]] = [:]
    /// Each distinct glob (by its bytes: `String` equality would merge canonically equivalent spellings, which
    /// `fnmatch` tells apart) and the positions of the waivers using it.
    private var globs: [(pattern: String, positions: [Int])] = []

    /// The rule patterns of a waiver file, in file order.
    init(_ patterns: [String]) {
        self.patterns = patterns
        var globIndex: [[UInt8]: Int] = [:]
        for (position, pattern) in patterns.enumerated() {
            if pattern.utf8.contains(where: { "*?[\\".utf8.contains($0) }) {
                let bytes = Array(pattern.utf8)
                if let index = globIndex[bytes] {
                    globs[index].positions.append(position)
                } else {
                    globIndex[bytes] = globs.count
                    globs.append((pattern, [position]))
                }
            } else {
                literal[pattern, default: []].append(position)
            }
        }
    }

    /// Positions of the waivers whose rule pattern matches `ruleId`, in file order.
    func positions(for ruleId: String) -> [Int] {
        // The table also finds canonically equivalent spellings; `Waiver.matches` keeps only the same bytes.
        var found = (literal[ruleId] ?? []).filter { Waiver.matches(patterns[$0], ruleId) }
        for glob in globs where Waiver.matches(glob.pattern, ruleId) { found += glob.positions }
        found.sort()
        return found
    }
}
