import ArgumentParser
import PolicyCheckKit

/// `policycheck rules`: list the rules in force.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the active rules with their severity, category and controls."
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormatOption = .text

    func run() throws {
        let policy = try policyOptions.load()
        switch format {
        case .text:
            var out = ""
            for pack in policy.packs {
                out += "\(pack.id) \(pack.version) — \(pack.title) (\(pack.origin), \(pack.rules.count) rules)\n"
                if let parent = pack.extends {
                    let disabled = pack.disabled.isEmpty ? "" : "; disables \(pack.disabled.joined(separator: ", "))"
                    out += "  extends \(parent)\(disabled)\n"
                }
                let width = pack.rules.map(\.rule.id.count).max() ?? 0
                for compiled in pack.rules {
                    let rule = compiled.rule
                    let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                    let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                    let category = rule.category.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
                    out += "  \(id)  \(severity) \(category) \(rule.title)  [\(rule.controls.joined(separator: ", "))]"
                    out += RuleJSON.provenance(rule, in: pack).map { "  (\($0))" } ?? ""
                    out += "\n"
                }
            }
            Console.out(out)
        case .json:
            var json = JSONWriter()
            json.beginObject()
            json.key("rules")
            json.beginArray()
            for compiled in policy.rules { RuleJSON.write(compiled.rule, into: &json) }
            json.endArray()
            json.endObject()
            Console.out(json.writtenText + "\n")
        }
    }
}
