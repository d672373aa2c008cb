import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// `extends`, `disable` and `override`: a pack states only its differences from the pack it builds on.
@Suite struct PackCompositionTests {
    static func pack(_ id: String, extends: String? = nil, _ body: String) -> String {
        """
        apiVersion: policycheck/v1
        kind: PolicyPack
        metadata: {id: \(id), version: 1.0.0, title: \(id)}
        \(extends.map { "extends: \($0)" } ?? "")
        \(body)
        """
    }

    static let rule = """
        rules:
          - id: CHILD-001
            title: Ensure the deployment names a region
            severity: low
            select: {resource: deployment}
            assert: {path: region, exists: true}
        """

    @Test func extendingTheDefaultInheritsEveryRuleWithItsProvenance() throws {
        let policy = try PackText.load(Self.pack("child", extends: "mattermost-cloud", Self.rule), path: "child.yaml")
        let pack = try #require(policy.packs.first)
        #expect(pack.extends == "mattermost-cloud")
        #expect(pack.rules.map(\.rule.id) == Fixture.defaultPolicy.rules.map(\.rule.id) + ["CHILD-001"])
        let inherited = try #require(policy.rule(id: "MMC-ENC-001"))
        #expect(inherited.rule.packID == "mattermost-cloud")
        #expect(inherited.rule.packOrigin == "<embedded>/mattermost-cloud.yaml")
        #expect(policy.rule(id: "CHILD-001")?.rule.packOrigin == "child.yaml")
    }

    @Test func disableRemovesAndOverrideRetunesSeverityAndParameters() throws {
        let policy = try PackText.load(Self.pack("child", extends: "mattermost-cloud", """
            disable: [MMC-NET-008]
            override:
              MMC-NET-005: {severity: high, parameters: {ipv4: {broaderThan: 22}}}
            """), path: "child.yaml")
        #expect(policy.rule(id: "MMC-NET-008") == nil)
        let retuned = try #require(policy.rule(id: "MMC-NET-005"))
        #expect(retuned.rule.severity == .high)
        #expect(retuned.rule.overriddenBy == ["child (child.yaml)"])
        let manifest = """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: n}
            spec:
              offering: shared
              region: us-east-1
              network:
                ipFiltering:
                  enabled: true
                  allowlist: [{cidr: 198.51.100.0/23}, {cidr: 198.51.96.0/21, description: wide}]
            """
        let result = Fixture.check(yaml: manifest, policy: policy)
        // /23 is allowed by the override (broader than /22 is flagged); /21 is flagged at the new severity.
        #expect(result.findings("MMC-NET-005").map(\.message).count == 1)
        #expect(result.findings("MMC-NET-005").first?.severity == .high)
        #expect(result.findings("MMC-NET-008").isEmpty)
        // The parent's other parameter (ipv6 /56) is kept: parameters merge key by key.
        let base = Fixture.check(yaml: manifest, policy: Fixture.defaultPolicy)
        #expect(base.findings("MMC-NET-005").count == 2)
        #expect(base.findings("MMC-NET-008").count == 1)
    }

    @Test func packsChainThroughFilesRelativeToEachOther() throws {
        let directory = try PackText.directory([
            "base/team.yaml": Self.pack("team", extends: "mattermost-cloud", "override:\n  MMC-NET-007: {severity: medium}"),
            "project.yaml": Self.pack("project", extends: "base/team.yaml", "override:\n  MMC-NET-007: {severity: high}\n" + Self.rule),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = try PolicySources.load([directory.appendingPathComponent("project.yaml").path])
        let rule = try #require(policy.rule(id: "MMC-NET-007")).rule
        #expect(rule.severity == .high)
        #expect(rule.overriddenBy.count == 2)
        #expect(rule.overriddenBy[0].hasPrefix("team ("))
        #expect(policy.rule(id: "CHILD-001") != nil)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var files: [String: String]
        var load: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let broken: [Broken] = [
        Broken(files: ["a.yaml": pack("a", extends: "b.yaml", rule), "b.yaml": pack("b", extends: "a.yaml", rule)],
               load: "a.yaml", file: "b.yaml", line: 4, column: 10, message: "'extends' makes a cycle: "),
        Broken(files: ["a.yaml": pack("a", extends: "missing.yaml", rule)], load: "a.yaml", file: "a.yaml", line: 4, column: 10,
               message: "cannot find the pack to extend: 'missing.yaml' is neither the id 'mattermost-cloud' nor a readable file"),
        Broken(files: ["a.yaml": pack("a", extends: "mattermost-cloud", "disable: [MMC-NT-008]")], load: "a.yaml", file: "a.yaml",
               line: 5, column: 11, message: "cannot disable 'MMC-NT-008': no inherited rule has that id (did you mean 'MMC-NET-008'?)"),
        Broken(files: ["a.yaml": pack("a", extends: "mattermost-cloud", "override:\n  MMC-NET-05: {severity: high}")], load: "a.yaml",
               file: "a.yaml", line: 6, column: 3, message: "cannot override 'MMC-NET-05': no inherited rule has that id (did you mean 'MMC-NET-005'?)"),
        Broken(files: ["a.yaml": pack("a", extends: "mattermost-cloud", "override:\n  MMC-NET-005: {parameters: {ipv4: {broaderThan: 40}}}")],
               load: "a.yaml", file: "a.yaml", line: 6, column: 50, message: "'override.MMC-NET-005.parameters.ipv4.broaderThan' must be between 0 and 32, found 40"),
        Broken(files: ["a.yaml": pack("a", extends: "mattermost-cloud", "override:\n  MMC-NET-005: {parameters: {ipv4: {broaderThen: 22}}}")],
               load: "a.yaml", file: "a.yaml", line: 6, column: 37, message: "unknown field 'broaderThen' in 'override.MMC-NET-005.parameters.ipv4' (did you mean 'broaderThan'?)"),
        Broken(files: ["a.yaml": pack("a", extends: "mattermost-cloud", "rules:\n  - {id: MMC-ENC-001, title: Ensure x, severity: low, select: {resource: deployment}, assert: {path: name, exists: true}}")],
               load: "a.yaml", file: "a.yaml", line: 6, column: 10, message: "rule id 'MMC-ENC-001' is already defined by pack 'mattermost-cloud' (<embedded>/mattermost-cloud.yaml); change it with 'override' or switch it off with 'disable'"),
        Broken(files: ["a.yaml": pack("a", "disable: [MMC-NET-008]\n" + rule)], load: "a.yaml", file: "a.yaml", line: 5, column: 11,
               message: "'disable' switches off inherited rules; add 'extends' to name the pack they come from"),
        Broken(files: ["a.yaml": pack("a", extends: "mattermost-cloud", "")], load: "a.yaml", file: "a.yaml", line: 1, column: 1,
               message: "the pack adds, disables and overrides nothing; it is the same as the pack it extends"),
    ]

    @Test(arguments: broken)
    func brokenCompositionIsALocatedError(_ expected: Broken) throws {
        let directory = try PackText.directory(expected.files)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try PolicySources.load([directory.appendingPathComponent(expected.load).path])
            Issue.record("loaded")
        } catch {
            let item = try #require(error.items.first { $0.message.hasPrefix(expected.message) }, "\(error.items)")
            #expect(item.file.hasSuffix("/" + expected.file))
            #expect(item.location == SourceLocation(line: expected.line, column: expected.column))
        }
    }

    @Test func bothDisabledAndOverriddenIsAWarning() {
        let diagnostics = PackText.lint(Self.pack("a", extends: "mattermost-cloud", """
            disable: [MMC-NET-008]
            override:
              MMC-NET-008: {severity: high}
            """))
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message == "'MMC-NET-008' is both disabled and overridden; the override has no effect")
    }
}
