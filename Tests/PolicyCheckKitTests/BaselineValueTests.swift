import KeyMaterial
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
        #expect(rewritten.fingerprintVersion == 4 && !rewritten.ignoresValues)
        #expect(rewritten.render().contains("\"fingerprintVersion\": 4"))
    }

    @Test("a finding in its own files keeps its version 2 fingerprint; one reached through a deployment names it")
    func theDeploymentEntersOnlyFingerprintsOfFindingsInSharedFiles() throws {
        var finding = try regionFinding("us-east-2")
        var version2: [UInt8] = Array("MMC-RES-001".utf8)
        for part in [finding.file, finding.resource, finding.path] { version2 += [0] + Array(part.utf8) }
        version2 += [0] + Array("=".utf8) + Array((finding.value ?? "").utf8)
        #expect(finding.fingerprint == Digest.sha256(version2), "version 2 baselines keep matching")
        let own = finding.fingerprint
        let legacy = finding.legacyFingerprint
        finding.deployment = "app1"
        let first = finding.fingerprint
        finding.deployment = "app2"
        #expect(Set([own, first, finding.fingerprint]).count == 3)
        #expect(finding.legacyFingerprint != legacy, "no version 1 entry covers a finding that names its deployment")
        var recordedForApp1 = finding
        recordedForApp1.deployment = "app1"
        let baseline = Baseline(recording: [recordedForApp1], source: "baseline.json")
        var reachedThroughApp2 = [finding]
        #expect(baseline.apply(to: &reachedThroughApp2) == 0)
        var reachedThroughApp1 = [recordedForApp1]
        #expect(baseline.apply(to: &reachedThroughApp1) == 1)
    }

    private func sshFinding(from: Int, to: Int) throws -> Finding {
        let json = """
            {"format_version": "1.2", "resource_changes": [{"address": "aws_security_group.sg", "mode": "managed",
              "type": "aws_security_group", "name": "sg", "change": {"actions": ["create"], "after": {"name": "sg",
                "ingress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": \(from), "to_port": \(to), "protocol": "tcp",
                             "description": "ssh"}]}}}]}
            """
        return try #require(try TerraformFixture.findings("MMC-NET-001", json: json).first)
    }

    /// Version 4: a baselined world-open SSH rule (`0.0.0.0/0` on port 22) widened to every port kept its value,
    /// path and fingerprint, and stayed "in baseline" (docs/security.md, row 42). The ports are part of it now.
    @Test func aBaselinedWorldOpenEntryThatOpensMorePortsIsANewFinding() throws {
        let recorded = try sshFinding(from: 22, to: 22)
        let baseline = Baseline(recording: [recorded], source: "baseline.json")
        var same = [try sshFinding(from: 22, to: 22)]
        #expect(baseline.apply(to: &same) == 1)
        var widened = [try sshFinding(from: 0, to: 65535)]
        #expect(widened.first?.value?.hasPrefix("\"0.0.0.0/0\"") == true, "\(String(describing: widened.first?.value))")
        #expect(baseline.apply(to: &widened) == 0, "every port is not the SSH port that was baselined")
        #expect(widened.first?.suppression == nil)
    }
}
