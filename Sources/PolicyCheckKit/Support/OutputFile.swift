import Foundation

/// Writes output files atomically: a temporary file beside the target, then a rename, so a reader never sees a
/// partial report.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            // rename(2) replaces an existing file atomically (FileManager.replaceItemAt loses relative targets).
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Diagnostic(file: path, location: nil, message: "cannot write output file")
        }
    }
}
