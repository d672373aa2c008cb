import ArgumentParser
import PolicyCheckKit

/// `policycheck`: the root command.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policycheck",
        abstract: "Check deployment manifests against compliance and IP-filtering policies.",
        discussion: """
            Exit codes: 0 nothing at or above the --fail-on threshold, 1 findings at or above it, \
            2 could not check (unreadable or malformed input, invalid policy, bad usage).
            """,
        version: PolicyCheckVersion.current,
        subcommands: [CheckCommand.self, ReportCommand.self, VerifyReportCommand.self, KeysCommand.self, RulesCommand.self,
                      ExplainCommand.self],
        defaultSubcommand: nil
    )
}

/// Options every command that loads policies shares.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A policy pack file or a directory of packs; repeatable. Replaces the embedded default pack.", valueName: "file|dir"))
    var policy: [String] = []

    func load() throws -> CompiledPolicy {
        do {
            return try PolicySources.load(policy)
        } catch {
            for item in error.items { Console.error(item.description) }
            throw ExitCode(2)
        }
    }
}
