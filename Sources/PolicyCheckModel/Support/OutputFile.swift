import Foundation

/// The one writer of every output file (reports, baselines, key inventories, JUnit, evidence bundles).
///
/// The output folder may belong to someone else (a pull request's checkout): a name planted there — a symbolic link
/// at the target, or at a temporary name a writer would use — must never make policycheck write through it. So a file
/// is created beside the target under an unguessable name with `O_CREAT | O_EXCL | O_NOFOLLOW` (it is new, and no
/// link is followed), written, then renamed over the target: `rename(2)` replaces a symbolic link at the target rather
/// than following it, and a reader never sees a partial file.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(Diagnostic) {
        try write(to: path) { stream in stream.write(text) }
    }

    public static func write(bytes: [UInt8], to path: String) throws(Diagnostic) {
        try write(to: path) { stream in stream.write(bytes) }
    }

    /// Streams a report into the file through `body`, in chunks; the file appears only once it is complete.
    ///
    /// A character device or a FIFO at the target (`--output /dev/null`, a pipe a CI step reads) is written in
    /// place: renaming a new file over it would replace the device itself — as root, `/dev/null` became a regular
    /// file. Neither can come from a checkout (git stores no device or FIFO), and a FIFO nobody reads is an error at
    /// once, not a wait.
    public static func write(to path: String, _ body: (ReportStream) -> Void) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let failure = Diagnostic(file: path, location: nil, message: "cannot write output file")
        if let kind = specialFileKind(path) {
            try writeInPlace(path, kind: kind, failure: failure, body)
            return
        }
        guard let (descriptor, temporary) = createExclusive(beside: url) else { throw failure }
        let stream = ReportStream(fileDescriptor: descriptor)
        body(stream)
        stream.flush()
        let closed = close(descriptor) == 0
        guard !stream.failed, closed, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw failure
        }
    }

    /// `S_IFCHR` or `S_IFIFO` when `path` is (not through a link) a character device or a FIFO.
    static func specialFileKind(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO ? kind : nil
    }

    /// Writes into an existing character device or FIFO without creating or replacing anything.
    private static func writeInPlace(_ path: String, kind: mode_t, failure: Diagnostic,
                                     _ body: (ReportStream) -> Void) throws(Diagnostic) {
        // Non-blocking open: a FIFO without a reader fails (ENXIO) instead of waiting for one.
        let descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure }
        var info = stat()
        // Still the kind that was seen, and back to blocking writes (a pipe's reader sets the pace).
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == kind,
              fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) == 0 else {
            close(descriptor)
            throw failure
        }
        let stream = ReportStream(fileDescriptor: descriptor)
        body(stream)
        stream.flush()
        let closed = close(descriptor) == 0
        guard !stream.failed, closed else { throw failure }
    }

    /// A new, empty directory beside `url` under an unguessable name (for staging a bundle), or `nil`.
    public static func makeStagingDirectory(beside url: URL) -> URL? {
        for _ in 0..<8 {
            let candidate = url.deletingLastPathComponent().appendingPathComponent(temporaryName(for: url))
            // mkdir(2) fails on any existing name, a symbolic link included.
            if mkdir(candidate.path, 0o777) == 0 { return candidate }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// Whether `path` is a symbolic link (not followed).
    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Opens a new file beside `url` for writing: its descriptor and path. A name that exists — planted or not —
    /// is never opened; another random name is tried.
    static func createExclusive(beside url: URL) -> (Int32, String)? {
        for _ in 0..<8 {
            let candidate = url.deletingLastPathComponent().appendingPathComponent(temporaryName(for: url)).path
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, candidate) }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// `.NAME.<128 random bits>.tmp`: hidden, recognisable, and not predictable by whoever controls the folder.
    static func temporaryName(for url: URL) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
        return ".\(url.lastPathComponent).\(random).tmp"
    }
}
