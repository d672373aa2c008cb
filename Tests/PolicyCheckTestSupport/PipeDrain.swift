// Shared by the CLI and register test targets (their harnesses start policycheck as a child process).
import Dispatch
import Foundation

/// Reads a child's standard output and standard error to their ends at the same time. Reading one to its end before
/// the other blocks for ever once the child fills the second pipe's buffer (64 KB), as LeakSanitizer's report did.
public enum PipeDrain {
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    public static func readBoth(_ output: FileHandle, _ error: FileHandle) -> (output: Data, error: Data) {
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.data = error.readDataToEndOfFile() }
        let outputData = output.readDataToEndOfFile()
        group.wait()
        return (outputData, collected.data)
    }
}
