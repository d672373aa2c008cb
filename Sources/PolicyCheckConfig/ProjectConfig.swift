import Foundation
import KeyMaterial
import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckReport
import PolicyCheckSyntax

/// `.policycheck.yaml`: a project's settings in one file, found from the working directory upward (or named with
/// `--config`). Paths in it are relative to the file. Command-line flags override it.
public struct ProjectConfig: Sendable {
    public static let fileName = ".policycheck.yaml"
    public static let fields = [
        "apiVersion", "kind", "policies", "waivers", "baseline", "failOn", "outputs", "include", "exclude", "inputFormat",
        "offering", "jobs", "rules", "inlineIgnores", "maxFileSize", "helm", "kubectl", "allowUnrendered",
        "terraform", "register",
    ]

    /// A value and where it is written (`file:line:col`).
    public struct Entry<Value: Sendable>: Sendable {
        public var value: Value
        public var location: String
    }

    /// One requested report: a format and where it goes (`nil`: standard output).
    public struct Output: Sendable, Equatable {
        public var format: String
        public var path: String?

        public init(format: String, path: String? = nil) {
            self.format = format
            self.path = path
        }

        /// The report request, when `format` names a format (the reader has checked it).
        public var request: FormatRequest? {
            ReportFormat(rawValue: format.lowercased()).map { FormatRequest(format: $0, file: path) }
        }
    }

    /// A per-rule change: switch it off, or change its severity.
    public struct RuleSetting: Sendable {
        public var ruleId: String
        public var enabled: Bool?
        public var severity: Severity?
        public var location: String
    }

    /// The file the settings come from.
    public var file: String
    /// SHA-256 of the file's bytes, for the evidence.
    public var sha256: String?
    /// `true` when the file was found upward from the working directory rather than named with `--config`: in CI
    /// that is the pull request's checkout, so it may not weaken the gate (docs/security.md).
    public var discovered = false
    public var policies: Entry<[String]>?
    /// `--waivers` (a path relative to the working directory).
    public var waivers: Entry<String>?
    /// `--baseline`.
    public var baseline: Entry<String>?
    /// `nil` inside means `none`.
    public var failOn: Entry<Severity?>?
    /// `--format NAME[=FILE]`, one per report.
    public var outputs: Entry<[Output]>?
    /// Files found by walking a directory are checked only when they match one of these globs.
    public var include: Entry<[String]>?
    /// `false` is `--no-inline-ignores`.
    public var inlineIgnores: Entry<Bool>?
    /// `--max-file-size`, in bytes.
    public var maxFileSize: Entry<Int>?
    public var exclude: Entry<[String]>?
    public var inputFormat: Entry<InputFormat>?
    public var offering: Entry<Offering>?
    public var jobs: Entry<Int>?
    /// The register of runs (`register push`, `audit`): a SQLite file (relative to this file) or a postgres:// URL.
    public var register: Entry<String>?
    public var rules: [RuleSetting] = []
    /// `helm.path`: `--helm`.
    public var helm: Entry<String>?
    /// `helm.values`: `--helm-values`, relative to the file.
    public var helmValues: Entry<[String]>?
    /// `helm.set`: `--helm-set`.
    public var helmSet: Entry<[String]>?
    /// `--kubectl`.
    public var kubectl: Entry<String>?
    /// `--allow-unrendered`.
    public var allowUnrendered: Entry<Bool>?
    /// `terraform.varFiles` (relative to the file) then `terraform.vars` (`NAME=VALUE`): `--tf-var-file`, `--tf-var`.
    public var terraformVariables: Entry<[TerraformVariableInput]>?

    public init(file: String) {
        self.file = file
    }

    /// The nearest `.policycheck.yaml` in `directory` or above it.
    public static func discover(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return InputPath.display(candidate)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Why a discovered settings file is not read: it is a link to a file outside its own folder's tree (a
    /// `.policycheck.yaml -> ../outside.yaml` in a pull request made policycheck open a file beside the checkout and
    /// echo its keys in errors; hostile tester, round 35). `nil` when the file may be read. A file named with
    /// `--config` is the pipeline's choice and is not judged.
    /// The boundary is the checkout holding the file — its nearest folder with a `.git` — or, outside any, the
    /// file's own folder: `svc/.policycheck.yaml -> ../.policycheck.yaml` in a monorepo is read (review, round 35).
    /// A link to a `.policycheck.yaml` in a folder above its own is read too: discovery would find that one anyway.
    public static func outsideLink(_ path: String) -> Diagnostic? {
        let parent = InputPath.parent(of: path)
        let folder = parent.isEmpty ? "." : parent
        guard !CheckedTree(root: checkout(of: folder)).contains(path) else { return nil }
        // The target's own folder holds the link's folder: the target is a settings file discovery could find.
        if let target = CheckedTree.realPath(path), (target as NSString).lastPathComponent == fileName,
           CheckedTree(root: InputPath.parent(of: target)).containsReal(folder) {
            return nil
        }
        return Diagnostic(file: path, location: nil,
                          message: "the settings file found upward is a link to a file that \(CheckedTree.refusal)")
    }

    /// The nearest folder at or above `directory` that holds `.git` (a work tree's root), else `directory`.
    static func checkout(of directory: String) -> String {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return directory }
            url = parent
        }
    }

    /// Reads a configuration file; every problem is thrown with its place.
    public static func load(_ path: String) throws(Diagnostics) -> ProjectConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostics([.cannotRead(path, .configurationFile)])
        }
        let parsed = try SettingsDocument.parse([UInt8](data), path: path)
        let source = parsed.source
        let root = parsed.root
        var config = ProjectConfig(file: path)
        config.sha256 = Digest.sha256([UInt8](data))
        guard let root else { return config }
        let reader = NodeReader(source: source)
        ConfigReader(reader: reader, base: InputPath.parent(of: path)).read(root, into: &config)
        guard reader.errorCount == 0 else { throw Diagnostics(reader.errors) }
        return config
    }
}
