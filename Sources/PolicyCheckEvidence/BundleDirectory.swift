import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Writes a bundle into a directory without ever leaving a partial one: every file is first written into a fresh
/// temporary directory beside the target, then moved into place (one `rename` each, so every file is either the
/// old or the new one); a new directory is moved into place whole. The staging directory and its files are made by
/// `OutputFile`, under unguessable names, and a target that is a symbolic link is refused, so nothing planted in
/// the output folder is written through.
public enum BundleDirectory {
    public static func write(_ bundle: EvidenceBundle, to directory: String) throws(Diagnostic) {
        try write(files: bundle.files, to: directory)
    }

    /// Writes `files` (the signature, if any, last) into `directory`.
    public static func write(files: [(name: String, bytes: [UInt8])], to directory: String) throws(Diagnostic) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        if OutputFile.isSymbolicLink(target.path) {
            throw Diagnostic(file: directory, location: nil, message: "--out is a symbolic link; name the real directory")
        }
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw Diagnostic(file: directory, location: nil, message: "--out must name a directory, not a file")
        }
        guard manager.fileExists(atPath: parent.path) else {
            throw Diagnostic(file: directory, location: nil, message: "cannot write the bundle: the parent directory does not exist")
        }
        if exists { try refuseForeignFiles(in: target.path, bundle: files.map(\.name), directory: directory) }
        guard let staging = OutputFile.makeStagingDirectory(beside: target) else {
            throw Diagnostic(file: directory, location: nil, message: "cannot write the bundle (permission denied or disk full?)")
        }
        do throws(Diagnostic) {
            for file in files {
                try OutputFile.write(bytes: file.bytes, to: staging.appendingPathComponent(file.name).path)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw Diagnostic(file: directory, location: nil, message: "cannot write the bundle (permission denied or disk full?)")
        }
        if !exists {
            guard rename(staging.path, target.path) == 0 else {
                try? manager.removeItem(at: staging)
                throw Diagnostic(file: directory, location: nil, message: "cannot move the bundle into place")
            }
            return
        }
        // An existing directory: a signature from an earlier run must not outlive the evidence.json it signed.
        let names = Set(files.map(\.name))
        if !names.contains(EvidenceBundle.signatureFile) {
            try? manager.removeItem(at: target.appendingPathComponent(EvidenceBundle.signatureFile))
        }
        for file in files {
            guard rename(staging.appendingPathComponent(file.name).path, target.appendingPathComponent(file.name).path) == 0 else {
                try? manager.removeItem(at: staging)
                throw Diagnostic(file: directory, location: nil, message: "cannot move \(file.name) into place")
            }
        }
        try? manager.removeItem(at: staging)
    }

    /// The names in a bundle's folder that are not its files (`names`, evidence.json and its signature), sorted:
    /// what `report --out` refuses to write beside and `verify-report` says the folder holds besides the bundle.
    static func foreignFiles(in path: String, bundle names: [String]) -> [String] {
        let own = Set(names + [EvidenceBundle.jsonFile, EvidenceBundle.signatureFile])
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !own.contains($0) }.sorted()
    }

    /// An existing `--out` may hold only the bundle's own files: whatever else is there is handed over with the
    /// bundle (a CI artifact of the folder) and read as part of it. A pull request that committed `evidence/index.html`
    /// saying every control passed had it sit beside the real pages of `report . --out evidence` (docs/security.md,
    /// row 44).
    private static func refuseForeignFiles(in path: String, bundle names: [String], directory: String) throws(Diagnostic) {
        // A bundle file's name held by a directory cannot be replaced: said before anything is moved, so a bundle is
        // never left half replaced ("cannot move report.html into place" gave no reason, tester round 31).
        for name in Set(names + [EvidenceBundle.signatureFile]).sorted() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Diagnostic(file: directory, location: nil, message: "--out holds a directory named '\(name)', where the bundle writes that file; name a new or empty directory")
            }
        }
        let foreign = foreignFiles(in: path, bundle: names)
        guard !foreign.isEmpty else { return }
        let shown = foreign.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
            + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
        throw Diagnostic(file: directory, location: nil, message: "--out holds files that are not part of the bundle (\(shown)), which would be handed over with it; name a new or empty directory")
    }
}
