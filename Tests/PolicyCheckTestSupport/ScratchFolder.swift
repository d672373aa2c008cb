import Foundation

/// Where tests make their temporary trees: one folder per test process under the system's temporary directory,
/// removed with everything in it when the process exits, so a test run leaves nothing behind in `/tmp` (before, each
/// run left about four hundred trees there, as tests that fail midway or hand a path to a subprocess cannot clean up
/// reliably themselves).
public enum ScratchFolder {
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("policycheck-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { ScratchFolder.removeRoot() }
        return url
    }()

    /// A fresh name under `root` (not created): `prefix-`, a UUID and `suffix`.
    public static func path(_ prefix: String, suffix: String = "") -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }

    static func removeRoot() {
        // Make every folder writable again first: some tests take the write permission away from a folder.
        if let walk = FileManager.default.enumerator(atPath: root.path) {
            for case let relative as String in walk {
                let path = root.appendingPathComponent(relative).path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    chmod(path, 0o755)
                }
            }
        }
        try? FileManager.default.removeItem(at: root)
    }
}
