import KeyMaterial
import PolicyCheckSyntax

/// What a Terraform module's evidence digest covers: one entry per file the run read for it (module files, `.tfvars`
/// files, what `file()` read), in reading order. Evidence records the entries beside the digest, so `verify-report`
/// can check a module folder file by file: the files' own bytes cannot give the digest back, because which files the
/// run read depended on options (`--tf-var-file`) and on what `file()` was called with.
public struct ModuleManifest: Sendable, Hashable {
    /// One file read: its path as reported, and the byte count and SHA-256 of the text read (UTF-8).
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var byteCount: Int
        public var sha256: String

        public init(path: String, byteCount: Int, sha256: String) {
            self.path = path
            self.byteCount = byteCount
            self.sha256 = sha256
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The manifest of the files a module's reading read, in that order.
    public init(files: [SourceFile]) {
        entries = files.map { Entry(path: $0.path, byteCount: $0.bytes.count, sha256: Digest.sha256($0.bytes)) }
    }

    /// The module's digest: the SHA-256 of one line per entry, "path NUL byteCount NUL sha256 LF", so that moving
    /// bytes between files or renaming one (`main.tf` to `main_override.tf` changes what Terraform merges) changes
    /// it, as changing a byte does.
    public var digest: String {
        var manifest: [UInt8] = []
        for entry in entries {
            manifest += Array("\(entry.path)\u{0}\(entry.byteCount)\u{0}\(entry.sha256)\n".utf8)
        }
        return Digest.sha256(manifest)
    }
}
