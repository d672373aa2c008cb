import Foundation
import Testing

/// A bundle edited after it was written (docs/security.md, "Hostile bundle"): `verify-report` says INTACT only when the
/// signature verified with the key given; without a key the verdict is UNVERIFIED or UNSIGNED and the exit code 3.
@Suite struct HostileBundleTests {
    /// 0.1.0 printed INTACT and exited 0 here: the verdict was flipped in evidence.json of a signed bundle and
    /// `verify-report` ran without `--pubkey`.
    @Test func anEditedSignedBundleCheckedWithoutAKeyIsNotIntact() throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        #expect(try workspace.report(out: "bundle", extra: ["--sign-key", key.privateKey]).status == 1)
        try flipVerdict(workspace)
        let unkeyed = try workspace.run(["verify-report", "bundle"])
        #expect(unkeyed.status == 3, "\(unkeyed.stdout)\(unkeyed.stderr)")
        #expect(unkeyed.stdout.contains("no key  signature: no --pubkey given"))
        #expect(unkeyed.stdout.contains("UNVERIFIED: the bundle is signed but no --pubkey was given"))
        #expect(!unkeyed.stdout.contains("INTACT"))
        let keyed = try workspace.run(["verify-report", "bundle", "--pubkey", key.publicKey])
        #expect(keyed.status == 1)
        #expect(keyed.stdout.contains("CHANGED signature: does not verify"))
    }

    @Test func aStrippedSignatureIsAChangeEvenWithoutAKey() throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        _ = try workspace.report(out: "bundle", extra: ["--sign-key", key.privateKey])
        try FileManager.default.removeItem(atPath: workspace.path("bundle/evidence.json.sig"))
        let result = try workspace.run(["verify-report", "bundle"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("CHANGED signature: evidence.json declares a signer but evidence.json.sig is missing"))
        #expect(result.stdout.contains("ALTERED: signature"))
    }

    @Test func anUnsignedBundleIsUnsignedNotIntact() throws {
        let workspace = try EvidenceWorkspace()
        _ = try workspace.report(out: "bundle")
        let clean = try workspace.run(["verify-report", "bundle"])
        #expect(clean.status == 3, "\(clean.stdout)")
        #expect(clean.stdout.contains("skipped signature: the bundle is unsigned"))
        #expect(clean.stdout.contains("UNSIGNED: the bundle carries no signature;"))
        // Edits that reach a recorded hash are caught without a key.
        try flipArtifactHash(workspace)
        let edited = try workspace.run(["verify-report", "bundle"])
        #expect(edited.status == 1, "\(edited.stdout)")
        #expect(edited.stdout.contains("CHANGED report.md: sha256 is"))
    }

    /// `"verdict": "fail"` → `"verdict": "pass"` (same length, so nothing else moves).
    private func flipVerdict(_ workspace: EvidenceWorkspace) throws {
        let text = String(decoding: try workspace.read("bundle/evidence.json"), as: UTF8.self)
        #expect(text.contains("\"verdict\": \"fail\""))
        try workspace.write("bundle/evidence.json", text.replacingOccurrences(of: "\"verdict\": \"fail\"", with: "\"verdict\": \"pass\""))
    }

    /// The first digit of report.md's recorded SHA-256, changed.
    private func flipArtifactHash(_ workspace: EvidenceWorkspace) throws {
        let evidence = String(decoding: try workspace.read("bundle/evidence.json"), as: UTF8.self)
        let range = try #require(evidence.range(of: #""file": "report.md",\s*"sha256": ""#, options: .regularExpression))
        var text = evidence
        let digit = text[range.upperBound]
        text.replaceSubrange(range.upperBound...range.upperBound, with: digit == "0" ? "1" : "0")
        try workspace.write("bundle/evidence.json", text)
    }
}
