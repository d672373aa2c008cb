import ArgumentParser
import Foundation
import PolicyCheckKit

/// Entry point: runs the command tree; a command's `CommandFailure`, the library failures it lets through, and
/// argument errors (not the parser's 64) end here, printed on standard error, with exit code 2.
@main
enum PolicyCheckMain {
    static func main() {
        // The commands that check load the embedded pack (unless told otherwise): start it while the arguments
        // are parsed.
        if CommandLine.arguments.count > 1, ["check", "report"].contains(CommandLine.arguments[1]) {
            DefaultPackPreload.start()
        }
        do {
            let (arguments, runs) = BulkOperands.fold(Array(CommandLine.arguments.dropFirst()), root: PolicyCheckCommand.self)
            var command = try PolicyCheckCommand.parseAsRoot(arguments)
            if var bulk = command as? any BulkOperandCommand & ParsableCommand {
                bulk.expandOperands(runs)
                command = bulk
            }
            try command.run()
            DefaultPackPreload.settle()
        } catch {
            DefaultPackPreload.settle()
            if let failure = CommandFailure(library: error) {
                for line in failure.lines { Console.error(line) }
                exit(2)
            }
            let code = PolicyCheckCommand.exitCode(for: error)
            if code == .validationFailure {
                let message = PolicyCheckCommand.fullMessage(for: error)
                FileHandle.standardError.write(Data((TerminalText.cleanLines(message) + "\n").utf8))
                exit(2)
            }
            PolicyCheckCommand.exit(withError: error)
        }
    }
}
