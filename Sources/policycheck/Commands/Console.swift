import Foundation
import PolicyCheckKit

/// Writing to the terminal: results on stdout, diagnostics on stderr, colour only on a TTY without NO_COLOR.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// One diagnostic line. File names and messages in it may come from the inputs, so it passes through
    /// `TerminalText.clean`: stderr is a terminal or a CI log that runs workflow commands.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.clean(line) + "\n").utf8))
    }

    static var stdoutSupportsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}
