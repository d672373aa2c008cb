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
        _ = try policyOptions.load(settings)
        Console.out(settings.text)
    }
}
