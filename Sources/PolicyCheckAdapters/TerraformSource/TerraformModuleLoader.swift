import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a root module directory and the local modules it calls, giving every file its index among the
/// deployment's files; keeps the notices (remote module sources, repeated declarations) for the run to show.
package final class TerraformModuleLoader {
    /// How many variables, locals, resources and outputs are being evaluated, one inside another, across every
    /// module instance; at most `maxEvaluationDepth`.
    var evaluationDepth = 0
    /// The longest chain of values evaluated one inside another (Terraform has no such limit, but no real
    /// configuration comes near it, and each level costs stack).
    static let maxEvaluationDepth = 1_000
    /// Bounds on what one root module may pull in.
    struct Limits {
        var maxModuleDepth = 32
        var maxFileBytes = 16 << 20
        var maxFiles = 4_096
        var hcl = HCLReader.Limits()
    }

    let rootDirectory: String
    let limits: Limits
    /// Every file read, in index order (the deployment's `sourceFiles`).
    private(set) var files: [SourceFile] = []
    /// One-line notices with the packed offset they are about.
    private(set) var notices: [(offset: Int, message: String)] = []
    private var configs: [PathKey: TerraformModuleConfig] = [:]
    private var loading: [PathKey] = []
    /// Where `file()` may read: the root module's directory tree, as written and with its links resolved.
    private let readableRoot: String
    private let readableTree: CheckedTree
    /// The files whose bytes decide the deployment and come from the checked tree or a file the caller named: module
    /// files, `.tfvars` files and what `file()` read (once each) — not `--tf-var` values, which are the caller's
    /// and may be secrets. Evidence records the module by these.
    private(set) var contentFiles: [SourceFile] = []
    private var functionReads: Set<String> = []

    /// The tree local module sources must stay in; `nil` lets them lead anywhere (`--allow-outside-tree`).
    let tree: CheckedTree?

    init(rootDirectory: String, limits: Limits = Limits(), tree: CheckedTree? = nil) {
        self.rootDirectory = rootDirectory
        self.limits = limits
        self.tree = tree
        readableRoot = InputPath.standardized(rootDirectory, in: FileManager.default.currentDirectoryPath)
        readableTree = CheckedTree(root: readableRoot)
    }

    /// A module source for a message: whole up to 200 characters, which real sources fit in (registry addresses,
    /// git URLs with a `//subdirectory` and `?ref=`), and which the usual 60-character excerpt cut where two sources
    /// of one registry module differ (`…//modules/beta-autopilot-private-cluster` and `…//modules/private-cluster`);
    /// a hostile source is still cut, at its end.
    static func quote(source: String) -> String {
        Excerpt.quote(source, limit: 200)
    }

    /// The root module's configuration.
    func loadRoot() throws(TerraformSourceError) -> TerraformModuleConfig {
        try loadDirectory(rootDirectory)
    }

    /// A call's module, or `nil` (with a notice) for a source that is not a local path.
    func load(_ call: TerraformModuleConfig.ModuleCall,
              from parent: TerraformModuleConfig) throws(TerraformEvaluationError) -> TerraformModuleConfig? {
        let offset = call.file.packed(call.block.offset)
        guard let source = Self.localSource(call.source) else {
            // Once per call site: each call leaves its own resources unchecked (`notice` keeps one per place).
            notice("module.\(call.name): the source '\(Self.quote(source: call.source))' is not a local path; its resources are not checked (run policycheck on the plan to include them)", at: offset)
            return nil
        }
        let directory = Self.join(parent.directory, source)
        // A pull request's `source = "../../elsewhere"` must not make policycheck read (and report on) files out of
        // the checked tree, as BYOK material paths and `extends:` may not (docs/security.md).
        if let tree, !tree.contains(directory) {
            let at = call.block.body[attribute: "source"].map { call.file.packed($0.offset) } ?? offset
            throw TerraformEvaluationError("module.\(call.name): the module source '\(Self.quote(source: call.source))' \(CheckedTree.refusal), or run policycheck from the repository root", at: at)
        }
        do {
            return try loadDirectory(directory)
        } catch {
            switch error {
            case .evaluation(let problem): throw problem
            case .file(let path, let message): throw TerraformEvaluationError("module.\(call.name): \(path): \(message)", at: offset)
            case .syntax(let file, let problem):
                throw TerraformEvaluationError("module.\(call.name): \(file.path):\(file.location(ofOffset: problem.offset)): \(problem.message)", at: offset)
            case .cycle(let path):
                throw TerraformEvaluationError("module.\(call.name): the module source '\(Self.quote(source: call.source))' leads back to \(path), which is already being loaded (cyclic module sources)", at: offset)
            }
        }
    }

    /// A directory's identity: its absolute, standardized path, byte for byte (`PathKey`).
    static func key(_ directory: String) -> PathKey {
        InputPath.key(directory, in: FileManager.default.currentDirectoryPath)
    }

    private func loadDirectory(_ directory: String) throws(TerraformSourceError) -> TerraformModuleConfig {
        let key = Self.key(directory)
        if let config = configs[key] { return config }
        if loading.contains(key) { throw .cycle(directory) }
        guard loading.count < limits.maxModuleDepth else {
            throw .file(directory, "modules nested more than \(limits.maxModuleDepth) deep")
        }
        loading.append(key)
        defer { loading.removeLast() }
        // `x.tf` beside `x.tofu`: Terraform deploys the one, OpenTofu the other, and the checkout does not say which
        // tool deploys it — reading either would let the other pass unread (a compliant twin beside a world-open
        // `.tf`). Refused, visibly, rather than guessed (docs/terraform-source.md, "OpenTofu files").
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if let twin = TerraformFileName.twins(among: entries).first {
            throw .file(Self.join(directory, twin.terraform), "OpenTofu deploys \(twin.openTofu) in its place, Terraform deploys it and ignores \(twin.openTofu): which of the two is deployed cannot be told, so the module is not checked; keep one of them (or check each in a copy without the other)")
        }
        if let (terraform, openTofu) = TerraformFileName.mixed(among: entries) {
            throw .file(Self.join(directory, openTofu), "OpenTofu reads \(openTofu) with this module's .tf files, Terraform reads no .tofu file and deploys \(terraform) and the rest without it: which of the two configurations is deployed cannot be told, so the module is not checked; keep the module to one tool's files (or check each variant in a copy without the other's)")
        }
        // Terraform reads the primary files, then merges the override files into them (both in name order).
        var sourceFiles: [TerraformSourceFile] = []
        var overrideFiles: [TerraformSourceFile] = []
        let names = Self.moduleFileNames(in: directory)
        for name in names.filter({ !TerraformOverrides.isOverride($0) }) + names.filter(TerraformOverrides.isOverride) {
            let path = Self.join(directory, name)
            // A module file that is a link out of the checked tree is refused like a module source that leaves it
            // (the directory was held to the tree already, so only a link can lead out).
            if let tree, FileKind(path, followingLinks: false) == .symbolicLink, !tree.contains(path) {
                throw .file(path, "the module file \(CheckedTree.refusal)")
            }
            let file = try read(path)
            let body: HCLBody
            do {
                body = try Self.parse(name: name, file.bytes, limits: limits.hcl)
            } catch {
                throw .syntax(file, error)
            }
            if let problem = Self.uncomposedName(in: body) { throw .syntax(file, problem) }
            let sourceFile = TerraformSourceFile(source: file, body: body, index: files.count - 1)
            if TerraformOverrides.isOverride(name) { overrideFiles.append(sourceFile) } else { sourceFiles.append(sourceFile) }
        }
        if !overrideFiles.isEmpty { sourceFiles = try TerraformOverrides.merge(sourceFiles, overrideFiles) }
        let config = TerraformModuleConfig(directory: directory, files: sourceFiles)
        notices += config.notices
        configs[key] = config
        return config
    }

    /// A file's text, added to the deployment's files.
    func read(_ path: String) throws(TerraformSourceError) -> SourceFile {
        guard files.count < limits.maxFiles else { throw .file(path, "more than \(limits.maxFiles) files in one module tree") }
        let data: [UInt8]
        do {
            data = try FileBytes.read(path, limit: limits.maxFileBytes)
        } catch .tooLarge(let size) {
            throw .file(path, "file is \(size.map(String.init) ?? "more than \(limits.maxFileBytes)") bytes, larger than the \(limits.maxFileBytes)-byte limit")
        } catch {
            throw .file(path, "cannot read file")
        }
        let text: [UInt8]
        do {
            text = try TextDecoding.utf8Text(from: data)
        } catch {
            throw .syntax(SourceFile(path: InputPath.display(path), bytes: [UInt8](data)),
                          SyntaxError(offset: error.offset, message: error.message))
        }
        let file = SourceFile(path: InputPath.display(path), bytes: text)
        files.append(file)
        contentFiles.append(file)
        return file
    }

    /// Records a warning once per place.
    func notice(_ message: String, at offset: Int) {
        // Notices appended directly (remote sources, repeated declarations) join the keys when next asked.
        for earlier in notices[keyedNotices...] { noticeKeys.insert(NoticeKey(offset: earlier.offset, message: earlier.message)) }
        guard noticeKeys.insert(NoticeKey(offset: offset, message: message)).inserted else {
            keyedNotices = notices.count
            return
        }
        notices.append((offset, message))
        keyedNotices = notices.count
    }

    /// The notices recorded so far, as keys (scanning them for every new one was quadratic in a module of
    /// 100,000 warnings).
    private var noticeKeys: Set<NoticeKey> = []
    /// How many of `notices` are in `noticeKeys`.
    private var keyedNotices = 0

    private struct NoticeKey: Hashable {
        let offset: Int
        let message: String
    }

    /// Adds a file that is not read from disk (a `--tf-var` value), returning its index.
    func add(_ file: SourceFile) -> Int {
        files.append(file)
        return files.count - 1
    }

    /// `file()`: only inside the root module's tree, at most 1 MiB; `nil` otherwise.
    ///
    /// A relative path is the root module's directory's, where Terraform runs ("relative to the current working
    /// directory", https://developer.hashicorp.com/terraform/language/functions/file): policycheck's own working
    /// directory read another file than Terraform would (a decoy beside the checkout's root). The file must be in
    /// the tree after its links are followed: a link to `/proc/self/environ` put the CI runner's environment in a
    /// finding's message.
    func readFile(_ path: String) -> String? {
        // The path is a string value, which Terraform holds in normalization form C (`localSource`).
        let absolute = InputPath.standardized(path.precomposedStringWithCanonicalMapping, in: readableRoot)
        guard absolute.hasPrefix(readableRoot + "/"), readableTree.contains(absolute), InputPath.isRegularFile(absolute),
              let data = try? FileBytes.read(absolute, limit: 1 << 20) else { return nil }
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        // What `file()` reads decides values as much as the `.tf` files do: it is part of the module's digest.
        if functionReads.insert(absolute).inserted {
            contentFiles.append(SourceFile(path: InputPath.display(absolute), bytes: data))
        }
        return text
    }

    /// The `.tf`, `.tf.json`, `.tofu` and `.tofu.json` files of a directory that OpenTofu reads, in name order
    /// (override files among them): a `.tofu` file takes the place of the `.tf` file of its name (`TerraformFileName`).
    static func moduleFileNames(in directory: String) -> [String] {
        TerraformFileName.moduleFiles(among: (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
    }

    /// A block type, label or attribute name that is not in Unicode normalization form C. Terraform compares names
    /// byte for byte, so `resource "aws_db_instance" "café"` spelt with `é` and again with `e` + U+0301 are two
    /// resources (two variables, two locals), while Swift compares strings by canonical equivalence and took the
    /// second for a repeated declaration of the first, leaving it unchecked. Names in form C are equal exactly when
    /// their bytes are, so refusing the others leaves no two names policycheck cannot tell apart.
    static func uncomposedName(in body: HCLBody) -> SyntaxError? {
        func refusal(_ name: String, _ what: String, at offset: Int) -> SyntaxError? {
            guard name.utf8.contains(where: { $0 >= 0x80 }),
                  !name.precomposedStringWithCanonicalMapping.utf8.elementsEqual(name.utf8) else { return nil }
            return SyntaxError(offset: offset, message: "the \(what) '\(Excerpt.quote(name))' is not in Unicode normalization form C: Terraform tells it apart from the same name spelt with composed letters, policycheck cannot; spell it composed")
        }
        for attribute in body.attributes {
            if let problem = refusal(attribute.name, "attribute name", at: attribute.offset) { return problem }
        }
        for block in body.blocks {
            if let problem = refusal(block.type, "block type", at: block.offset) { return problem }
            for label in block.labels {
                if let problem = refusal(label.text, "block label", at: label.offset) { return problem }
            }
            if let problem = uncomposedName(in: block.body) { return problem }
        }
        return nil
    }

    /// A module file's body: native syntax, or Terraform's JSON syntax for `.tf.json` and `.tofu.json`.
    static func parse(name: String, _ bytes: [UInt8], limits: HCLReader.Limits = HCLReader.Limits()) throws(SyntaxError) -> HCLBody {
        if TerraformFileName.isJSON(name) { return try TerraformJSONSyntax(reader: HCLReader(limits: limits)).body(bytes) }
        return try HCLReader(limits: limits).read(bytes)
    }

    /// Whether a directory holds Terraform configuration.
    package static func isModule(_ directory: String) -> Bool { !moduleFileNames(in: directory).isEmpty }

    /// What input discovery needs of a module, read cheaply from one parse of its files (a file that does not parse
    /// adds nothing here; reading the module reports it).
    package struct Discovered: Sendable {
        /// The directories it calls by local path (standardized).
        package var calls: Set<PathKey> = []
        /// Whether it says it is deployed on its own, as a root, whoever else calls it: a `terraform` block with a
        /// `backend` or `cloud` block (state of its own), a `provider` block — modules leave providers to their
        /// caller, and Terraform refuses `count`, `for_each` and `depends_on` on a call to a module that
        /// configures one — or variable values Terraform loads only for a root (`terraform.tfvars`,
        /// `*.auto.tfvars`). A module another of the walk calls is then still read as a root too: a decoy call
        /// (`module "prod" { source = "../../stacks/prod", count = 0 }`) took a deployed stack, and the world-open
        /// value its `terraform.tfvars` sets, out of the gate (tester and review, round 34).
        package var declaresOwnRoot = false
    }

    package static func discover(_ directory: String) -> Discovered {
        var found = Discovered()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        found.declaresOwnRoot = entries.contains(where: TerraformFileName.isAutomaticVariables)
        for name in TerraformFileName.moduleFiles(among: entries) {
            guard let data = try? FileBytes.read(join(directory, name), limit: 16 << 20),
                  let body = try? parse(name: name, data) else { continue }
            for block in body.blocks {
                switch block.type {
                case "module":
                    guard let written = block.body[attribute: "source"]?.value.literalText,
                          let source = localSource(written) else { continue }
                    found.calls.insert(InputPath.key(join(directory, source), in: FileManager.default.currentDirectoryPath))
                case "provider":
                    found.declaresOwnRoot = true
                case "terraform" where block.body.blocks.contains(where: { $0.type == "backend" || $0.type == "cloud" }):
                    found.declaresOwnRoot = true
                default:
                    continue
                }
            }
        }
        return found
    }

    /// A module source as the local path Terraform reads, or `nil` when it is not one. Terraform takes a source
    /// starting `./`, `../`, `.\` or `..\` for a local path and turns backslashes into slashes on every platform
    /// (`moduleSourceLocalPrefixes` and `parseModuleSourceLocal` in its `getmodules/moduleaddrs`): `.\modules\db`
    /// is `./modules/db`, not a remote source to leave unchecked. The source is a string value, which Terraform
    /// holds in Unicode normalization form C (cty's `StringVal`, as HCL's specification says of strings), so a
    /// source spelt with a decomposed `é` names the folder spelt precomposed.
    static func localSource(_ written: String) -> String? {
        let prefixes = ["./", "../", ".\\", "..\\"]
        guard prefixes.contains(where: { written.utf8.starts(with: $0.utf8) }) else { return nil }
        let slashed = written.replacingOccurrences(of: "\\", with: "/")
        return slashed.precomposedStringWithCanonicalMapping
    }

    /// `name` inside `directory`, cleaned as Terraform joins a local module source to its caller's directory (Go's
    /// `filepath.Join`, which cleans lexically): `./child` and `./` name places inside the directory (`infra/child`,
    /// `infra`), and `..` steps back over the name before it, so a module at `examples/complete` calling `../../`
    /// is the directory `.` and its files are `main.tf`, not `examples/complete/../../main.tf`.
    static func join(_ directory: String, _ name: String) -> String {
        // A file name in a module's directory (every `.tf` file read): nothing to clean but a leading `./`.
        if !name.contains("/"), !name.hasPrefix("."), !directory.contains("..") {
            var result = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            while result.hasPrefix("./") && result.utf8.count > 2 { result.removeFirst(2) }
            return result
        }
        let absolute = directory.hasPrefix("/")
        var parts: [Substring] = []
        for part in (directory + "/" + name).split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && absolute && parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

/// Why a module tree could not be read.
enum TerraformSourceError: Error {
    case file(String, String)
    case syntax(SourceFile, SyntaxError)
    case cycle(String)
    case evaluation(TerraformEvaluationError)
}
