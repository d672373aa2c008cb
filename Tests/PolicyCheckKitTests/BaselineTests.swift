import PolicyCheckKit
import Testing

/// Baselines: fingerprints that survive line moves, a deterministic file, and failing only on new findings.
@Suite struct BaselineTests {
    typealias H = SuppressionHarness

    @Test func fingerprintIsSHA256OfRuleFileResourcePathAndValue() throws {
        let finding = try #require(H.run(["region-unwaived.yaml"]).findings.first { $0.ruleId == "MMC-RES-001" })
        #expect(finding.value == "eu-central-1")
        #expect(finding.fingerprint == FindingFingerprint.of(ruleId: "MMC-RES-001", file: finding.file, resource: "pilot-eu",
                                                             path: "spec.region", value: "eu-central-1"))
        #expect(finding.fingerprint.count == 64)
        #expect(FindingFingerprint.of(ruleId: "a", file: "b", resource: "c", path: "d", value: nil)
                != FindingFingerprint.of(ruleId: "a", file: "b", resource: "cd", path: "", value: nil))
        #expect(FindingFingerprint.of(ruleId: "a", file: "b", resource: "c", path: "d", value: nil)
                != FindingFingerprint.of(ruleId: "a", file: "b", resource: "c", path: "d", value: ""))
        #expect(finding.legacyFingerprint == FindingFingerprint.legacy(ruleId: "MMC-RES-001", file: finding.file, resource: "pilot-eu", path: "spec.region"))
    }

    @Test func fingerprintSurvivesLineMovesAndRewordedMessages() throws {
        let original = try #require(Fixture.check("suppressions/region-unwaived.yaml").findings("MMC-RES-001").first)
        let moved = try #require(try Fixture.check("suppressions/region-unwaived.yaml", replacing: [
            ("spec:\n", "# a new comment\n\nspec:\n"),
        ]).findings("MMC-RES-001").first)
        #expect(moved.line == original.line + 2)
        #expect(moved.fingerprint == original.fingerprint)
    }

    @Test func baselineFileIsDeterministicSortedAndRoundTrips() throws {
        let report = H.run(["region-unwaived.yaml", "region-not-ignored-by-trailing-comment-above.yaml"])
        let baseline = Baseline(recording: report.findings.reversed(), source: "baseline.json")
        let text = baseline.render()
        #expect(text == Baseline(recording: report.findings, source: "baseline.json").render())
        #expect(text.hasPrefix("{\n  \"schemaVersion\": 1,\n  \"fingerprintVersion\": 4,\n  \"findings\": ["))
        let read = try BaselineReader.parse(bytes: Array(text.utf8), path: "baseline.json")
        #expect(read.entries == baseline.entries)
        #expect(read.render() == text)
    }

    @Test func baselineSuppressesKnownFindingsAndFailsOnlyOnNewOnes() throws {
        let known = H.run(["region-unwaived.yaml"])
        let baseline = Baseline(recording: known.findings, source: "baseline.json")
        let again = H.run(["region-unwaived.yaml"], settings: SuppressionSettings(baseline: baseline))
        #expect(again.exitCode == 0)
        #expect(again.findings.count == known.findings.count)
        #expect(again.findings.allSatisfy { $0.suppression?.kind == .baseline && $0.suppression?.location == "baseline.json" })
        let withNew = H.run(["region-unwaived.yaml", "region-not-ignored-by-trailing-comment-above.yaml"],
                            settings: SuppressionSettings(baseline: baseline))
        #expect(withNew.exitCode == 1)
        #expect(withNew.failingFindings.allSatisfy { $0.file.hasSuffix("region-not-ignored-by-trailing-comment-above.yaml") })
    }

    @Test func waivedAndInlineIgnoredFindingsAreNotRecorded() throws {
        let report = H.run(["region-ignored-by-comment-above.yaml"])
        let recorded = Baseline(recording: report.findings, source: "b.json").entries
        #expect(!recorded.contains { $0.ruleId == "MMC-RES-001" })
        #expect(recorded.count == report.findings.filter { !$0.isSuppressed }.count)
    }

    @Test(arguments: [
        ("{\"schemaVersion\": 2, \"fingerprintVersion\": 1, \"findings\": []}", "'schemaVersion' must be between 1 and 1, found 2"),
        ("{\"schemaVersion\": 1, \"fingerprintVersion\": 1, \"findings\": [{\"fingerprint\": \"xyz\"}]}", "must be 64 lowercase hex digits"),
        ("{\"schemaVersion\": 1, \"fingerprintVersion\": 1, \"finding\": []}", "did you mean 'findings'?"),
        ("{\"schemaVersion\": 1,", "baseline.json:1:"),
    ])
    func invalidBaselineIsALocatedError(text: String, expected: String) {
        do {
            _ = try BaselineReader.parse(bytes: Array(text.utf8), path: "baseline.json")
            Issue.record("accepted an invalid baseline")
        } catch {
            #expect(error.items.contains { $0.description.contains(expected) }, "\(error.items)")
            #expect(error.items.allSatisfy { $0.description.hasPrefix("baseline.json:") })
        }
    }
}
