import ArgumentParser
import PolicyCheckKit
import PolicyCheckRegister

/// `policycheck register migrate`: brings a register an older policycheck made to this build's schema, so `audit`
/// (which only reads) can read it. `register push` migrates too; this needs no bundle.
struct RegisterMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the register's missing schema migrations (needs write access; audit never migrates).",
        discussion: """
            Creates the register in a new file or empty database, or applies the migrations it lacks, in one \
            transaction. Exit codes: 0 migrated (or nothing to do), 2 the register cannot be used.
            """
    )

    @OptionGroup var registerOptions: RegisterOptions

    func run() throws {
        let register = try registerOptions.open()
        do {
            let applied = try AsyncBridge.wait { () async throws -> [(version: Int, name: String)] in
                do {
                    let applied = try await register.appliedMigrations()
                    await register.close()
                    return applied
                } catch {
                    await register.close()
                    throw error
                }
            }
            Console.out(TerminalText.clean("\(register.location): schema version \(applied.last?.version ?? 0) ("
                + applied.map { "\($0.version) \($0.name)" }.joined(separator: ", ") + ")") + "\n")
        } catch let error as RegisterError {
            throw CommandFailure(error)
        }
    }
}
