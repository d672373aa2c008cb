import ArgumentParser
import Foundation

/// Entry point: runs the command tree and maps argument errors to exit code 2 (not the parser's 64).
@main
enum PolicyCheckMain {
    static func main() {
        do {
            var command = try PolicyCheckCommand.parseAsRoot()
            try command.run()
        } catch {
            let code = PolicyCheckCommand.exitCode(for: error)
            if code == .validationFailure {
                let message = PolicyCheckCommand.fullMessage(for: error)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                exit(2)
            }
            PolicyCheckCommand.exit(withError: error)
        }
    }
}
