import PolicyCheckKit
import Testing

/// A baseline keyed by the offending value (fingerprint version 2, docs/security.md item 10): 0.1.0 kept a
/// baselined `region` "in baseline" whatever it was changed to.
@Suite struct BaselineValueTests {
    private func regionFinding(_ region: String) throws -> Finding {
        try #require(try Fixture.check("suppressions/region-unwaived.yaml", replacing: [("eu-central-1", region)])
            .findings("MMC-RES-001").first)
    }

    @Test func aBaselinedValueChangedToAnotherIsANewFinding() throws {
        let recorded = try regionFinding("us-east-2")
        let baseline = Baseline(recording: [recorded], source: "baseline.json")
        var same = [try regionFinding("us-east-2")]
        #expect(baseline.apply(to: &same) == 1)
        var changed = [try regionFinding("cn-north-1")]
        #expect(baseline.apply(to: &changed) == 0, "the value changed: not the finding that was baselined")
        #expect(changed.first?.suppression == nil)
    }

    @Test func theValueIsTheScalarAtTheOriginWhateverTheQuoting() throws {
        #expect(try regionFinding("\"us-east-2\"").value == "\"us-east-2\"")
        #expect(try regionFinding("'us-east-2'   # a comment").value == "'us-east-2'")
    }

    @Test func versionOneBaselinesStillMatchByTheLegacyFingerprint() throws {
        let recorded = try regionFinding("us-east-2")
        let text = """
            {"schemaVersion": 1, "fingerprintVersion": 1, "findings": [{"fingerprint": "\(recorded.legacyFingerprint)", "ruleId": "MMC-RES-001"}]}
            """
        let baseline = try BaselineReader.parse(bytes: Array(text.utf8), path: "old.json")
        #expect(baseline.ignoresValues)
        var changed = [try regionFinding("cn-north-1")]
        #expect(baseline.apply(to: &changed) == 1, "version 1 cannot tell values apart (the CLI warns)")
        let rewritten = Baseline(recording: changed, source: "new.json")
        #expect(rewritten.fingerprintVersion == 2 && !rewritten.ignoresValues)
        #expect(rewritten.render().contains("\"fingerprintVersion\": 2"))
    }
}
