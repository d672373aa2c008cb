import PolicyCheckModel
import PolicyCheckReport
import Testing

/// Waivers and inline ignores look rule ids up in one preparation for the whole run; past a few dozen unknown ids
/// its suggestions come from an index, and each must be the one a lone unknown id gets.
struct KnownRulesTests {
    @Test func manyUnknownIdsEachGetTheSuggestionALoneOneGets() {
        let ids = (0..<300).map { "MMC-NET-\($0)" } + (0..<300).map { "ACME-\($0)-BUCKET" }
        let known = KnownRules(ids)
        for number in 0..<400 {
            for typo in ["MMC-NT-\(number)", "acme-\(number)-bucket", "ACME-\(number)-BUCKETS", "OTHER-\(number)"] {
                #expect(known.suggestion(for: typo) == Suggestion.clause(for: typo, among: ids), "\(typo)")
            }
        }
        #expect(known.contains("MMC-NET-7"))
        #expect(!known.contains("MMC-NET-300"))
    }
}
