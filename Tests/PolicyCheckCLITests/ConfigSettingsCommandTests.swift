import Foundation
import Testing

/// End-to-end: `.policycheck.yaml`'s waivers, baseline, inline ignores, outputs, include globs and file size limit
/// drive `check` (and, but for outputs, `report`); flags override them; `config show` says where each value came from.
@Suite struct ConfigSettingsCommandTests {
    private let now = ["--now", "2026-11-29"]

    @Test func configWaiversApplyAndTheFlagOverridesThem() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write(".policycheck.yaml", "waivers: waivers.yaml")
        let waived = try workspace.run(["check", "manifests/high-only.yaml"] + now)
        #expect(waived.status == 0, "\(waived.stdout)\(waived.stderr)")
        #expect(waived.stdout.contains("(waived: Frankfurt pilot <approved> by the DPO — waivers.yaml:4)"))
        try workspace.write("other.yaml", """
            apiVersion: policycheck/v1
            kind: Waivers
            waivers:
              - {rule: MMC-RES-001, resource: someone-else, reason: r, requestedBy: alice, approvedBy: bob, approvedOn: 2026-06-01, expires: 2027-01-01}
            """)
        let overridden = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "other.yaml"] + now)
        #expect(overridden.status == 1)
        #expect(!overridden.stdout.contains("waived"))
        #expect(overridden.stderr.contains("other.yaml:4:5: warning: stale waiver"))
    }

    @Test func configBaselineAndInlineIgnoresApplyAndFlagsOverrideThem() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.writeInlineIgnoredManifest()
        try workspace.write(".policycheck.yaml", "inlineIgnores: false\nbaseline: baseline.json")
        let off = try workspace.run(["check", "manifests/ignored.yaml"] + now + ["--baseline", "nothing.json"])
        #expect(off.status == 2, "a missing baseline named by the flag is an error: \(off.stderr)")
        // Writing the baseline the file names works before it exists: the file's baseline is not read then.
        let shown = try workspace.run(["check", "manifests/ignored.yaml", "--write-baseline", "baseline.json"] + now)
        #expect(shown.status == 1, "\(shown.stdout)\(shown.stderr)")
        #expect(!shown.stdout.contains("ignored inline"))
        let known = try workspace.run(["check", "manifests/ignored.yaml"] + now)
        #expect(known.status == 0, "\(known.stdout)\(known.stderr)")
        #expect(known.stdout.contains("(in baseline — baseline.json)"))
        try workspace.write(".policycheck.yaml", "inlineIgnores: false")
        #expect(try workspace.run(["check", "manifests/ignored.yaml"] + now).status == 1)
        let honoured = try workspace.run(["check", "manifests/ignored.yaml", "--inline-ignores"] + now)
        #expect(honoured.status == 0, "\(honoured.stdout)")
        #expect(honoured.stdout.contains("(ignored inline: pilot approved in SEC-42"))
    }

    @Test func configOutputsWriteTheirFilesUnlessFormatFlagsReplaceThem() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write(".policycheck.yaml", """
            outputs:
              - {format: text}
              - {format: json, path: reports/check.json}
              - {format: sarif, path: check.sarif}
            """)
        try FileManager.default.createDirectory(atPath: workspace.path("reports"), withIntermediateDirectories: true)
        let configured = try workspace.run(["check", "manifests/high-only.yaml"] + now)
        #expect(configured.status == 1)
        #expect(configured.stdout.contains("high MMC-RES-001"))
        let json = try JSONSerialization.jsonObject(with: try workspace.read("reports/check.json")) as? [String: Any]
        #expect((json?["findings"] as? [Any])?.count == 1)
        #expect(try String(decoding: workspace.read("check.sarif"), as: UTF8.self).contains("\"version\": \"2.1.0\""))
        try FileManager.default.removeItem(atPath: workspace.path("check.sarif"))
        let replaced = try workspace.run(["check", "manifests/high-only.yaml", "--format", "json"] + now)
        #expect(replaced.stdout.hasPrefix("{"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("check.sarif")))
        // --output sends the configured standard-output format (text) to a file.
        let redirected = try workspace.run(["check", "manifests/high-only.yaml", "--output", "check.txt"] + now)
        #expect(redirected.stdout.isEmpty)
        #expect(try String(decoding: workspace.read("check.txt"), as: UTF8.self).contains("high MMC-RES-001"))
        try workspace.write(".policycheck.yaml", "outputs: [{format: jsno}]")
        let bad = try workspace.run(["check", "manifests/high-only.yaml"] + now)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".policycheck.yaml:1:20: error: 'outputs[0].format' must be one of"))
        #expect(bad.stderr.contains("(did you mean 'json'?)"))
    }

    @Test func includeGlobsAndMaxFileSizeComeFromTheConfig() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write(".policycheck.yaml", "include: [\"manifests/high-*\"]\nmaxFileSize: 100")
        let limited = try workspace.run(["check", "manifests", "--format", "json", "--config", ".policycheck.yaml"] + now)
        #expect(limited.status == 2)
        #expect(limited.stdout.contains("larger than the 100-byte limit"))
        #expect(!limited.stdout.contains("compliant.yaml") && !limited.stdout.contains("hostile.yaml"))
        let included = try workspace.run(["check", "manifests", "manifests/compliant.yaml", "--max-file-size", "1M", "--format", "json",
                                          "--allow-tree-config"] + now)
        #expect(included.status == 1, "\(included.stdout)\(included.stderr)")
        // high-only.yaml by the glob, compliant.yaml because it is named; not hostile.yaml, notes.yaml or the key.
        #expect(included.stdout.contains("\"filesChecked\": 2,"))
        #expect(included.stdout.contains("\"filesSkipped\": 0,"))
        #expect(included.stdout.contains("\"file\": \"manifests/high-only.yaml\""))
        #expect(!included.stdout.contains("hostile.yaml") && !included.stdout.contains("committed.pem"))
    }

    /// `report` runs with the settings `check` runs with, so an evidence bundle covers what the gate checked.
    @Test func reportTakesTheThresholdAndScopeOfTheConfigLikeCheck() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write(".policycheck.yaml", """
            failOn: critical
            exclude: ["**/hostile.yaml", "**/committed.pem"]
            """)
        let check = try workspace.run(["check", "manifests", "--allow-tree-config"] + now)
        let report = try workspace.run(["report", "manifests", "--out", "bundle", "--allow-tree-config"] + now)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(report.status == check.status, "\(report.stdout)\(report.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: workspace.read("bundle/evidence.json")) as? [String: Any])
        let inputs = ((evidence["population"] as? [String: Any])?["inputs"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(inputs.contains("manifests/high-only.yaml") && !inputs.contains { $0.hasSuffix("hostile.yaml") || $0.hasSuffix("committed.pem") })
        // The exclusions that shaped the population are in the evidence, flagged.
        let settings = (evidence["configuration"] as? [String: Any])?["settings"] as? [[String: Any]] ?? []
        #expect(settings.contains { $0["name"] as? String == "exclude" && $0["effect"] as? String == "weakens" })
        let flagged = try workspace.run(["report", "manifests", "--out", "bundle-high", "--fail-on", "high", "--allow-tree-config"] + now)
        #expect(flagged.status == 1, "\(flagged.stdout)\(flagged.stderr)")
    }

    @Test func configShowListsEveryValueWithItsSource() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write(".policycheck.yaml", """
            waivers: waivers.yaml
            outputs: [{format: text}, {format: junit, path: junit.xml}]
            include: ["manifests/**"]
            inlineIgnores: false
            maxFileSize: 1M
            """)
        let shown = try workspace.run(["config", "show"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n").map { String($0) }
        func line(_ key: String) -> String { lines.first { $0.hasPrefix(key + " ") } ?? "(no \(key) line)" }
        #expect(line("waivers").hasSuffix("waivers.yaml  (.policycheck.yaml:1:1)"))
        #expect(line("outputs").hasSuffix("text → standard output, junit → junit.xml  (.policycheck.yaml:2:1)"))
        #expect(line("include").hasSuffix("manifests/**  (.policycheck.yaml:3:1)"))
        #expect(line("inlineIgnores").hasSuffix("off (everything shown)  (.policycheck.yaml:4:1)"))
        #expect(line("maxFileSize").hasSuffix("1M  (.policycheck.yaml:5:1)"))
        #expect(line("baseline").hasSuffix("(none)  (default)"))
        #expect(line("failOn").hasSuffix("low  (default)"))
    }
}
