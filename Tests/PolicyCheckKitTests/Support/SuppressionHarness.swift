import Foundation
import PolicyCheckKit

/// Runs `check` over fixtures under `Fixtures/suppressions` with waivers, inline ignores and baselines.
enum SuppressionHarness {
    static let ruleIds = Fixture.defaultPolicy.rules.map(\.rule.id)

    /// A check run of the default pack at the fixed evaluation time (or `now`).
    static func run(_ fixtures: [String], settings: SuppressionSettings = SuppressionSettings(),
                    now: Timestamp = Fixture.now) -> CheckReport {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: now, failOn: .low, toolVersion: "test")
        run.suppressions = settings
        run.jobs = 1
        return run.run(paths: fixtures.map { Fixture.path("suppressions/" + $0) })
    }

    /// A waiver file with one entry built from `fields` (YAML `key: value` lines).
    static func waiverYAML(_ entries: [[String: String]]) -> String {
        var yaml = "apiVersion: policycheck/v1\nkind: Waivers\nwaivers:\n"
        for entry in entries {
            var first = true
            for key in entry.keys.sorted() {
                yaml += (first ? "  - " : "    ") + "\(key): \(entry[key]!)\n"
                first = false
            }
        }
        return yaml
    }

    /// A complete, valid waiver entry; override fields to make variants.
    static func entry(_ overrides: [String: String] = [:]) -> [String: String] {
        var fields = [
            "rule": "MMC-RES-001", "resource": "\"pilot-*\"", "reason": "Frankfurt pilot approved by the DPO",
            "requestedBy": "alice@example.com", "approvedBy": "bob@example.com", "approvedOn": "2026-06-01",
            "expires": "2027-05-31", "ticket": "SEC-42",
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    static func waivers(_ entries: [[String: String]], rules: WaiverRules = WaiverRules()) throws(Diagnostics) -> WaiverFile {
        try WaiverFile.parse(bytes: Array(waiverYAML(entries).utf8), path: "waivers.yaml", ruleIds: ruleIds, rules: rules)
    }

    /// The messages of a waiver file's problems, or an empty list when it is valid.
    static func problems(_ entries: [[String: String]], rules: WaiverRules = WaiverRules()) -> [String] {
        do {
            _ = try waivers(entries, rules: rules)
            return []
        } catch {
            return error.items.map(\.description)
        }
    }
}
