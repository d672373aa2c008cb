import ArgumentParser
import PolicyCheckKit

/// `policycheck explain RULE-ID`: everything about one rule.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: what it checks, why, its controls and how to fix a finding."
    )

    @Argument(help: ArgumentHelp("The rule id, e.g. MMC-NET-001.", valueName: "rule-id"))
    var ruleID: String

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormatOption = .text

    func run() throws {
        let policy = try policyOptions.load()
        guard let compiled = policy.rule(id: ruleID) ?? policy.rules.first(where: { $0.rule.id.lowercased() == ruleID.lowercased() }) else {
            let ids = policy.rules.map(\.rule.id)
            throw CommandFailure("error: no rule '\(ruleID)' in the active policies" + Suggestion.clause(for: ruleID, among: ids)
                                 + "; `policycheck rules` lists them")
        }
        let rule = compiled.rule
        switch format {
        case .json:
            var json = JSONWriter()
            RuleJSON.write(rule, into: &json)
            Console.out(json.writtenText + "\n")
        case .text:
            Console.out("""
                \(rule.id): \(rule.title)
                  severity:     \(rule.severity.rawValue)
                  category:     \(rule.category.rawValue)
                  controls:     \(rule.controls.joined(separator: ", "))
                  applies to:   \(rule.appliesTo.summary)
                  check:        \(rule.checkName)
                  pack:         \(rule.packID) (\(rule.packOrigin))\(rule.overriddenBy.isEmpty ? "" : "\n  overridden by: " + rule.overriddenBy.joined(separator: ", then "))

                \(rule.description)

                Remediation: \(rule.remediation)

                """)
        }
    }
}
