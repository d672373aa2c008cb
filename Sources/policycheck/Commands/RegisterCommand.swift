import ArgumentParser

/// `policycheck register …`: the register of runs (docs/audit.md).
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Keep every run's evidence bundle in a register (SQLite file or PostgreSQL) for period audits.",
        subcommands: [RegisterPushCommand.self, RegisterMigrateCommand.self]
    )
}
