import PolicyCheckKit
import PolicyCheckModel
import PolicyCheckTestSupport
import Testing

/// Waivers naming one rule are tried only on that rule's findings, and globs on every finding; which waiver covers a
/// finding and how many each matches must be what trying every waiver on every finding gave.
@Suite struct WaiverCandidateTests {
    static let approved = Timestamp(iso8601: "2026-01-01")!
    static let now = Timestamp(iso8601: "2026-06-01")!

    static func waiver(_ rule: String, _ resource: String, reason: String, expires: String = "2026-12-01",
                       file: String? = nil) -> Waiver {
        Waiver(rule: rule, resource: resource, file: file, reason: reason, requestedBy: "a@example.com",
               approvedBy: "b@example.com", approvedOn: approved, expiresAt: Timestamp(iso8601: expires)!,
               expires: expires, source: "waivers.yaml", line: 1, column: 1)
    }

    static func finding(_ rule: String, _ resource: String, file: String = "stack.yaml") -> Finding {
        Finding(ruleId: rule, title: "t", category: .network, severity: .high, resource: resource, file: file, line: 1,
                column: 1, path: "p", message: "m", remediation: "r", controls: [])
    }

    /// The waivers in force for a finding, as every waiver was tried in file order before.
    static func reference(_ waivers: [Waiver], _ finding: Finding) -> (reason: String?, matched: [Bool]) {
        let matched = waivers.map { $0.approvedOn <= now && $0.covers(finding) }
        let reason = waivers.indices.first { matched[$0] && !waivers[$0].isExpired(at: now) }.map { waivers[$0].reason }
        return (reason, matched)
    }

    @Test func theFirstWaiverInForceInFileOrderWinsWhetherItNamesTheRuleOrAGlob() {
        let waivers = [
            Self.waiver("MMC-NET-*", "svc-a", reason: "glob first"),
            Self.waiver("MMC-NET-001", "svc-*", reason: "literal"),
            Self.waiver("MMC-NET-001", "svc-b", reason: "expired literal", expires: "2026-03-01"),
            Self.waiver("MMC-???-001", "svc-c", reason: "question marks"),
            Self.waiver("MMC-RES-001", "*", reason: "other rule", file: "*.tf"),
            Self.waiver("MMC-NET-001", "svc-d", reason: "later literal"),
            Self.waiver("MMC\\-NET-002", "*", reason: "escaped"),
        ]
        var findings = [
            Self.finding("MMC-NET-001", "svc-a"), Self.finding("MMC-NET-001", "svc-b"),
            Self.finding("MMC-NET-001", "svc-c"), Self.finding("MMC-NET-001", "svc-d"),
            Self.finding("MMC-RES-001", "x", file: "main.tf"), Self.finding("MMC-RES-001", "x", file: "a.yaml"),
            Self.finding("MMC-NET-002", "svc-z"), Self.finding("MMC-KEY-001", "k"),
        ]
        let expected = findings.map { Self.reference(waivers, $0) }
        let statuses = WaiverApplication.apply(WaiverFile(path: "waivers.yaml", sha256: "", waivers: waivers),
                                               to: &findings, at: Self.now)
        #expect(findings.map { $0.suppression?.justification } == expected.map(\.reason))
        #expect(statuses.map(\.matched) == waivers.indices.map { position in expected.count { $0.matched[position] } })
        #expect(findings.map { $0.suppression?.justification } == [
            "glob first", "literal", "literal", "literal", "other rule", nil, "escaped", nil,
        ])
    }
}

/// The resource index leaves out only patterns that cannot match: random patterns of literals, wildcards, brackets
/// and escapes over random names give what trying every waiver on every finding gave.
@Suite struct WaiverResourceIndexTests {
    @Test func randomPatternsCoverWhatTryingEveryWaiverCovered() {
        var random = SplitMix64(seed: 17)
        let pieces = ["a", "b", "/", "-", "é", "e\u{301}", "*", "?", "[ab]", "[!a]", "\\*", "\\a", "]", "[", "**"]
        func text(_ count: Int, _ from: [String]) -> String {
            (0..<count).map { _ in from.randomElement(using: &random)! }.joined()
        }
        for _ in 0..<200 {
            let waivers = (0..<Int.random(in: 1...12, using: &random)).map { index in
                WaiverCandidateTests.waiver(Bool.random(using: &random) ? "MMC-NET-001" : "MMC-*",
                                            text(Int.random(in: 0...4, using: &random), pieces), reason: "w\(index)",
                                            expires: Bool.random(using: &random) ? "2026-12-01" : "2026-03-01")
            }
            var findings = (0..<20).map { _ in
                WaiverCandidateTests.finding("MMC-NET-001", text(Int.random(in: 0...5, using: &random),
                                                                 ["a", "b", "/", "-", "é", "e\u{301}", "*", "]", "[", "\\"]))
            }
            let expected = findings.map { WaiverCandidateTests.reference(waivers, $0) }
            let statuses = WaiverApplication.apply(WaiverFile(path: "waivers.yaml", sha256: "", waivers: waivers),
                                                   to: &findings, at: WaiverCandidateTests.now)
            #expect(findings.map { $0.suppression?.justification } == expected.map(\.reason))
            #expect(statuses.map(\.matched) == waivers.indices.map { position in expected.count { $0.matched[position] } })
        }
    }
}

/// What the index keeps of a pattern is only where to look: patterns longer than it keeps still match by all of
/// their text, and a NUL (JSON's `\u0000`) never makes a name pass for its beginning.
@Suite struct WaiverResourcePatternEdgeTests {
    static func matched(_ waivers: [Waiver], _ resources: [String]) -> [Int] {
        var findings = resources.map { WaiverCandidateTests.finding("MMC-NET-001", $0) }
        return WaiverApplication.apply(WaiverFile(path: "waivers.yaml", sha256: "", waivers: waivers), to: &findings,
                                       at: WaiverCandidateTests.now).map(\.matched)
    }

    @Test func patternsLongerThanTheIndexMatchByAllTheirText() {
        let long = "Service/prod/" + String(repeating: "a", count: 10_000)
        let waivers = [
            WaiverCandidateTests.waiver("MMC-NET-001", long + "*", reason: "prefix"),
            WaiverCandidateTests.waiver("MMC-NET-001", "*" + long, reason: "suffix"),
            WaiverCandidateTests.waiver("MMC-NET-001", long + "b", reason: "literal"),
        ]
        #expect(Self.matched(waivers, [long + "b", long, String(long.dropLast()) + "cb", "x" + long]) == [2, 2, 1])
    }

    @Test func aNameWithANulIsNotCoveredByAPatternForItsBeginning() {
        let waivers = [
            WaiverCandidateTests.waiver("MMC-NET-001", "Service/prod/lb-1", reason: "literal"),
            WaiverCandidateTests.waiver("MMC-NET-001", "Service/prod/lb-*-db", reason: "glob"),
            WaiverCandidateTests.waiver("MMC-NET-001", "Service/prod/lb-1\u{0}x", reason: "with the NUL"),
        ]
        #expect(Self.matched(waivers, ["Service/prod/lb-1\u{0}x", "Service/prod/lb-2-db\u{0}x"]) == [0, 0, 1])
    }
}
