import Foundation
import Testing

/// End-to-end: help, version, usage errors, `rules` and `explain`.
@Suite struct CommandLineTests {
    typealias CLI = PolicyCheckProcess

    @Test func versionPrintsTheVersion() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(arguments: [["--help"], ["check", "--help"], ["rules", "--help"], ["explain", "--help"]])
    func helpIsAvailableEverywhere(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test func checkHelpDocumentsTheExitCodes() throws {
        let result = try CLI.run(["check", "--help"])
        #expect(result.stdout.contains("2 could not check"))
    }

    @Test(arguments: [["check", "--no-such-flag"], ["check", "--format", "xml"], ["check", "--fail-on", "severe"],
                      ["no-such-command"], ["check", "--jobs", "0"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func rulesListsEveryDefaultRuleWithControls() throws {
        let result = try CLI.run(["rules"])
        #expect(result.status == 0)
        for id in ["MMC-OFF-001", "MMC-RES-001", "MMC-ENC-001", "MMC-KEY-001", "MMC-NET-001", "MMC-AVL-001", "MMC-CHG-001"] {
            #expect(result.stdout.contains(id))
        }
        #expect(result.stdout.contains("SOC2:CC6.6"))
    }

    @Test func rulesAsJSONParses() throws {
        let result = try CLI.run(["rules", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.count >= 30)
        #expect(rules.allSatisfy { ($0["controls"] as? [String])?.isEmpty == false })
    }

    @Test func explainPrintsOneRule() throws {
        let result = try CLI.run(["explain", "MMC-NET-001"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Ensure no allowlist admits the whole internet"))
        #expect(result.stdout.contains("critical"))
        #expect(result.stdout.contains("Remediation:"))
    }

    @Test func explainUnknownRuleSuggestsTheClosest() throws {
        let result = try CLI.run(["explain", "MMC-NET-01"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean"))
    }
}
