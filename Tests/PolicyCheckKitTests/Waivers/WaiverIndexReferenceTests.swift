#if canImport(Glibc)
import Glibc
import PolicyCheckKit
import PolicyCheckModel
import PolicyCheckTestSupport
import Testing

/// Indexing waivers by rule and by resource (names, prefixes, suffixes, runs inside `*…*` globs) and matching long
/// inputs without `fnmatch` change nothing: on random rules, resources and files, which waiver covers each finding and
/// how many findings each waiver matches are what the old scan gave, every waiver tried on every finding with
/// `fnmatch`.
@Suite struct WaiverIndexReferenceTests {
    /// The old scan: every waiver, in file order, matched with `fnmatch` (a NUL in either: the same bytes only).
    static func oldScan(_ waivers: [Waiver], _ finding: Finding) -> (reason: String?, matched: [Bool]) {
        let matched = waivers.map { waiver in
            waiver.approvedOn <= WaiverCandidateTests.now && GlobSamples.fnmatches(waiver.rule, finding.ruleId)
                && GlobSamples.fnmatches(waiver.resource, finding.resource)
                && (waiver.file.map { Glob.matches($0, finding.file) } ?? true)
        }
        let reason = waivers.indices.first { matched[$0] && !waivers[$0].isExpired(at: WaiverCandidateTests.now) }
            .map { waivers[$0].reason }
        return (reason, matched)
    }

    static let rules = ["MMC-NET-001", "MMC-NET-002", "MMC-RES-001", "MMC-KEY-010", "MMC-ÉNC-001", "MMC-E\u{301}NC-001"]
    static let rulePatterns = rules + ["MMC-NET-*", "MMC-???-001", "MMC-[NR]E?-00[12]", "MMC\\-NET-002", "*-001",
                                       "MMC-[!N]*", "MMC-É*", "MMC-E\u{301}*"]

    static func check(_ waivers: [Waiver], _ findings: [Finding]) {
        var findings = findings
        let expected = findings.map { oldScan(waivers, $0) }
        let statuses = WaiverApplication.apply(WaiverFile(path: "waivers.yaml", sha256: "", waivers: waivers),
                                               to: &findings, at: WaiverCandidateTests.now)
        #expect(findings.map { $0.suppression?.justification } == expected.map(\.reason))
        #expect(statuses.map(\.matched) == waivers.indices.map { position in expected.count { $0.matched[position] } })
    }

    @Test func randomWaiversCoverWhatTheOldScanCovered() {
        var samples = GlobSamples(random: SplitMix64(seed: 1_700))
        for _ in 0..<1_500 {
            var resources: [String] = []
            var names: [String] = []
            for _ in 0..<Int.random(in: 1...8, using: &samples.random) {
                let (pattern, name) = samples.pair(pieces: Int.random(in: 0...5, using: &samples.random))
                resources.append(pattern)
                names.append(name)
            }
            let waivers = (0..<Int.random(in: 1...16, using: &samples.random)).map { index in
                WaiverCandidateTests.waiver(Self.rulePatterns.randomElement(using: &samples.random)!,
                                            resources.randomElement(using: &samples.random)!, reason: "w\(index)",
                                            expires: Bool.random(using: &samples.random) ? "2026-12-01" : "2026-03-01",
                                            file: Int.random(in: 0..<5, using: &samples.random) == 0 ? "*.tf" : nil)
            }
            let findings = (0..<24).map { _ in
                WaiverCandidateTests.finding(Self.rules.randomElement(using: &samples.random)!,
                                             Bool.random(using: &samples.random) ? names.randomElement(using: &samples.random)!
                                                 : samples.noise(Int.random(in: 0...6, using: &samples.random)),
                                             file: Bool.random(using: &samples.random) ? "main.tf" : "stack.yaml")
            }
            Self.check(waivers, findings)
        }
    }

    @Test func longRunsNulsAndLongNamesCoverWhatTheOldScanCovered() {
        var random = SplitMix64(seed: 17)
        let long = String(repeating: "ab", count: 40)
        let resources = [
            "*" + long + "*", "*" + long + "x*", "*-" + long.prefix(31) + "*", "*lb\u{0}x*", "*[ab]" + long + "?*",
            "*" + String(repeating: "a?", count: 20) + "*", "Service/*" + long, "*" + long, "*a*b*a*b*",
            "*" + String(repeating: "ab", count: 300) + "*",
        ]
        let names = [
            long, "x" + long + "x", "-" + long, "*lb\u{0}x*", "lb\u{0}x", "b" + long + "c",
            "Service/" + String(repeating: "a", count: 600) + long, String(repeating: "ab", count: 400),
            String(repeating: "ab", count: 299) + "-" + String(repeating: "ab", count: 301),
        ]
        for _ in 0..<200 {
            let waivers = (0..<Int.random(in: 1...8, using: &random)).map { index in
                WaiverCandidateTests.waiver(Self.rulePatterns.randomElement(using: &random)!,
                                            resources.randomElement(using: &random)!, reason: "w\(index)")
            }
            let findings = (0..<12).map { _ in
                WaiverCandidateTests.finding(Self.rules.randomElement(using: &random)!, names.randomElement(using: &random)!)
            }
            Self.check(waivers, findings)
        }
    }
}
#endif
