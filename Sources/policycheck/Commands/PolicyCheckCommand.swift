import ArgumentParser
import Foundation
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
        subcommands: [CheckCommand.self, ReportCommand.self, VerifyReportCommand.self, RegisterCommand.self, AuditCommand.self, KeysCommand.self, RulesCommand.self,
                      ExplainCommand.self, PolicyCommand.self, ConfigCommand.self],
        defaultSubcommand: nil
    )
}

/// Options every command that loads policies shares.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A policy pack file or a directory of packs; repeatable. Replaces the embedded default pack.", valueName: "file|dir"))
    var policy: [String] = []

    @Option(name: .long, help: ArgumentHelp("Settings file (default: the nearest .policycheck.yaml from the working directory up).", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("allow-outside-tree"), help: "Read files outside the checked tree: links met in walked directories, BYOK material paths, packs named by 'extends'.")
    var allowOutsideTree = false

    /// The settings file named or discovered, if any.
    func projectConfig() throws -> ProjectConfig? {
        guard let path = config ?? ProjectConfig.discover() else { return nil }
        if config == nil, !allowOutsideTree, let refusal = ProjectConfig.outsideLink(path) {
            throw CommandFailure(Diagnostics([refusal]))
        }
        do {
            var loaded = try ProjectConfig.load(path)
            loaded.discovered = config == nil
            return loaded
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Flags over the settings file over the defaults.
    func settings(_ flags: RunSettings.Flags = RunSettings.Flags()) throws -> RunSettings {
        var flags = flags
        if !policy.isEmpty { flags.policies = policy }
        return RunSettings(config: try projectConfig(), flags: flags, defaultJobs: ProcessInfo.processInfo.activeProcessorCount)
    }

    func load() throws -> CompiledPolicy {
        try load(settings())
    }

    /// The packs in force with the settings' per-rule changes.
    func load(_ settings: RunSettings) throws -> CompiledPolicy {
        try loadAudited(settings).policy
    }

    /// The packs in force with the settings' per-rule changes, and the settings judged against the packs as loaded.
    func loadAudited(_ settings: RunSettings) throws -> (policy: CompiledPolicy, audit: SettingsAudit) {
        // A found configuration's packs, suppression files and outputs are judged before any is opened.
        if !allowOutsideTree { try SuppressionOptions.refuseOutsideTree(settings) }
        do {
            let base = try PolicySources.load(settings.policies.value, allowOutsideTree: allowOutsideTree)
            return (try base.applying(settings.rules), SettingsAudit(settings, basePolicy: base))
        } catch {
            throw CommandFailure(error)
        }
    }
}
