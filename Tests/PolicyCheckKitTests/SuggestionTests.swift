@testable import PolicyCheckModel
import PolicyCheckTestSupport
import Testing

/// "Did you mean" is computed within a band of the diagonal and against prepared candidates; it must answer as the
/// full edit distance over every candidate did (kept here as the reference).
struct SuggestionTests {
    /// Levenshtein distance over Unicode scalars, every cell computed.
    static func fullDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The suggestion as it was chosen before: the first candidate at the smallest full distance, if plausible.
    static func referenceClosest(_ word: String, _ candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = fullDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        return distance <= max(1, min(3, candidate.count / 3)) ? candidate : nil
    }

    static func word(_ random: inout SplitMix64, alphabet: [Character], length: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: length, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    @Test func boundedDistanceIsTheFullDistanceWithinItsBound() {
        var random = SplitMix64(seed: 17)
        let alphabet: [Character] = ["a", "b", "c", "é", "😀"]
        for _ in 0..<4000 {
            let a = Array(Self.word(&random, alphabet: alphabet, length: 0...9).unicodeScalars)
            let b = Array(Self.word(&random, alphabet: alphabet, length: 0...9).unicodeScalars)
            let full = Self.fullDistance(a, b)
            for bound in 0...4 {
                #expect(Suggestion.boundedDistance(a, b, bound: bound) == (full <= bound ? full : nil),
                        "\(a) \(b) bound \(bound)")
            }
        }
    }

    @Test func preparedCandidatesSuggestWhatTheFullSearchSuggested() {
        var random = SplitMix64(seed: 29)
        let alphabet: [Character] = ["k", "e", "y", "-", "1", "2", "A", "ü"]
        for _ in 0..<600 {
            let candidates = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                Self.word(&random, alphabet: alphabet, length: 1...10)
            }
            let word = Self.word(&random, alphabet: alphabet, length: 0...10)
            #expect(Suggestion.closest(to: word, among: candidates) == Self.referenceClosest(word, candidates),
                    "\(word) among \(candidates)")
        }
        #expect(Suggestion.clause(for: "databse", among: ["database", "cache"]) == " (did you mean 'database'?)")
        #expect(Suggestion.clause(for: "zzzzzz", among: ["database"]) == "")
    }
}
