import Foundation
import PolicyCheckSyntax
import Testing

/// The pull request that hides a finding instead of fixing it, through the commands a CI job runs, against both
/// engines: `report` on main finds it; the next runs exclude the file (`--exclude`) or check another path only, and
/// pass; `register push` and `audit` then show the finding not evaluated — not fixed — until a run checks the file
/// again without finding it.
@Suite struct FixNeedsEvaluationCommandTests {
    static let engines = RegisterCommandTests.engines
    static let fixtures = BundleFactory.packageRoot.appendingPathComponent("Tests/PolicyCheckCLITests/Fixtures")

    /// A checkout with `manifests/high-only.yaml` (a high finding) and `manifests/compliant.yaml` (none).
    static func checkout() throws -> URL {
        let root = try TemporaryFolder.make()
        let manifests = root.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bundles"), withIntermediateDirectories: true)
        for name in ["high-only.yaml", "compliant.yaml"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: manifests.appendingPathComponent(name))
        }
        return root
    }

    /// One CI run on main: `report` at `hour` hours into 2025, linked to the previous run's bundle. Returns the
    /// bundle's path and its run id.
    static func report(_ name: String, _ arguments: [String], hour: Int, previous: String?, in root: URL) throws -> (String, String) {
        let out = root.appendingPathComponent("bundles/\(name)").path
        let result = try Shell.run(Shell.policycheck, ["report"] + arguments + ["--out", out]
                                   + (previous.map { ["--previous", $0 + "/evidence.json"] } ?? []), environment: [
            "SOURCE_DATE_EPOCH": String(BundleFactory.epoch + Int64(hour) * 3_600), "GITHUB_REPOSITORY": "acme/infra",
            "GITHUB_REF": "refs/heads/main", "GITHUB_SHA": String(repeating: String(hour % 10), count: 40),
            "GITHUB_RUN_ID": String(100 + hour),
        ], in: root)
        try #require(result.status == 0 || result.status == 1, "\(name): \(result.stderr)")
        let evidence = try JSONReader().read(Array(try Data(contentsOf: URL(fileURLWithPath: out + "/evidence.json"))))
        return (out, try #require(evidence["run"]?["id"]?.string))
    }

    /// Pushes the bundles, audits January 2025, and returns the one finding episode of evidence.json and report.md.
    static func audit(_ bundles: [String], register: String) throws -> (episode: SourceNode, markdown: String, stdout: String) {
        let push = try Shell.run(Shell.policycheck, ["register", "push"] + bundles + ["--register", register])
        try #require(push.status == 0, "\(push.stderr)")
        let out = try TemporaryFolder.make().appendingPathComponent("audit")
        let audit = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-31", "--register", register,
                                                      "--out", out.path])
        try #require(audit.status == 0, "\(audit.stderr)")
        let evidence = try JSONReader().read(Array(try Data(contentsOf: out.appendingPathComponent("evidence.json"))))
        let episodes = evidence["lifecycle"]?["findings"]?.items ?? []
        try #require(episodes.count == 1, "\(episodes.count) episodes")
        return (episodes[0], try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8), audit.stdout)
    }

    @Test(arguments: engines)
    func aRunThatExcludedOrDidNotCheckTheFileDoesNotFixItsFinding(_ engine: Engine) throws {
        let root = try Self.checkout()
        let register = try engine.freshLocation()
        let (found, _) = try Self.report("found", ["manifests"], hour: 0, previous: nil, in: root)
        let (excluded, _) = try Self.report("excluded", ["manifests", "--exclude", "high-only.yaml"], hour: 1, previous: found, in: root)
        let (narrowed, _) = try Self.report("narrowed", ["manifests/compliant.yaml"], hour: 2, previous: excluded, in: root)

        let hidden = try Self.audit([found, excluded, narrowed], register: register)
        #expect(hidden.episode["file"]?.string == "manifests/high-only.yaml")
        #expect(hidden.episode["state"]?.string == "not-evaluated")
        #expect(hidden.episode["fixed"]?.isNull == true)
        #expect(hidden.episode["input"]?.string == "manifests/high-only.yaml")
        #expect(hidden.episode["runsNotEvaluating"]?.numberLiteral == "2")
        #expect(hidden.markdown.contains("since 2025-01-01: no later run evaluated manifests/high-only.yaml"))
        #expect(hidden.stdout.contains(" · 1 not evaluated since their last report · "), "\(hidden.stdout)")

        // The file fixed, and checked again: the run that evaluated it without the finding fixes the episode.
        try FileManager.default.removeItem(at: root.appendingPathComponent("manifests/high-only.yaml"))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("compliant.yaml"),
                                         to: root.appendingPathComponent("manifests/high-only.yaml"))
        let (fixed, fixedRunId) = try Self.report("fixed", ["manifests"], hour: 5, previous: narrowed, in: root)
        let after = try Self.audit([fixed], register: register)
        #expect(after.episode["state"]?.string == "fixed")
        #expect(after.episode["fixedRunId"]?.string == fixedRunId)
        #expect(after.episode["fixed"]?.string == "2025-01-01T05:00:00Z")
        #expect(after.episode["runsNotEvaluating"]?.numberLiteral == "2")
        #expect(after.stdout.contains(" · 0 not evaluated since their last report · "), "\(after.stdout)")
    }
}
