import Foundation
import Testing

/// End-to-end: `policy lint`, `policy test`, `config show`, `.policycheck.yaml` driving `check`, and `rules` showing
/// where each rule came from.
@Suite struct PolicyAsCodeCommandTests {
    typealias CLI = PolicyCheckProcess


    static let acme = CLI.packageRoot.appendingPathComponent("samples/policies/acme.yaml").path

    @Test(arguments: [["policy", "--help"], ["policy", "lint", "--help"], ["policy", "test", "--help"], ["config", "show", "--help"]])
    func helpIsAvailable(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test func lintExitCodes() throws {
        let directory = try CLI.directory(with: [
            "warn.yaml": """
                apiVersion: policycheck/v1
                kind: PolicyPack
                metadata: {id: warn, version: 1.0.0, title: Warn}
                rules:
                  - {id: W-1, title: Ensure x, severity: low, controls: [ACME:1], select: {resource: deployment}, assert: {path: name, exists: true}}
                """,
            "error.yaml": """
                apiVersion: policycheck/v1
                kind: PolicyPack
                metadata: {id: error, version: 1.0.0, title: Error}
                extends: nowhere.yaml
                disable: [MMC-NET-008]
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let clean = try CLI.run(["policy", "lint", Self.acme, "policies/mattermost-cloud.yaml"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout == "2 packs linted: 0 errors, 0 warnings\n")
        let warnings = try CLI.run(["policy", "lint", "warn.yaml"], in: directory)
        #expect(warnings.status == 0)
        #expect(warnings.stderr == "warn.yaml:5:58: warning: unknown control framework 'ACME' in 'ACME:1'; known: SOC2, ISO27001-2022, NIST-800-53r5\n")
        #expect(try CLI.run(["policy", "lint", "--strict", "warn.yaml"], in: directory).status == 1)
        let errors = try CLI.run(["policy", "lint", "error.yaml"], in: directory)
        #expect(errors.status == 2)
        #expect(errors.stderr.hasPrefix("error.yaml:4:10: error: cannot find the pack to extend: 'nowhere.yaml'"))
    }

    @Test func policyTestRunsTheSampleAndWritesJUnit() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let junit = directory.appendingPathComponent("tests.xml").path
        let result = try CLI.run(["policy", "test", "samples/policies/tests", "policies/tests", "--junit", junit])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS  a file store keyed from another account fails ACME-ENC-001"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"samples/policies/tests/acme.test.yaml\""))
    }

    @Test func policyTestFailsOnAMismatchAndErrsOnAnUnreadableTest() throws {
        let directory = try CLI.directory(with: [
            "wrong.test.yaml": """
                apiVersion: policycheck/v1
                kind: PolicyTest
                tests:
                  - name: the compliant sample does not fail encryption
                    input: \(CLI.packageRoot.appendingPathComponent("samples/dedicated-compliant.yaml").path)
                    expect: {MMC-ENC-001: fail}
                """,
            "broken/bad.test.yaml": "apiVersion: policycheck/v1\nkind: PolicyTest\ntests: nope\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        // The sample lies outside the temporary folder: read with the caller's opt-in.
        let mismatch = try CLI.run(["policy", "test", "wrong.test.yaml", "--allow-outside-tree"], in: directory)
        #expect(mismatch.status == 1)
        #expect(mismatch.stdout.contains("        MMC-ENC-001\n          - expected: fail\n          + actual:   pass\n"))
        let broken = try CLI.run(["policy", "test", "broken"], in: directory)
        #expect(broken.status == 2)
        #expect(broken.stderr == "broken/bad.test.yaml:3:8: error: 'tests' must be a list, found a string\n")
    }

    /// A test file is pull-request content: its `policy:` and `input:` may not reach out of its tree (tester round
    /// 31: `policy: ../outside.yaml` was read and its first value quoted in the error).
    @Test func policyTestReadsNothingOutsideItsTree() throws {
        let directory = try CLI.directory(with: [
            "outside.yaml": "apiVersion: \"ghp_SECRETTOKENVALUE123\"\n",
            "tree/pack.test.yaml": """
                apiVersion: policycheck/v1
                kind: PolicyTest
                policy: ../outside.yaml
                tests:
                  - name: anything
                    manifest: {apiVersion: policycheck/v1, kind: Deployment, metadata: {name: x}, spec: {offering: shared, region: us-east-1}}
                    expect: {MMC-RES-001: pass}
                """,
            "tree/input.test.yaml": """
                apiVersion: policycheck/v1
                kind: PolicyTest
                tests:
                  - name: outside input
                    input: ../outside.yaml
                    expect: {MMC-RES-001: pass}
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = directory.appendingPathComponent("tree")
        let pack = try CLI.run(["policy", "test", "pack.test.yaml"], in: tree)
        #expect(pack.status == 2)
        #expect(pack.stderr.contains("pack.test.yaml:3:9: error: the pack under test lies outside the checked tree"), "\(pack.stderr)")
        #expect(!(pack.stdout + pack.stderr).contains("ghp_"))
        let input = try CLI.run(["policy", "test", "input.test.yaml"], in: tree)
        #expect(input.status == 2)
        #expect((input.stdout + input.stderr).contains("input.test.yaml:5:12: error: the input of 'outside input' lies outside the checked tree"), "\(input.stdout)\(input.stderr)")
        #expect(!(input.stdout + input.stderr).contains("ghp_"))
    }

    @Test func configFileDrivesCheckAndFlagsOverrideIt() throws {
        let manifest = try String(contentsOf: CLI.packageRoot.appendingPathComponent("samples/shared-compliant.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "- {cidr: 3.208.44.17, description: Globex CI runner}", with: "- {cidr: 3.208.44.17}")
        let directory = try CLI.directory(with: [
            "deploy/app.yaml": manifest,
            "deploy/drafts/broken.yaml": "apiVersion: policycheck/v1\nkind: Deployment\n",
            ".policycheck.yaml": """
                exclude: ["drafts"]
                failOn: high
                rules:
                  MMC-NET-008: {severity: medium}

                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        // Found upward, the file may not weaken the gate on its own (docs/security.md): each weakening setting is refused.
        let refused = try CLI.run(["check", ".", "--format", "json"], in: directory.appendingPathComponent("deploy"))
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("/.policycheck.yaml:1:1: error: 'exclude: drafts' may weaken the gate"))
        #expect(refused.stderr.contains("/.policycheck.yaml:2:1: error: 'failOn: high' may weaken the gate"))
        // Raising MMC-NET-008 from low to medium strengthens the gate: not refused.
        #expect(!refused.stderr.contains("MMC-NET-008"))
        let configured = try CLI.run(["check", ".", "--format", "json", "--allow-tree-config"], in: directory.appendingPathComponent("deploy"))
        // The file is found from deploy/ upward: drafts/ is excluded, MMC-NET-008 is medium, and medium < high passes.
        #expect(configured.status == 0, "\(configured.stdout)\(configured.stderr)")
        #expect(configured.stdout.contains("\"severity\":\"medium\"") || configured.stdout.contains("\"severity\": \"medium\""))
        let strict = try CLI.run(["check", ".", "--fail-on", "medium", "--allow-tree-config"], in: directory.appendingPathComponent("deploy"))
        #expect(strict.status == 1)
        let defaultPack = CLI.packageRoot.appendingPathComponent("policies/mattermost-cloud.yaml").path
        let shown = try CLI.run(["config", "show", "--policy", defaultPack], in: directory)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("failOn"))
        #expect(shown.stdout.contains("high  (.policycheck.yaml:2:1)"))
        #expect(shown.stdout.contains("\(defaultPack)  (command line)"))
        #expect(shown.stdout.contains("rules.MMC-NET-008  severity medium  (.policycheck.yaml:4:3)"))
        // The Acme pack disables MMC-NET-008, so the setting names no rule in force.
        #expect(try CLI.run(["config", "show", "--policy", Self.acme], in: directory).status == 2)
        let unknownRule = try CLI.directory(with: [".policycheck.yaml": "rules:\n  MMC-NET-999: {enabled: false}\n"])
        defer { try? FileManager.default.removeItem(at: unknownRule) }
        let bad = try CLI.run(["config", "show"], in: unknownRule)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix(".policycheck.yaml:2:3: error: no rule 'MMC-NET-999' in the policies in force"))
    }

    @Test func rulesShowsWhereEachRuleCameFrom() throws {
        let result = try CLI.run(["rules", "--policy", "samples/policies/acme.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  extends mattermost-cloud; disables MMC-NET-008\n"))
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("  MMC-NET-005 ") }
        #expect(line?.hasSuffix("(from mattermost-cloud (<embedded>/mattermost-cloud.yaml); overridden by acme (samples/policies/acme.yaml))") == true)
        #expect(!result.stdout.contains("\n  MMC-NET-008 "))
        let check = try CLI.run(["check", "--policy", "samples/policies/acme.yaml", "samples/policies/tests/fixtures/native/file-store-other-account.yaml"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("ACME-ENC-001"))
    }
}
