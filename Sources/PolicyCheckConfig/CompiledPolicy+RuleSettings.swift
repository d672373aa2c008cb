import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Per-rule settings from `.policycheck.yaml`: switch rules off, change their severity.
extension CompiledPolicy {
    /// The policy with the settings applied; a setting naming no rule in force is an error at its place.
    public func applying(_ settings: [ProjectConfig.RuleSetting]) throws(Diagnostics) -> CompiledPolicy {
        let ids = rules.map(\.rule.id)
        var problems: [Diagnostic] = []
        var result = self
        for setting in settings {
            guard ids.contains(setting.ruleId) else {
                problems.append(Self.diagnostic(at: setting.location, "no rule '\(setting.ruleId)' in the policies in force"
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

    /// A diagnostic at a `file:line:col` location string.
    static func diagnostic(at location: String, _ message: String) -> Diagnostic {
        let parts = location.split(separator: ":")
        if parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) {
            let file = parts.dropLast(2).joined(separator: ":")
            return Diagnostic(file: file, location: SourceLocation(line: line, column: column), message: message)
        }
        return Diagnostic(file: location, location: nil, message: message)
    }
}
