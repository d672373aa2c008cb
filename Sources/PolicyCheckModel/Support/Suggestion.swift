/// "Did you mean …?" suggestions by edit distance.
public enum Suggestion {
    /// The largest distance a suggestion may be at (`DeletionIndex` files variants for exactly this distance).
    static let maxDistance = 3

    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        Candidates(candidates).closest(to: word)
    }

    /// " (did you mean 'x'?)" or an empty string.
    public static func clause(for word: String, among candidates: [String]) -> String {
        Candidates(candidates).clause(for: word)
    }

    /// Candidates prepared once (lowercased, as scalars, and past a few dozen lookups indexed) for many lookups: a
    /// check that suggests a declared key for each of thousands of unresolved references neither lowercases every
    /// key for every reference nor measures its distance to every key (`SuggestionSearch`). Copies share the
    /// preparation.
    public struct Candidates: Sendable {
        private let names: [String]
        private let search: SuggestionSearch

        public init(_ names: [String]) {
            self.init(names, indexAfter: SuggestionSearch.indexedAfter)
        }

        /// Candidates indexed after `indexAfter` lookups (tests index from the first).
        init(_ names: [String], indexAfter: Int) {
            self.names = names
            search = SuggestionSearch(names, indexAfter: indexAfter)
        }

        /// The first candidate at the smallest distance from `word`, when that distance is plausible for a typo of
        /// it (at most a third of its length, between 1 and 3). Distances past 3 are never needed, so each is
        /// computed only within that band, and candidates whose lengths differ by more are skipped.
        public func closest(to word: String) -> String? {
            search.suggestion(for: word, including: { _ in true }, remembered: true).map { names[$0] }
        }

        /// `closest(to:)` among the candidates whose positions (in the order given to `init`) `including` accepts:
        /// a list whose names leave it one by one keeps one preparation for all of its lookups.
        public func closest(to word: String, including: (Int) -> Bool) -> String? {
            search.suggestion(for: word, including: including, remembered: false).map { names[$0] }
        }

        /// " (did you mean 'x'?)" or an empty string.
        public func clause(for word: String) -> String {
            closest(to: word).map { " (did you mean '\($0)'?)" } ?? ""
        }

        /// `clause(for:)` among the candidates whose positions `including` accepts.
        public func clause(for word: String, including: (Int) -> Bool) -> String {
            closest(to: word, including: including).map { " (did you mean '\($0)'?)" } ?? ""
        }
    }

    /// The edit distance of `a` and `b` when it is at most `bound`, else `nil`: only cells within `bound` of the
    /// diagonal are computed, and a row whose every cell exceeds `bound` ends the search.
    static func boundedDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = bound + 1
        var previous = [Int](repeating: outside, count: b.count + 1)
        var current = [Int](repeating: outside, count: b.count + 1)
        for j in 0...min(b.count, bound) { previous[j] = j }
        for i in 1...a.count {
            let low = max(1, i - bound)
            let high = min(b.count, i + bound)
            current[low - 1] = low == 1 && i <= bound ? i : outside
            var rowMinimum = current[low - 1]
            if low <= high {
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, outside)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
            }
            if high < b.count { current[high + 1] = outside }
            guard rowMinimum <= bound else { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}
