import ArgumentParser
import Foundation
import PolicyCheckKit
import PolicyCheckRegister

/// `--register` (else `register:` in .policycheck.yaml) and `--config`, shared by `register push` and `audit`.
struct RegisterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The register: a SQLite file, or postgres://USER@HOST[:PORT]/DATABASE (password from PGPASSWORD). Default: register: in .policycheck.yaml.", valueName: "path|url"))
    var register: String?

    @Option(name: .long, help: ArgumentHelp("Settings file (default: the nearest .policycheck.yaml from the working directory up).", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("allow-tree-config"), help: """
        Let a .policycheck.yaml found upward from the working directory choose the register. Without it such a \
        file's register: is refused (exit 2): in CI that file is the pull request's, and the register is where the \
        period's evidence is kept.
        """)
    var allowTreeConfig = false

    /// Where the register is; a missing or malformed location exits 2 with one line.
    func location() throws -> RegisterLocation {
        var text = register
        if text == nil, let path = config ?? ProjectConfig.discover() {
            if config == nil, let refusal = ProjectConfig.outsideLink(path) {
                throw CommandFailure(Diagnostics([refusal]))
            }
            let entry: ProjectConfig.Entry<String>?
            do {
                entry = try ProjectConfig.load(path).register
            } catch {
                throw CommandFailure(error)
            }
            // A file found upward is the pull request's in CI: it may not send the evidence to a register of its
            // choosing, nor read a period from one (docs/security.md). The value is not echoed: it may be a URL.
            if let entry, config == nil, !allowTreeConfig {
                throw CommandFailure("\(entry.location): error: 'register:' chooses where run evidence is stored and "
                    + "read, and this file was found upward from the working directory, not named with --config; "
                    + "give --register, name a trusted file with --config FILE, or pass --allow-tree-config")
            }
            text = entry?.value
        }
        guard let text else {
            throw CommandFailure("policycheck: error: no register: give --register PATH|postgres://… or set register: in .policycheck.yaml")
        }
        do {
            var location = try RegisterLocation.parse(text)
            // A password belongs in the environment, not in a URL that lands in CI logs and settings files.
            if case .postgres(var target) = location, target.password == nil,
               let password = ProcessInfo.processInfo.environment["PGPASSWORD"], !password.isEmpty {
                target.password = password
                location = .postgres(target)
            }
            return location
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Opens the register — for writing (`register push`, `register migrate`: created when new, migrated), or
    /// read-only (`audit`) — or exits 2 with its one-line reason.
    func open(readOnly: Bool = false) throws -> any RunRegister {
        let location = try location()
        do {
            return try AsyncBridge.wait { readOnly ? try await location.openForReading() : try await location.open() }
        } catch let error as RegisterError {
            throw CommandFailure(error)
        }
    }
}
