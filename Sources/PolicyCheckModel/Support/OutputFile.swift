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
    public static func write(to path: String, _ body: (ReportStream) -> Void) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let failure = Diagnostic(file: path, location: nil, message: "cannot write output file")
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
