import Foundation

/// Writes output files atomically: a temporary file beside the target, then a rename, so a reader never sees a
/// partial report.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(Diagnostic) {
        try write(to: path) { stream in stream.write(text) }
    }

    /// Streams a report into the file through `body`, in chunks; the file appears only once it is complete.
    public static func write(to path: String, _ body: (ReportStream) -> Void) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let failure = Diagnostic(file: path, location: nil, message: "cannot write output file")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure }
        let stream = ReportStream(fileDescriptor: descriptor)
        body(stream)
        stream.flush()
        let closed = close(descriptor) == 0
        guard !stream.failed, closed else {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        }
        // rename(2) replaces an existing target atomically.
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        }
    }
}
