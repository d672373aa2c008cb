import Foundation
import KeyMaterial
import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckSyntax

/// Verifies a folder an evidence bundle records (a Terraform module, a chart, a kustomization build): its `sha256` is the digest of the files the run
/// read (`ModuleManifest`), which the folder's bytes alone cannot give back (which files were read depended on
/// `--tf-var-file` and on what `file()` was called with). So the recorded list is held to the recorded digest, each
/// listed file to its own SHA-256, and the folders the run read module files from to the files it read: one that
/// Terraform would read now and the run did not is a change as much as an edited one.
///
/// Recorded paths are evidence.json's, which an unsigned bundle's author chose: they must stay in `--inputs-root`
/// (`..` and links resolved), and only paths and hashes are printed — a module's files may hold secrets.
struct ModuleInputCheck {
    /// The folder as recorded (`population.inputs[].file`).
    let folder: String
    let expected: String
    let manifest: ModuleManifest
    /// `--inputs-root`: the directory recorded paths are relative to, which they must stay in.
    let root: Root

    init(folder: String, expected: String, manifest: ModuleManifest, inputsRoot: String) {
        self.folder = folder
        self.expected = expected
        self.manifest = manifest
        root = Root(inputsRoot)
    }

    /// The largest file compared: the run reads none larger (`TerraformModuleLoader.Limits.maxFileBytes`).
    static let maxFileBytes = 16 << 20

    typealias Check = BundleVerifier.Check

    func checks() -> [Check] {
        let subject = "input \(folder)"
        guard manifest.digest == expected else {
            return [Check(subject: subject, result: .changed, detail: "the list of files evidence.json records for this module does not give its recorded sha256 \(expected): the list or the digest was altered")]
        }
        let folderPath = absolute(folder)
        switch FileKind(folderPath, followingLinks: true) {
        case nil:
            return [Check(subject: subject, result: .skipped, detail: "not present at its recorded path: not checked")]
        case .directory?:
            break
        default:
            return [Check(subject: subject, result: .changed, detail: "recorded as a folder, no longer a folder")]
        }
        var problems = manifest.entries.compactMap(fileCheck)
        problems += addedFiles()
        guard problems.isEmpty else { return problems }
        let terraform = manifest.entries.contains { TerraformFileName.isConfiguration(Self.name($0.path)) }
        return [Check(subject: subject, result: .ok,
                      detail: "sha256 \(expected): the \(Self.files(manifest.entries.count)) the run read unchanged\(terraform ? ", no Terraform file added" : "")")]
    }

    /// A listed file that is not as the run read it, or nil.
    private func fileCheck(_ entry: ModuleManifest.Entry) -> Check? {
        let subject = "input \(entry.path)"
        let path = absolute(entry.path)
        guard root.contains(path) else {
            return Check(subject: subject, result: .changed, detail: "refused: the recorded path of a file of \(folder) leads out of --inputs-root (through '..', a link or an absolute path); not read")
        }
        switch FileKind(path, followingLinks: true) {
        case nil:
            return Check(subject: subject, result: .changed, detail: "missing: the run read it for \(folder), evidence.json records sha256 \(entry.sha256)")
        case .regular?:
            break
        default:
            return Check(subject: subject, result: .changed, detail: "no longer a regular file: the run read it for \(folder)")
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: Self.maxFileBytes)
        } catch .tooLarge {
            return Check(subject: subject, result: .changed, detail: "now larger than \(Self.maxFileBytes) bytes: evidence.json records \(entry.byteCount) bytes, sha256 \(entry.sha256)")
        } catch {
            return Check(subject: subject, result: .changed, detail: "cannot be read: the run read it for \(folder)")
        }
        let actual = Digest.sha256(bytes)
        // Module files are recorded as the UTF-8 text read (a byte-order mark dropped, UTF-16 transcoded).
        if actual == entry.sha256 || (try? TextDecoding.utf8Text(from: bytes)).map(Digest.sha256) == entry.sha256 { return nil }
        return Check(subject: subject, result: .changed, detail: "sha256 is \(actual), evidence.json records \(entry.sha256) (read for \(folder))")
    }

    /// Terraform files in the folders the run read module files from that it did not read: configuration files
    /// (override files among them) in each, and automatically loaded variable files in the module's own folder.
    private func addedFiles() -> [Check] {
        let read = Set(manifest.entries.map { absolute($0.path) })
        var folders = [folder]
        for entry in manifest.entries where TerraformFileName.isConfiguration(Self.name(entry.path)) {
            folders.append(InputPath.parent(of: entry.path))
        }
        var seen: Set<String> = []
        var added: [Check] = []
        for directory in folders {
            let path = absolute(directory)
            guard seen.insert(path).inserted, root.contains(path),
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            let isRoot = directory == folder
            for name in names.sorted()
            where TerraformFileName.isConfiguration(name) || (isRoot && TerraformFileName.isAutomaticVariables(name)) {
                guard !read.contains(absolute(Self.join(directory, name))) else { continue }
                added.append(Check(subject: "input \(Self.join(directory, name))", result: .changed,
                                   detail: "added after the run to module \(folder): Terraform would read it"))
            }
        }
        return added
    }

    /// A recorded path as an absolute one: relative paths are `--inputs-root`'s.
    private func absolute(_ path: String) -> String {
        InputPath.standardized(path.isEmpty ? "." : path, in: root.textual)
    }

    /// `--inputs-root`, as written (standardized) and with its links resolved.
    struct Root {
        let textual: String
        let real: String

        init(_ path: String) {
            textual = InputPath.standardized(path, in: FileManager.default.currentDirectoryPath)
            real = Self.realPath(textual) ?? textual
        }

        /// Whether an absolute path lies in the root: as written, and — when it exists — after following its links.
        func contains(_ path: String) -> Bool {
            guard Self.isWithin(path, textual) else { return false }
            guard let resolved = Self.realPath(path) else { return true }
            return Self.isWithin(resolved, real)
        }

        private static func isWithin(_ path: String, _ root: String) -> Bool {
            root == "/" || path == root || path.hasPrefix(root + "/")
        }

        private static func realPath(_ path: String) -> String? {
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
    }

    private static func files(_ count: Int) -> String {
        count == 1 ? "1 file" : "\(count) files"
    }

    private static func name(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory == "." ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
