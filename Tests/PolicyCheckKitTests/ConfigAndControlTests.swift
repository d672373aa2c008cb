import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// `.policycheck.yaml` (discovery, precedence, per-rule settings) and control ids per framework.
@Suite struct ConfigAndControlTests {
    static let config = """
        policies: [packs/team.yaml]
        failOn: medium
        exclude: ["drafts/**"]
        offering: shared
        jobs: 3
        waivers: waivers.yaml
        rules:
          MMC-NET-008: {enabled: false}
          MMC-NET-007: {severity: critical}

        """

    @Test func configIsFoundUpwardAndPathsAreRelativeToIt() throws {
        let directory = try PackText.directory([".policycheck.yaml": Self.config, "deploy/prod/.keep": ""])
        defer { try? FileManager.default.removeItem(at: directory) }
        let found = try #require(ProjectConfig.discover(from: directory.appendingPathComponent("deploy/prod").path))
        #expect(found.hasSuffix("/.policycheck.yaml"))
        let config = try ProjectConfig.load(found)
        #expect(config.policies?.value == [directory.appendingPathComponent("packs/team.yaml").standardizedFileURL.path])
        #expect(config.waivers?.value.hasSuffix("/waivers.yaml") == true)
        #expect(config.failOn?.location.hasSuffix(".policycheck.yaml:2:1") == true)
    }

    @Test func flagsOverrideTheFileWhichOverridesTheDefaults() throws {
        let directory = try PackText.directory([".policycheck.yaml": Self.config])
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path)
        var flags = RunSettings.Flags()
        flags.failOn = .some(nil)
        flags.jobs = 8
        let settings = RunSettings(config: config, flags: flags, defaultJobs: 2)
        #expect(settings.failOn.value == nil && settings.failOn.source == .commandLine)
        #expect(settings.jobs.value == 8)
        #expect(settings.offering.value == .shared)
        if case .configFile(let location) = settings.offering.source { #expect(location.hasSuffix(":4:1")) } else { Issue.record("offering") }
        #expect(settings.exclude.value == ["drafts/**"])
        #expect(settings.inputFormat.value == nil && settings.inputFormat.source == .builtIn)
        let failOnLine = settings.text.split(separator: "\n").first { $0.hasPrefix("failOn ") }
        #expect(failOnLine?.hasSuffix(" none  (command line)") == true)
        #expect(RunSettings(config: nil, flags: RunSettings.Flags(), defaultJobs: 2).failOn.value == .low)
    }

    @Test func ruleSettingsDisableAndRetuneRules() throws {
        let directory = try PackText.directory([".policycheck.yaml": Self.config])
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path)
        let policy = try Fixture.defaultPolicy.applying(config.rules)
        #expect(policy.rule(id: "MMC-NET-008") == nil)
        #expect(policy.rule(id: "MMC-NET-007")?.rule.severity == .critical)
        #expect(policy.rules.count == Fixture.defaultPolicy.rules.count - 1)
    }

    @Test func unknownRuleInTheConfigIsALocatedError() throws {
        let directory = try PackText.directory([".policycheck.yaml": "rules:\n  MMC-NET-0008: {enabled: false}\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path)
        #expect(throws: Diagnostics.self) { try Fixture.defaultPolicy.applying(config.rules) }
        do {
            _ = try Fixture.defaultPolicy.applying(config.rules)
        } catch {
            let item = try #require(error.items.first)
            #expect(item.location == SourceLocation(line: 2, column: 3))
            #expect(item.message == "no rule 'MMC-NET-0008' in the policies in force (did you mean 'MMC-NET-008'?)")
        }
    }

    @Test func unknownConfigKeysAreLocatedErrors() throws {
        let directory = try PackText.directory([".policycheck.yaml": "failOn: high\nfail-on: low\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: Diagnostics.self) { try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path) }
    }

    @Test(arguments: [
        ("SOC2:CC6.1", true), ("SOC2:CC9.2", true), ("SOC2:CC9.3", false), ("SOC2:CC6.8", true), ("SOC2:CC6.9", false),
        ("SOC2:A1.3", true), ("SOC2:A1.4", false), ("SOC2:C1.2", true), ("SOC2:PI1.5", true), ("SOC2:P8.1", true),
        ("SOC2:P6.7", true), ("SOC2:P9.1", false), ("SOC2:CC06.1", false),
        ("ISO27001-2022:A.8.24", true), ("ISO27001-2022:A.8.34", true), ("ISO27001-2022:A.8.35", false),
        ("ISO27001-2022:A.5.37", true), ("ISO27001-2022:A.9.1", false), ("ISO27001-2022:8.24", false),
        ("NIST-800-53r5:SC-28", true), ("NIST-800-53r5:SC-28(1)", true), ("NIST-800-53r5:AC-2(12)", true),
        ("NIST-800-53r5:XX-1", false), ("NIST-800-53r5:SC-28(", false), ("NIST-800-53r5:SC28", false),
    ])
    func controlIdsAreCheckedPerFramework(_ control: String, _ valid: Bool) {
        let verdict = ControlCatalog.check(control)
        #expect((verdict == .valid) == valid, "\(verdict)")
    }

    @Test func unknownFrameworksAreWarningsAndMalformedIdsErrors() {
        #expect(ControlCatalog.check("PCI-DSS:1.2") == .unknownFramework("PCI-DSS"))
        #expect(ControlCatalog.check("CC6.1") == .malformed)
    }
}
