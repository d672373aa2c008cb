import ArgumentParser
import PolicyCheckKit

/// `policycheck config`: the project settings file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings (.policycheck.yaml and flags).",
        subcommands: [ConfigShowCommand.self]
    )
}

/// `policycheck config show`: every setting, its value, and where the value came from.
struct ConfigShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective configuration and where each value came from.",
        discussion: "Flags given here (--policy) override the settings file as they would for check."
    )

    @OptionGroup var policyOptions: PolicyOptions

    func run() throws {
        let settings = try policyOptions.settings()
        // Loading the policies validates them and the per-rule settings, as a run would.
        let audit = try policyOptions.loadAudited(settings).audit
        var text = settings.text
        for entry in audit.mayWeakenFromConfig {
            text += "weakens: \(entry.name) \(entry.value) (\(entry.source)): \(entry.note)\n"
        }
        if settings.configDiscovered, !audit.mayWeakenFromConfig.isEmpty {
            text += "check, report and keys verify refuse these from a file found upward from here unless given --config or --allow-tree-config\n"
        }
        Console.out(text)
    }
}
