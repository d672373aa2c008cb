@testable import PolicyCheckConfig
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Per-rule settings find their rules through an index rather than a scan per setting: the result must be what the
/// scan gave, including for ids held by two packs and for settings that name a rule again after switching it off.
@Suite struct RuleSettingsIndexTests {
    static func pack(_ id: String, _ ruleIds: [String]) throws -> PolicyPack {
        let rules = ruleIds.map { """
              - id: \($0)
                title: Ensure \($0) holds
                severity: medium
                select: {resource: deployment}
                assert: {path: region, exists: true}

            """ }.joined()
        let text = "apiVersion: policycheck/v1\nkind: PolicyPack\nmetadata: {id: \(id), version: 1.0.0, title: \(id)}\nrules:\n" + rules
        return try #require(PackText.load(text, path: "\(id).yaml").packs.first)
    }

    static func policy() throws -> CompiledPolicy {
        CompiledPolicy(packs: [try pack("a", ["A-1", "S-1", "S-2", "A-2"]), try pack("b", ["S-1", "B-1", "S-2"])])
    }

    static func setting(_ id: String, enabled: Bool? = nil, severity: Severity? = nil, line: Int) -> ProjectConfig.RuleSetting {
        ProjectConfig.RuleSetting(ruleId: id, enabled: enabled, severity: severity, location: "pc.yaml:\(line):3")
    }

    /// What a test compares: each pack's rules (id, severity, overrides) and modifications.
    static func summary(_ policy: CompiledPolicy) -> [String] {
        policy.packs.flatMap { pack in
            ["pack \(pack.id): \(pack.modifications.joined(separator: "; "))"]
                + pack.rules.map { "  \($0.rule.id) \($0.rule.severity.rawValue) \($0.rule.overriddenBy)" }
        }
    }

    @Test func indexedSettingsGiveWhatTheScanGave() throws {
        let settings = [
            Self.setting("S-1", severity: .low, line: 2),
            Self.setting("S-2", enabled: false, line: 3),
            Self.setting("S-1", enabled: false, line: 4),
            Self.setting("S-1", severity: .critical, line: 5),
            Self.setting("A-1", severity: .medium, line: 6),
            Self.setting("S-2", severity: .low, line: 7),
            Self.setting("B-1", enabled: true, severity: .high, line: 8),
            Self.setting("A-2", enabled: true, line: 9),
            Self.setting("B-1", severity: .low, line: 10),
        ]
        let policy = try Self.policy()
        let indexed = Self.summary(try policy.applying(settings))
        #expect(indexed == Self.summary(try Self.scanning(policy, settings)))
        #expect(indexed.contains("  B-1 low [\"configuration (pc.yaml:8:3)\", \"configuration (pc.yaml:10:3)\"]"))
        #expect(!indexed.contains { $0.hasPrefix("  S-") })
    }

    @Test func unknownIdsGiveTheScansErrorsInOrder() throws {
        let settings = [Self.setting("S-l", severity: .low, line: 2), Self.setting("A-1", enabled: false, line: 3),
                        Self.setting("X-99", enabled: false, line: 4), Self.setting("B-2", severity: .high, line: 5)]
        let policy = try Self.policy()
        let indexed = Self.messages { () throws(Diagnostics) in _ = try policy.applying(settings) }
        #expect(indexed == Self.messages { () throws(Diagnostics) in _ = try Self.scanning(policy, settings) })
        #expect(indexed.count == 3)
    }

    static func messages(_ body: () throws(Diagnostics) -> Void) -> [String] {
        do {
            try body()
            return []
        } catch {
            return error.items.map { "\($0.file):\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" }
        }
    }

    /// The scan per setting that the index replaced, kept as the reference.
    static func scanning(_ policy: CompiledPolicy, _ settings: [ProjectConfig.RuleSetting]) throws(Diagnostics) -> CompiledPolicy {
        let ids = policy.rules.map(\.rule.id)
        var problems: [Diagnostic] = []
        var result = policy
        for setting in settings {
            guard ids.contains(setting.ruleId) else {
                problems.append(CompiledPolicy.diagnostic(at: setting.location, "no rule '\(setting.ruleId)' in the policies in force"
                                                          + Suggestion.clause(for: setting.ruleId, among: ids)))
                continue
            }
            for packIndex in result.packs.indices where result.packs[packIndex].rules.contains(where: { $0.rule.id == setting.ruleId }) {
                if setting.enabled == false {
                    result.packs[packIndex].rules.removeAll { $0.rule.id == setting.ruleId }
                    result.packs[packIndex].modifications.append("\(setting.ruleId) disabled (\(setting.location))")
                }
                for ruleIndex in result.packs[packIndex].rules.indices where result.packs[packIndex].rules[ruleIndex].rule.id == setting.ruleId {
                    if let severity = setting.severity {
                        let before = result.packs[packIndex].rules[ruleIndex].rule.severity
                        result.packs[packIndex].rules[ruleIndex].rule.severity = severity
                        result.packs[packIndex].rules[ruleIndex].rule.overriddenBy.append("configuration (\(setting.location))")
                        if before != severity {
                            result.packs[packIndex].modifications.append("\(setting.ruleId) severity \(before.rawValue) → \(severity.rawValue) (\(setting.location))")
                        }
                    }
                }
            }
        }
        guard problems.isEmpty else { throw Diagnostics(problems) }
        return result
    }
}
