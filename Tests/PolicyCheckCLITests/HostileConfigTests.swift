import Foundation
import PolicyCheckTestSupport
import Testing

/// A `.policycheck.yaml` planted in the pull request's checkout (docs/security.md, item 1). In 0.1.0 it turned a
/// failing run into a signed `pass` whose evidence showed no configuration at all. Now a file found upward from the
/// working directory may not weaken the gate without `--allow-tree-config`, and the evidence records every setting
/// that changed the outcome either way.
@Suite struct HostileConfigTests {
    private let now = ["--now", "2026-11-29"]

    @Test(arguments: [
        ("rules:\n  MMC-RES-001: {enabled: false}", ".policycheck.yaml:2:3: error: 'rules.MMC-RES-001: disabled' may weaken the gate"),
        ("rules:\n  MMC-RES-001: {severity: info}", ".policycheck.yaml:2:3: error: 'rules.MMC-RES-001: severity high → info' may weaken the gate"),
        ("exclude: [\"**/high-only.yaml\"]", ".policycheck.yaml:1:1: error: 'exclude: **/high-only.yaml' may weaken the gate"),
        ("include: [\"nothing/**\"]", ".policycheck.yaml:1:1: error: 'include: nothing/**' may weaken the gate"),
        ("failOn: critical", ".policycheck.yaml:1:1: error: 'failOn: critical' may weaken the gate"),
        ("offering: dedicated", ".policycheck.yaml:1:1: error: 'offering: dedicated' may weaken the gate"),
    ])
    func aFoundConfigThatWeakensTheGateIsRefused(config: String, error: String) throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        #expect(try workspace.run(["check", "manifests/high-only.yaml"] + now).status == 1, "the manifest fails without the file")
        try workspace.write(".policycheck.yaml", config)
        for command in [["check", "manifests"], ["report", "manifests", "--out", "bundle", "--sign-key", key.privateKey]] {
            let result = try workspace.run(command + now)
            #expect(result.status == 2, "\(command[0]): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.hasPrefix(error), "\(result.stderr)")
            #expect(result.stderr.contains("name a trusted file with --config FILE, or pass --allow-tree-config"))
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.path("bundle")))
    }

    /// `baseline: /proc/self/environ`, or any file the runner can read: a found file made policycheck read outside the
    /// checkout and echo the file's first word in the parse error (docs/security.md, row 43).
    @Test func aFoundConfigMayNotNameASuppressionFileOutsideTheTree() throws {
        let workspace = try EvidenceWorkspace()
        let outside = ScratchFolder.path("outside", suffix: ".env")
        try Data("SECRET_TOKEN=ghp_0123456789\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        for (config, name) in [("baseline: \(outside.path)", "baseline"), ("waivers: ../\(outside.lastPathComponent)", "waivers")] {
            try workspace.write(".policycheck.yaml", config)
            for command in [["check", "manifests/high-only.yaml"], ["report", "manifests/high-only.yaml", "--out", "bundle"]] {
                let result = try workspace.run(command + now)
                #expect(result.status == 2, "\(command[0]): \(result.stdout)\(result.stderr)")
                #expect(result.stderr.hasPrefix(".policycheck.yaml:1:1: error: '\(name)' names a file that lies outside the checked tree; pass --allow-outside-tree to read it"),
                        "\(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains("SECRET"))
            }
        }
        // Inside the tree, the found file's baseline is read as before.
        try FileManager.default.removeItem(atPath: workspace.path(".policycheck.yaml"))
        #expect(try workspace.run(["check", "manifests/high-only.yaml", "--write-baseline", "base.json"] + now).status == 1)
        try workspace.write(".policycheck.yaml", "baseline: base.json")
        #expect(try workspace.run(["check", "manifests/high-only.yaml"] + now).status == 0)
    }

    /// A found `.policycheck.yaml` that is itself a link out of the checkout was opened, and its keys echoed in
    /// errors (`unknown field 'MYSECRET_hunter2'`; hostile tester, round 35): refused, for `check`, `report`,
    /// `register push` and `audit`, and so is a walked policy test file that links out. `--config` names one on purpose.
    @Test func aFoundConfigThatLinksOutOfTheTreeIsNotRead() throws {
        let workspace = try EvidenceWorkspace()
        let outside = ScratchFolder.path("outside-config", suffix: ".yaml")
        try Data("MYSECRET_hunter2: x\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: workspace.path(".policycheck.yaml"), withDestinationPath: outside.path)
        for command in [["check", "manifests/high-only.yaml"], ["report", "manifests/high-only.yaml", "--out", "bundle"],
                        ["audit", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "audit"]] {
            let result = try workspace.run(command + (command[0] == "audit" ? [] : now))
            #expect(result.status == 2, "\(command[0]): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("the settings file found upward is a link to a file that lies outside the checked tree"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("MYSECRET"), "\(command[0])")
        }
        // A link that stays in the checkout (a monorepo's service folder sharing the root's file) is read.
        try FileManager.default.createDirectory(atPath: workspace.path("svc"), withIntermediateDirectories: true)
        try workspace.write("shared.yaml", "failOn: low\n")
        try FileManager.default.createDirectory(atPath: workspace.path(".git"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("svc/.policycheck.yaml"), withDestinationPath: "../shared.yaml")
        let inside = try PolicyCheckProcess.run(["check", "../manifests/high-only.yaml"] + now, in: workspace.root.appendingPathComponent("svc"))
        #expect(inside.status == 1, "\(inside.stdout)\(inside.stderr)")
        // Named with --config, it is read (and its unknown key reported).
        let named = try workspace.run(["check", "manifests/high-only.yaml", "--config", ".policycheck.yaml"] + now)
        #expect(named.status == 2 && named.stderr.contains("unknown field"), "\(named.stderr)")
        try FileManager.default.removeItem(atPath: workspace.path(".policycheck.yaml"))
        try FileManager.default.createDirectory(atPath: workspace.path("tests"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("tests/leak.test.yaml"), withDestinationPath: outside.path)
        let test = try workspace.run(["policy", "test", "tests"])
        #expect(test.status == 2, "\(test.stdout)\(test.stderr)")
        #expect(test.stderr.contains("tests/leak.test.yaml") && test.stderr.contains("a symbolic link to a file that lies outside the checked tree"), "\(test.stderr)")
        #expect(!(test.stdout + test.stderr).contains("MYSECRET"))
    }

    /// `policies: [/path/to/.env]` echoed the file's keys (`unknown field 'SECRET_TOKEN'`), and `outputs` wrote the
    /// report over a file outside the checkout: a found file names packs and outputs only inside the tree too.
    @Test func aFoundConfigMayNotNameAPackOrOutputOutsideTheTree() throws {
        let workspace = try EvidenceWorkspace()
        let outside = ScratchFolder.path("outside", suffix: ".yaml")
        try Data("SECRET_TOKEN: ghp_0123456789\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        for (config, name) in [("policies: [\"\(outside.path)\"]", "policies"),
                               ("outputs:\n  - format: json\n    path: \(outside.path)", "outputs")] {
            try workspace.write(".policycheck.yaml", config)
            let result = try workspace.run(["check", "manifests/high-only.yaml"] + now)
            #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.hasPrefix(".policycheck.yaml:1:1: error: '\(name)' names a file that lies outside the checked tree; pass --allow-outside-tree to read it"),
                    "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("SECRET"))
            #expect(try String(contentsOf: outside, encoding: .utf8) == "SECRET_TOKEN: ghp_0123456789\n")
        }
        // Inside the tree, the found file's output is written as before.
        try workspace.write(".policycheck.yaml", "outputs:\n  - format: json\n    path: report.json")
        #expect(try workspace.run(["check", "manifests/high-only.yaml"] + now).status == 1)
        #expect(FileManager.default.fileExists(atPath: workspace.path("report.json")))
    }

    /// The attack end to end: with the opt-in the run passes and is signed, but the bundle says how, on every page.
    @Test func anAllowedWeakeningIsRecordedAndFlaggedInTheSignedBundle() throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        let config = "rules:\n  MMC-RES-001: {enabled: false}\nexclude: [\"**/hostile.yaml\"]"
        try workspace.write(".policycheck.yaml", config)
        let result = try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle", "--sign-key", key.privateKey,
                                        "--allow-tree-config"] + now)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try workspace.run(["verify-report", "bundle", "--pubkey", key.publicKey]).status == 0)
        let evidence = try #require(try JSONSerialization.jsonObject(with: workspace.read("bundle/evidence.json")) as? [String: Any])
        let configuration = try #require(evidence["configuration"] as? [String: Any])
        #expect(configuration["file"] as? String == ".policycheck.yaml")
        #expect(configuration["sha256"] as? String == EvidenceWorkspace.sha256(Data((config + "\n").utf8)))
        #expect(configuration["found"] as? String == "discovered")
        #expect(configuration["treeConfigAllowed"] as? Bool == true)
        #expect(configuration["weakened"] as? Bool == true)
        let settings = try #require(configuration["settings"] as? [[String: Any]])
        #expect(settings.contains { $0["name"] as? String == "rules.MMC-RES-001" && $0["value"] as? String == "disabled"
            && $0["source"] as? String == ".policycheck.yaml:2:3" && $0["effect"] as? String == "weakens" })
        #expect(settings.contains { $0["name"] as? String == "exclude" && $0["value"] as? String == "**/hostile.yaml" })
        let pack = try #require((evidence["policies"] as? [[String: Any]])?.first)
        #expect(pack["modified"] as? Bool == true)
        #expect(pack["modifications"] as? [String] == ["MMC-RES-001 disabled (.policycheck.yaml:2:3)"])
        let files = try #require(evidence["configFiles"] as? [[String: Any]])
        #expect(files.contains { $0["role"] as? String == "config" && $0["sha256"] as? String == EvidenceWorkspace.sha256(Data((config + "\n").utf8)) })
        for page in ["bundle/report.md", "bundle/report.html"] {
            let text = String(decoding: try workspace.read(page), as: UTF8.self)
            #expect(text.contains("2 settings weaken the gate or may, against the default pack and settings"), "\(page)")
            #expect(text.contains("rules.MMC-RES-001"), "\(page)")
            #expect(text.contains("(modified)"), "\(page)")
            #expect(text.contains("found upward from the working directory; allowed to weaken the gate by --allow-tree-config"), "\(page)")
        }
    }

    @Test func aNamedConfigIsTheCallersChoiceAndIsRecordedAsNamed() throws {
        let workspace = try EvidenceWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("trusted"), withIntermediateDirectories: true)
        try workspace.write("trusted/policycheck.yaml", "failOn: critical")
        let result = try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle", "--config", "trusted/policycheck.yaml"] + now)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: workspace.read("bundle/evidence.json")) as? [String: Any])
        let configuration = try #require(evidence["configuration"] as? [String: Any])
        #expect(configuration["found"] as? String == "named")
        #expect(configuration["treeConfigAllowed"] as? Bool == false)
        #expect((configuration["settings"] as? [[String: Any]])?.first?["name"] as? String == "failOn")
        let markdown = String(decoding: try workspace.read("bundle/report.md"), as: UTF8.self)
        #expect(markdown.contains("1 setting weakens the gate or may"))
        #expect(markdown.contains("named with --config"))
    }

    @Test func aFoundConfigThatOnlyStrengthensOrSuppressesVisiblyIsAccepted() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write(".policycheck.yaml", "failOn: info\nwaivers: waivers.yaml\nrules:\n  MMC-NET-008: {severity: high}")
        let result = try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle"] + now)
        #expect(result.status == 0, "waived by the file's waiver: \(result.stdout)\(result.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: workspace.read("bundle/evidence.json")) as? [String: Any])
        let configuration = try #require(evidence["configuration"] as? [String: Any])
        #expect(configuration["weakened"] as? Bool == false)
        let effects = (configuration["settings"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "") \($0["effect"] ?? "")" }
        #expect(effects == ["failOn strengthens", "waivers neutral", "rules.MMC-NET-008 strengthens"])
    }

    /// A pack given with --policy is the caller's choice, but what it switched off of the pack it extends is shown.
    @Test func aPackThatExtendsAndDisablesSaysSoInTheBundle() throws {
        let workspace = try EvidenceWorkspace()
        let acme = PolicyCheckProcess.packageRoot.appendingPathComponent("samples/policies/acme.yaml").path
        let result = try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle", "--policy", acme] + now)
        #expect(result.status <= 1, "\(result.stdout)\(result.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: workspace.read("bundle/evidence.json")) as? [String: Any])
        let pack = try #require((evidence["policies"] as? [[String: Any]])?.first { $0["extends"] as? String == "mattermost-cloud" })
        #expect(pack["disabledRules"] as? [String] == ["MMC-NET-008"])
        // What it changed of the rules it inherits is shown too: a lowered severity was attributed to the default
        // pack, with nothing in the bundle (tester round 31).
        #expect(pack["overriddenRules"] as? [String] == ["MMC-NET-005 severity low → high; parameters ipv4"], "\(pack)")
        let settings = (evidence["configuration"] as? [String: Any])?["settings"] as? [[String: Any]] ?? []
        #expect(settings.contains { $0["name"] as? String == "policies" && $0["effect"] as? String == "changes" && $0["source"] as? String == "command line" })
        let markdown = String(decoding: try workspace.read("bundle/report.md"), as: UTF8.self)
        #expect(markdown.contains("extends mattermost-cloud; disables MMC-NET-008; overrides MMC-NET-005 severity low → high; parameters ipv4"), "\(markdown)")
    }
}
