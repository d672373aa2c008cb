import Foundation
import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckSyntax

/// Finds the inputs named on the command line: files as given, directories walked recursively in sorted order.
public struct InputDiscovery: Sendable {
    /// Directory names a walk does not enter, each with what it holds: version control, downloaded dependencies and
    /// build output, which are not the checked tree's own deployment inputs (Checkov leaves out `node_modules` and
    /// `.terraform` and hidden directories by default, Trivy `.git`). Each one met is listed as a skip, never left
    /// out silently (kubectl apply -R would read manifests there): naming it as a path checks what it holds.
    public static let prunedDirectories: [String: String] = [
        ".git": "Git's own data",
        ".terraform": "what terraform init downloaded (modules and providers)",
        ".build": "build output",
        "node_modules": "installed npm packages",
    ]
    /// Manifest file endings a directory walk looks at. `.template` is CloudFormation's by long convention (AWS Quick
    /// Starts and the AWS sample templates name JSON and YAML templates so); one that is not YAML or JSON (a
    /// configuration file's template) is skipped like any walked file that does not parse, unless it carries an
    /// input marker (`InputMarkers`: an `AWSTemplateFormatVersion`, an `AWS::` type), which keeps it an error.
    /// `.jwk` is JSON: a JSON Web Key file, read for the private key it may hold (`JSONWebKeys`).
    public static let candidateManifestExtensions: Set<String> = ["yaml", "yml", "json", "template", "jwk"]
    /// Every file ending a directory walk reads by name: manifests and key material.
    public static let candidateExtensions: Set<String> = candidateManifestExtensions.union(KeyFileReader.extensions)

    public var excludeGlobs: [String] { didSet { excludePatterns = GlobSet(excludeGlobs) } }
    /// When not empty, a file found by walking a directory is read only if its path or name matches one of these
    /// (`.policycheck.yaml`'s `include`). Files named on the command line are always read.
    public var includeGlobs: [String] { didSet { includePatterns = GlobSet(includeGlobs) } }
    /// The globs prepared once for every path walked, each path trying only those that can match it.
    private var excludePatterns: GlobSet
    private var includePatterns: GlobSet
    /// Read links in walked directories that lead out of the checked tree (`--allow-outside-tree`).
    public var allowOutsideTree = false

    public init(excludeGlobs: [String] = [], includeGlobs: [String] = []) {
        self.excludeGlobs = excludeGlobs
        self.includeGlobs = includeGlobs
        excludePatterns = GlobSet(excludeGlobs)
        includePatterns = GlobSet(includeGlobs)
    }

    /// One input to read.
    public struct Input: Sendable, Hashable {
        /// The path to open.
        public var path: String
        /// The path to show (relative to the working directory when possible).
        public var displayPath: String
        /// Named on the command line (not found by walking a directory): then it must be a manifest.
        public var isExplicit: Bool
        /// A directory of Terraform source (`.tf` files): one root module, read whole.
        public var isTerraformModule: Bool
        /// The tree the input's references must stay in (`nil`: the working directory's).
        public var tree: CheckedTree?
        /// Why a file found by walking is not read (a link out of the tree), counted and shown as a skip.
        public var skipReason: String?
        /// A key file in a Helm chart's `templates/`: a Go template may hold anything, so a PEM header there that
        /// begins no key is a skip, never an error (`KeyScanMode.found`).
        public var isTemplated = false

        public init(path: String, displayPath: String, isExplicit: Bool, isTerraformModule: Bool = false) {
            self.path = path
            self.displayPath = displayPath
            self.isExplicit = isExplicit
            self.isTerraformModule = isTerraformModule
        }
    }

    /// The inputs under the given paths, and problems with the paths themselves.
    public func discover(_ paths: [String]) -> (inputs: [Input], errors: [Diagnostic]) {
        let found = discoverAll(paths)
        return (found.inputs, found.errors)
    }

    /// What a walk found: files to read, directories to render first (Helm charts, kustomizations), and problems.
    public struct Found: Sendable {
        public var inputs: [Input] = []
        public var errors: [Diagnostic] = []
        /// Charts and kustomizations, in walk order. A chart's `templates/` are not among `inputs`: they are not
        /// YAML until rendered.
        public var renderSources: [RenderSource] = []
    }

    /// The inputs and render sources under the given paths.
    public func discoverAll(_ paths: [String]) -> Found {
        var inputs: [Input] = []
        var errors: [Diagnostic] = []
        var sources: [RenderSource] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                inputs.append(Input(path: "-", displayPath: "-", isExplicit: true))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(Diagnostic(file: path, location: nil, message: "no such file or directory"))
                continue
            }
            let tree = CheckedTree.of(argument: path, isDirectory: isDirectory.boolValue)
            if isDirectory.boolValue {
                var calledModules: [PathKey: TerraformModuleLoader.Discovered] = [:]
                let start = inputs.count
                walk(directory: path, into: &inputs, errors: &errors, sources: &sources, inChart: false,
                     calledModules: &calledModules, tree: tree)
                Self.keepRootModules(&inputs, from: start, calls: calledModules)
                for index in start..<inputs.count { inputs[index].tree = tree }
            } else if TerraformFileName.isConfiguration((path as NSString).lastPathComponent), InputPath.isRegularFile(path) {
                // A .tf (or .tofu) file is part of its directory's module: the module is what Terraform reads.
                let directory = InputPath.parent(of: path)
                let module = directory.isEmpty ? "." : directory
                var input = Input(path: module, displayPath: InputPath.display(module), isExplicit: true, isTerraformModule: true)
                input.tree = tree
                inputs.append(input)
            } else if InputPath.isRegularFile(path) {
                var input = Input(path: path, displayPath: InputPath.display(path), isExplicit: true)
                input.tree = tree
                inputs.append(input)
            } else {
                // FIFOs, sockets and devices are never opened: reading one could block forever.
                errors.append(Diagnostic(file: InputPath.display(path), location: nil, message: "not a regular file"))
            }
        }
        // Keyed by bytes: two spellings of one name that Unicode calls equivalent are two files (`PathKey`).
        var seen: Set<PathKey> = []
        let directory = FileManager.default.currentDirectoryPath
        inputs = inputs.filter { seen.insert(InputPath.key($0.path, in: directory)).inserted || $0.path == "-" }
        var seenSources: Set<PathKey> = []
        sources = sources.filter { seenSources.insert(InputPath.key($0.renderedInputPath, in: directory)).inserted }
        return Found(inputs: inputs, errors: errors, renderSources: sources)
    }

    /// Keeps, of the walked Terraform modules (`calls`: each one's local calls), the roots: a module another walked
    /// module calls, however deep, is read as part of its caller, not again as a root with every finding doubled —
    /// whichever is walked first (`stacks/prod` calling `../../modules/db` comes after `modules/db`). Modules that
    /// only call each other in a cycle keep the first walked as their root, so none goes unread.
    ///
    /// A call from inside the called module's own folder — a module repository's `examples/complete` calling
    /// `../../` — does not make the module a part: an example shows one way to use the module, with its own values,
    /// and the module is still read on its own, with its defaults (read only through an example that turns
    /// encryption on, a default of off would pass unseen). Nor does any call make a part of a module that declares
    /// itself deployed on its own — a backend, a provider block, or a `terraform.tfvars` (`Discovered.declaresOwnRoot`).
    static func keepRootModules(_ inputs: inout [Input], from start: Int, calls modules: [PathKey: TerraformModuleLoader.Discovered]) {
        let directory = FileManager.default.currentDirectoryPath
        let calls = modules.mapValues(\.calls)
        let order = inputs[start...].filter(\.isTerraformModule).map { InputPath.key($0.path, in: directory) }
        func isInside(_ caller: PathKey, _ callee: PathKey) -> Bool {
            caller.bytes.count > callee.bytes.count && caller.bytes.starts(with: callee.bytes)
                && (callee.bytes.last == UInt8(ascii: "/") || caller.bytes[callee.bytes.count] == UInt8(ascii: "/"))
        }
        let called = Set(calls.flatMap { caller, callees in callees.filter { !isInside(caller, $0) } })
        var covered: Set<PathKey> = []
        var roots: Set<PathKey> = []
        func cover(from root: PathKey) {
            var pending = Array(calls[root] ?? [])
            while let next = pending.popLast() {
                if covered.insert(next).inserted { pending += calls[next] ?? [] }
            }
        }
        // A called module that says it is deployed on its own (`Discovered.declaresOwnRoot`) is a root as well as a
        // part of its callers.
        for key in order where called.contains(key) && modules[key]?.declaresOwnRoot == true { roots.insert(key) }
        for key in order where !called.contains(key) && roots.insert(key).inserted { cover(from: key) }
        for key in order where !covered.contains(key) && roots.insert(key).inserted { cover(from: key) }
        let walked = inputs[start...].filter { !$0.isTerraformModule || roots.contains(InputPath.key($0.path, in: directory)) }
        inputs.replaceSubrange(start..., with: walked)
    }
    /// Walks one directory. Under a Helm chart's `templates/` (`templated`), only key material is an input: the
    /// templates themselves are checked once rendered (`RenderSource`), never read raw, but a private key put there
    /// is still a committed secret.
    private func walk(directory: String, into inputs: inout [Input], errors: inout [Diagnostic],
                      sources: inout [RenderSource], inChart: Bool, calledModules: inout [PathKey: TerraformModuleLoader.Discovered],
                      tree: CheckedTree, templated: Bool = false) {
        // A directory of .tf files is a Terraform module; one a module above calls by a local path is read as part
        // of that module, not again as a root of its own — however deep the calls go: what a called module calls
        // is part of it too (aws-ia/terraform-aws-vpc's `modules/flow_logs/modules/s3_log_bucket` was read again).
        let key = InputPath.key(directory, in: FileManager.default.currentDirectoryPath)
        // Which modules are roots is decided once the walk has seen every caller (`keepRootModules`).
        if !templated, TerraformModuleLoader.isModule(directory) {
            inputs.append(Input(path: directory, displayPath: InputPath.display(directory), isExplicit: false, isTerraformModule: true))
            calledModules[key] = TerraformModuleLoader.discover(directory)
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            errors.append(.cannotRead(InputPath.display(directory), .directory))
            return
        }
        // A chart inside a chart (under its `charts/`) is rendered by its parent, not again on its own.
        let kinds = templated ? [] : RenderSource.kinds(in: directory, entries: entries)
        let isChart = kinds.contains(.helmChart)
        for kind in kinds where !(kind == .helmChart && inChart) {
            var source = RenderSource(kind: kind, directory: directory, displayPath: InputPath.display(directory), tree: tree)
            if kind == .kustomization, isChart, let file = RenderSource.kustomizationFiles(in: directory, entries: entries).first {
                source.renderedInputPath = file
            }
            sources.append(source)
        }
        for name in entries {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let display = InputPath.display(path)
            if isExcluded(display, name: name) { continue }
            switch FileKind(path, followingLinks: false) {
            case nil:
                errors.append(.cannotRead(display, .fileAttributes))
            case .directory?:
                if let holds = Self.prunedDirectories[name] {
                    // Listed as a skip, never silent: manifests kept there (kubectl apply -R reads them) would
                    // otherwise pass unseen.
                    guard isIncluded(display, name: name) else { continue }
                    var input = Input(path: path, displayPath: display, isExplicit: false)
                    input.skipReason = Self.prunedDirectorySkip(holds)
                    inputs.append(input)
                    continue
                }
                walk(directory: path, into: &inputs, errors: &errors, sources: &sources, inChart: inChart || isChart,
                     calledModules: &calledModules, tree: tree, templated: templated || (isChart && name == "templates"))
            case .regular?:
                if let input = fileInput(path, display: display, name: name, templated: templated, leavesTree: false) {
                    inputs.append(input)
                }
            case .symbolicLink?:
                // Links to files are read; links to directories are not followed, so a walk can never loop.
                switch FileKind(path, followingLinks: true) {
                case nil:
                    errors.append(Diagnostic(file: display, location: nil, message: Self.brokenLink(path)))
                case .regular?:
                    let leaves = !allowOutsideTree && !tree.contains(path)
                    if let input = fileInput(path, display: display, name: name, templated: templated, leavesTree: leaves) {
                        inputs.append(input)
                    }
                case .directory?:
                    // Listed as a skip, never silent: a module or manifests behind the link (kept in a folder the
                    // walk leaves out, or outside the tree) would otherwise pass unseen.
                    guard isIncluded(display, name: name) else { continue }
                    var input = Input(path: path, displayPath: display, isExplicit: false)
                    input.skipReason = Self.directoryLinkSkip
                    inputs.append(input)
                default:
                    if let input = specialFileSkip(path, display: display, name: name, templated: templated) {
                        inputs.append(input)
                    }
                }
            case .other?:
                // FIFOs, sockets and devices are never opened; one named as an input would be is listed as a skip.
                if let input = specialFileSkip(path, display: display, name: name, templated: templated) {
                    inputs.append(input)
                }
            }
        }
    }

    /// Why a pruned directory (`prunedDirectories`) is not checked.
    static func prunedDirectorySkip(_ holds: String) -> String {
        "directory not entered: it holds \(holds), not the tree's own inputs; name it as a path to check what it holds"
    }

    /// Why a walked link to a directory is not checked.
    /// "broken symbolic link: its target '../../../.git/HEAD' is missing or unreadable" — the target as the link
    /// spells it (an excerpt: never a control character), so a link into a folder a download leaves out (ko's
    /// `kodata/HEAD` into `.git`, absent from `git archive` and GitHub's zip) says where it points.
    static func brokenLink(_ path: String) -> String {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
            return "broken symbolic link"
        }
        return "broken symbolic link: its target '\(Excerpt.quote(target, limit: 160))' is missing or unreadable"
    }

    static let directoryLinkSkip = "is a symbolic link to a directory: a walk does not follow links to directories "
        + "(so it can never loop); name its target to check what it holds"

    /// The input a walked file (or a link to one) is, if any: a file its name marks (`isCandidate`), or one whose
    /// first bytes hold a private key (`KeyFileSniffer`). A link out of the tree is counted and explained as a skip,
    /// never read, not even its first bytes.
    private func fileInput(_ path: String, display: String, name: String, templated: Bool, leavesTree: Bool) -> Input? {
        guard isIncluded(display, name: name) else { return nil }
        let named = templated ? KeyFileName.marksKeyMaterial(name) : Self.isCandidate(name)
        guard named || (!leavesTree && KeyFileSniffer.holdsPrivateKey(atPath: path)) else { return nil }
        var input = Input(path: path, displayPath: display, isExplicit: false)
        input.isTemplated = templated
        if leavesTree { input.skipReason = "is a symbolic link to a file that " + CheckedTree.refusal }
        return input
    }

    /// A FIFO, socket or device (or a link to one) whose name would make it an input, listed as a skip rather than
    /// dropped unseen: it is never opened, as reading one could block the run forever (tester, round 38: a walked
    /// `deploy.yaml` FIFO was in no list while the summary said every file was checked).
    private func specialFileSkip(_ path: String, display: String, name: String, templated: Bool) -> Input? {
        guard isIncluded(display, name: name),
              templated ? KeyFileName.marksKeyMaterial(name) : Self.isCandidate(name) else { return nil }
        var input = Input(path: path, displayPath: display, isExplicit: false)
        input.skipReason = Self.specialFileSkipReason
        return input
    }

    static let specialFileSkipReason = "not a regular file: a FIFO, socket or device is never opened (reading one "
        + "could block forever); name a regular file"

    /// Whether a file's name makes it an input: a manifest ending, or a name that marks key material (an ending such
    /// as `.pem` or an OpenSSH key name such as `id_rsa`, in any case, after leading dots). Other files are inputs only
    /// when their first bytes hold a private key (`KeyFileSniffer`).
    private static func isCandidate(_ name: String) -> Bool {
        // Terraform's (and OpenTofu's) own JSON files belong to their module, not read as manifests.
        if name.hasSuffix(".tf.json") || name.hasSuffix(".tofu.json") || name.hasSuffix(".tfvars.json") { return false }
        // SAM's configuration, where `sam deploy` finds its region and parameter overrides.
        if SAMConfigNames.names(name) { return true }
        return candidateManifestExtensions.contains((name as NSString).pathExtension.lowercased())
            || KeyFileName.marksKeyMaterial(name)
    }

    /// Whether a glob matches the path or the name (which glob, or which of the two, does not matter).
    private func isExcluded(_ display: String, name: String) -> Bool {
        excludePatterns.matchesAny(display) || excludePatterns.matchesAny(name)
    }

    private func isIncluded(_ display: String, name: String) -> Bool {
        includePatterns.isEmpty || includePatterns.matchesAny(display) || includePatterns.matchesAny(name)
    }
}
