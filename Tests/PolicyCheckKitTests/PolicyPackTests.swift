import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The default pack, and located errors for invalid packs.
@Suite struct PolicyPackTests {
    static let repositoryRoot = Fixture.directory
        .deletingLastPathComponent()  // PolicyCheckKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let defaultPackPath = repositoryRoot.appendingPathComponent("policies/mattermost-cloud.yaml").path

    @Test func embeddedPackEqualsTheFileByteForByte() throws {
        let file = try #require(FileManager.default.contents(atPath: Self.defaultPackPath))
        #expect(Array(DefaultPolicyPack.yaml.utf8) == [UInt8](file),
                "run scripts/embed-policies.sh after editing policies/mattermost-cloud.yaml")
    }

    @Test func defaultPackMetadata() throws {
        let pack = try PolicyLoader().loadDefault()
        #expect(pack.id == "mattermost-cloud")
        #expect(pack.version == "1.0.0")
        #expect(pack.rules.count == 60)
    }

    /// The pack `check` preloads while its arguments are parsed is the pack loaded directly.
    @Test func preloadedDefaultPackIsTheLoadedOne() throws {
        let direct = try PolicyLoader().load(source: PolicyLoader.defaultSource)
        DefaultPackPreload.start()
        let preloaded = try PolicyLoader().loadDefault()
        #expect(preloaded.sha256 == direct.sha256 && preloaded.sha256 != nil)
        #expect(preloaded.rules.map { "\($0.rule)" } == direct.rules.map { "\($0.rule)" })
        #expect(preloaded.id == direct.id && preloaded.version == direct.version)
    }

    static let defaultRules: [PolicyRule] = Fixture.defaultPolicy.rules.map(\.rule)

    @Test(arguments: defaultRules.map(\.id))
    func everyDefaultRuleIsWellDescribed(_ id: String) throws {
        let rule = try #require(Self.defaultRules.first { $0.id == id })
        let family = ["OFF", "RES", "ENC", "KEY", "KM", "NET", "AVL", "LOG", "CHG"]
        let parts = id.split(separator: "-")
        #expect(parts.count == 3 && parts[0] == "MMC" && family.contains(String(parts[1])) && parts[2].count == 3)
        #expect(rule.title.hasPrefix("Ensure "))
        #expect(!rule.description.isEmpty)
        #expect(!rule.remediation.isEmpty)
        #expect(rule.controls.contains { $0.hasPrefix("SOC2:") })
        #expect(rule.packID == "mattermost-cloud")
        let expectedCategory: [Substring: RuleCategory] = [
            "OFF": .offering, "RES": .residency, "ENC": .encryption, "KEY": .byok, "KM": .keyMaterial, "NET": .network,
            "AVL": .availability, "LOG": .logging, "CHG": .changeManagement,
        ]
        #expect(rule.category == expectedCategory[parts[1]])
        #expect(CheckRegistry.check(named: rule.checkName) != nil)
    }

    @Test func defaultRuleIdsAreUniqueAndInOrder() {
        let ids = Self.defaultRules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted { lhs, rhs in
            let order = ["OFF", "RES", "ENC", "KEY", "KM", "NET", "AVL", "LOG", "CHG"]
            let (l, r) = (lhs.split(separator: "-"), rhs.split(separator: "-"))
            let (lf, rf) = (order.firstIndex(of: String(l[1]))!, order.firstIndex(of: String(r[1]))!)
            return lf != rf ? lf < rf : l[2] < r[2]
        })
    }

    @Test func loadingTheFileGivesTheSameRulesAsTheEmbeddedCopy() throws {
        let fromFile = try PolicySources.load([Self.defaultPackPath])
        let describe = { (rule: PolicyRule) in
            "\(rule.id) \(rule.severity) \(rule.category) \(rule.checkName) \(rule.controls) \(rule.title)"
        }
        #expect(fromFile.rules.map { describe($0.rule) } == Self.defaultRules.map(describe))
    }

    // MARK: - Invalid packs

    struct InvalidPack: Sendable, CustomTestStringConvertible {
        var fixture: String
        var line: Int
        var column: Int
        var message: String

        init(_ fixture: String, at line: Int, _ column: Int, _ message: String) {
            self.fixture = "policies/" + fixture
            self.line = line
            self.column = column
            self.message = message
        }

        var testDescription: String { fixture }
    }

    static let invalidPacks: [InvalidPack] = [
        InvalidPack("unknown-check.yaml", at: 13, 12, "unknown check 'network.world-opne' (did you mean 'network.world-open'?)"),
        InvalidPack("unknown-parameter.yaml", at: 15, 7,
                    "unknown field 'maxEntrys' in 'rules[0].parameters' (did you mean 'maxEntries'?)"),
        InvalidPack("parameter-out-of-range.yaml", at: 15, 27,
                    "'rules[0].parameters.ipv4.broaderThan' must be between 0 and 32, found 40"),
        InvalidPack("bad-severity.yaml", at: 11, 15,
                    "'rules[0].severity' must be one of info, low, medium, high, critical, found 'hgh' (did you mean 'high'?)"),
        InvalidPack("duplicate-rule-id.yaml", at: 14, 9, "duplicate rule id 'ACME-001' (also rules[0])"),
        InvalidPack("invalid-control.yaml", at: 12, 16, "control 'CC6.6' must be framework-qualified, e.g. SOC2:CC6.1"),
        InvalidPack("missing-rules.yaml", at: 1, 1, "missing required field 'rules' in the document"),
        InvalidPack("empty-rules.yaml", at: 7, 8, "the pack has no rules"),
    ]

    @Test(arguments: invalidPacks)
    func invalidPackIsALocatedError(_ expected: InvalidPack) throws {
        do {
            _ = try Fixture.policy(expected.fixture)
            Issue.record("\(expected.fixture) loaded")
        } catch {
            #expect(error.items.count == 1, "\(error.items)")
            let item = try #require(error.items.first)
            #expect(item.file.hasSuffix(expected.fixture))
            #expect(item.location == SourceLocation(line: expected.line, column: expected.column))
            #expect(item.message == expected.message)
        }
    }

    @Test func ruleIdReusedAcrossPacksIsAnError() throws {
        do {
            _ = try PolicySources.load([Self.defaultPackPath, Fixture.path("policies/reuses-default-rule-id.yaml")])
            Issue.record("loaded")
        } catch {
            #expect(error.items.count == 1)
            let message = error.items.first?.message ?? ""
            #expect(message.hasPrefix("rule id 'MMC-NET-001' is also defined in "))
            #expect(message.hasSuffix("policies/mattermost-cloud.yaml"))
        }
    }
}
