@testable import PolicyCheckModel
import PolicyCheckTestSupport
import Testing

/// Past a few dozen lookups, "did you mean" measures only the candidates a deletion index gives; it must answer as
/// measuring every candidate did (`SuggestionTests.referenceClosest`, the scan kept as the reference), ties going
/// to the first candidate, for short ids, ids longer than the index's window, dense numbered ids and candidates
/// left out one by one.
struct SuggestionIndexTests {
    /// The reference among the candidates `including` accepts.
    static func reference(_ word: String, _ candidates: [String], including: (Int) -> Bool = { _ in true }) -> String? {
        SuggestionTests.referenceClosest(word, candidates.indices.filter(including).map { candidates[$0] })
    }

    /// A word a few random edits from `base`.
    static func edited(_ base: String, edits: Int, alphabet: [Character], _ random: inout SplitMix64) -> String {
        var characters = Array(base)
        for _ in 0..<edits {
            let position = Int.random(in: 0...characters.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where position < characters.count: characters.remove(at: position)
            case 1 where position < characters.count: characters[position] = alphabet.randomElement(using: &random)!
            default: characters.insert(alphabet.randomElement(using: &random)!, at: position)
            }
        }
        return String(characters)
    }

    @Test func indexedCandidatesSuggestWhatMeasuringEveryCandidateSuggested() {
        var random = SplitMix64(seed: 41)
        let alphabet: [Character] = ["a", "b", "c", "-", "1", "2", "É", "é", "ß", "İ", "😀"]
        for _ in 0..<300 {
            let candidates = (0..<Int.random(in: 65...140, using: &random)).map { _ in
                SuggestionTests.word(&random, alphabet: alphabet, length: 0...22)
            }
            let index = Suggestion.Candidates(candidates, indexAfter: 0)
            for _ in 0..<8 {
                let word = Bool.random(using: &random)
                    ? Self.edited(candidates.randomElement(using: &random)!, edits: Int.random(in: 0...4, using: &random),
                                  alphabet: alphabet, &random)
                    : SuggestionTests.word(&random, alphabet: alphabet, length: 0...22)
                #expect(index.closest(to: word) == Self.reference(word, candidates), "\(word) among \(candidates)")
            }
        }
    }

    @Test func indexedCandidatesAnswerDenseNumberedIdsAsTheScan() {
        var random = SplitMix64(seed: 43)
        let alphabet: [Character] = ["0", "1", "2", "9", "X", "-", "r"]
        let families: [(Int) -> String] = [
            { "ACME-R-" + String(String($0 + 100_000).dropFirst()) },
            { "R\($0)" },
            { "MMC-NET-\($0 % 7)-BUCKET-POLICY-\($0)" },
        ]
        for family in families {
            let candidates = (0..<1000).map(family)
            let index = Suggestion.Candidates(candidates, indexAfter: 0)
            for _ in 0..<80 {
                let word = Self.edited(candidates.randomElement(using: &random)!, edits: Int.random(in: 0...5, using: &random),
                                       alphabet: alphabet, &random)
                #expect(index.closest(to: word) == Self.reference(word, candidates), "\(word)")
            }
        }
    }

    @Test func indexedCandidatesLeftOutOneByOneAnswerAsTheScan() {
        var random = SplitMix64(seed: 47)
        let alphabet: [Character] = ["a", "b", "-", "1", "2"]
        let candidates = (0..<400).map { _ in SuggestionTests.word(&random, alphabet: alphabet, length: 1...16) }
        let index = Suggestion.Candidates(candidates, indexAfter: 0)
        var removed = [Bool](repeating: false, count: candidates.count)
        for _ in 0..<300 {
            removed[Int.random(in: 0..<candidates.count, using: &random)] = true
            let word = Self.edited(candidates.randomElement(using: &random)!, edits: Int.random(in: 0...3, using: &random),
                                   alphabet: alphabet, &random)
            let including = { (position: Int) in !removed[position] }
            #expect(index.closest(to: word, including: including) == Self.reference(word, candidates, including: including),
                    "\(word)")
        }
    }

    @Test func aWordAskedAgainGetsTheSameAnswerWhenCandidatesSwitchToTheIndex() {
        let candidates = (0..<200).map { "RULE-\($0)" }
        let prepared = Suggestion.Candidates(candidates, indexAfter: 3)
        let words = ["RULE-1x", "rule-19", "RULE-", "nothing-like-it", "RULE-1x", "RULE-150a", "rule-19"]
        for word in words + words {
            #expect(prepared.closest(to: word) == Self.reference(word, candidates), "\(word)")
        }
    }

    @Test func aStringsVariantsAreTheStringsLeftAfterAtMostThreeDeletionsEachOnceWithTheFewest() {
        for text in ["abcab", "aaaa", "", "x", "acme-r-00000"] {
            var fewest: [String: Int] = [:]
            let characters = Array(text)
            for mask in 0..<(1 << characters.count) where mask.nonzeroBitCount <= 3 {
                let left = String(characters.indices.filter { mask & (1 << $0) == 0 }.map { characters[$0] })
                fewest[left] = min(fewest[left] ?? 4, mask.nonzeroBitCount)
            }
            var passed = 0
            DeletionIndex.forEachVariant(of: Array(text.unicodeScalars.map(\.value))[...]) { _, _ in passed += 1 }
            #expect(passed == DeletionIndex.variantCount(of: characters.count), "\(text)")
            let variants = DeletionIndex.variants(of: Array(text.unicodeScalars.map(\.value))[...])
            #expect(variants.count == fewest.count, "\(text)")
            #expect(variants.map { Int($0 & 3) }.sorted() == fewest.values.sorted(), "\(text)")
            #expect(variants.map { $0 & 3 } == variants.map { $0 & 3 }.sorted(), "fewest deletions first")
        }
    }
}
