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

    /// Where the register is; a missing or malformed location exits 2 with one line.
    func location() throws -> RegisterLocation {
        var text = register
        if text == nil, let path = config ?? ProjectConfig.discover() {
            do {
                text = try ProjectConfig.load(path).register?.value
            } catch {
                throw CommandFailure(error)
            }
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

    /// Opens the register, or exits 2 with its one-line reason.
    func open() throws -> any RunRegister {
        let location = try location()
        do {
            return try AsyncBridge.wait { try await location.open() }
        } catch let error as RegisterError {
            throw CommandFailure(error)
        }
    }
}
