import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a Terraform root module from source (a directory of `.tf` files, its `.tfvars` and the local modules it
/// calls) into one deployment, by evaluating it and handing the plan-shaped result to the plan adapter's readers:
/// every built-in and custom rule checks source as it checks a plan, and findings name the `.tf` file and line.
public struct TerraformSourceReader: Sendable {
    public var options: AdapterOptions
    /// The tree local module sources must stay in (`nil`: anywhere, `--allow-outside-tree`).
    public var tree: CheckedTree?
    /// Most nodes a module's YAML texts may make together (`YAMLAliasBudget.nodeLimit`): some 500 MB once judged
    /// (200 instances of a 20,000-node body peaked at 200 MB), where a module's bodies rarely make a hundredth of it.
    var maxYAMLNodes = 10_000_000

    public init(options: AdapterOptions = AdapterOptions(), tree: CheckedTree? = nil) {
        self.options = options
        self.tree = tree
    }

    /// What reading one module gave: its deployment, or the errors that stop it; notices either way.
    public struct Outcome: Sendable {
        public var deployment: Deployment?
        public var errors: [Diagnostic] = []
        /// Remote module sources and repeated declarations: reported, never fatal.
        public var notices: [Diagnostic] = []
        /// The files whose bytes decide the deployment (module and `.tfvars` files, what `file()` read; not
        /// `--tf-var` values), for hashing into evidence.
        public var files: [SourceFile] = []
    }

    /// Reads the module in `directory`, naming the deployment `name`.
    public func read(directory: String, name: String) -> Outcome {
        let loader = TerraformModuleLoader(rootDirectory: directory, tree: tree)
        // On a stack of its own: evaluation recurses once per value of a chain (up to
        // `TerraformModuleLoader.maxEvaluationDepth` deep), whatever thread the caller runs on.
        var outcome = DeepStack.run {
            var outcome = Outcome()
            self.read(loader, directory: directory, name: name, into: &outcome)
            return outcome
        }
        // Set after reading, not in a `defer`: a `defer` runs after `return` has copied the outcome, and every
        // module's evidence digest was the SHA-256 of no bytes.
        outcome.files = loader.contentFiles
        return outcome
    }

    private func read(_ loader: TerraformModuleLoader, directory: String, name: String, into outcome: inout Outcome) {
        // The values marked sensitive so far: an error that stops the evaluation withholds them too (a sensitive
        // variable used as a map key or a CIDR block was quoted by "the map has no element …").
        let marks = TerraformSensitiveMarks()
        do throws(TerraformSourceError) {
            let config = try loader.loadRoot()
            let inputs = try TerraformVariableInputs(loader: loader).read(
                directory: directory, given: options.terraformVariableInputs, variables: config.variables)
            let root = TerraformModuleInstance(config: config, address: "", path: [], loader: loader, inputs: inputs,
                                               providerKeys: [:])
            defer { root.dismantle() }
            // One alias budget for every YAML text of the module: its yamldecode() arguments and its kubectl_manifest
            // bodies, however many instances `count` or `for_each` makes of them. Those instances repeat the nodes a
            // text spells too, which the module's size does not bound: they are bounded together.
            let yamlBudget = YAMLAliasBudget(nodeLimit: maxYAMLNodes)
            let evaluated = TerraformFunctions.$yamlBudget.withValue(yamlBudget) { () -> Result<SourceNode, TerraformEvaluationError> in
                TerraformSensitiveMarks.$current.withValue(marks) {
                    do throws(TerraformEvaluationError) {
                        try root.evaluateAll()
                        return .success(TerraformPlanDocument(root: root).build())
                    } catch {
                        return .failure(error)
                    }
                }
            }
            let document: SourceNode
            switch evaluated {
            case .success(let built): document = built
            case .failure(let error): throw .evaluation(error)
            }
            let declarations = Self.blockDeclarations(of: root)
            let sensitive = marks.values
            outcome.notices = loader.notices.map {
                Self.diagnostic(at: $0.offset, sensitive.redact($0.message), files: loader.files, severity: .warning)
            }
            let invalidBools = TerraformInvalidBools()
            var deployment = TerraformInvalidBools.$current.withValue(invalidBools) {
                TerraformNotices.$sourceFiles.withValue(loader.files) {
                    try? TerraformPlanAdapter().deployment(from: document, source: loader.files[0], options: options,
                                                           followsLocals: true, yamlBudget: yamlBudget)
                }
            }
            if deployment == nil {
                outcome.errors.append(Diagnostic(file: name, location: nil, message: "the evaluated module could not be read as a plan"))
                return
            }
            // A value Terraform refuses where a bool is expected stops the module, as it stops `terraform plan`.
            let refused = invalidBools.values
            guard refused.isEmpty else {
                outcome.errors += refused.map {
                Self.diagnostic(at: $0.offset, TerraformInvalidBools.message($0.text), files: loader.files).redacting(sensitive)
            }
                return
            }
            // What the readers could not read (a kubectl_manifest's YAML body that does not parse) is an error of the
            // module, its other findings still reported; their notes are warnings.
            outcome.errors += deployment!.notices.filter(\.isError).map { $0.redacting(sensitive) }
            outcome.notices += deployment!.notices.filter { !$0.isError }.map { $0.redacting(sensitive) }
            deployment!.notices = []
            for file in loader.files.dropFirst() { _ = deployment!.addSourceFile(file) }
            deployment!.name = name
            deployment!.origin = Origin(offset: 0, path: "")
            deployment!.loopDeclarations.merge(declarations) { current, _ in current }
            deployment!.sensitiveValues.formUnion(sensitive)
            outcome.deployment = deployment
        } catch {
            outcome.errors.append(Self.diagnostic(error, files: loader.files).redacting(marks.values))
        }
    }

    private static func diagnostic(_ error: TerraformSourceError, files: [SourceFile]) -> Diagnostic {
        switch error {
        case .file(let path, let message): return Diagnostic(file: InputPath.display(path), location: nil, message: message)
        case .syntax(let file, let problem): return Diagnostic(file, offset: problem.offset, problem.message)
        case .cycle(let path): return Diagnostic(file: path, location: nil, message: "the module calls itself (cyclic module sources)")
        case .evaluation(let problem): return diagnostic(at: problem.offset, problem.message, files: files)
        }
    }

    /// A diagnostic at a packed offset, in whichever file it names.
    static func diagnostic(at packed: Int, _ message: String, files: [SourceFile],
                           severity: DiagnosticSeverity = .error) -> Diagnostic {
        let origin = Origin(offset: packed, path: "")
        guard origin.fileIndex < files.count else { return Diagnostic(file: files.first?.path ?? "-", location: nil, message: message, severity: severity) }
        return Diagnostic(files[origin.fileIndex], offset: origin.offset, message, severity: severity)
    }

    /// Each resource instance's block, by its address: instances of one block (`count`, `for_each`, the same module
    /// source reached through several calls) share it, and two blocks of one name in different modules
    /// (terraform-aws-modules names most of its blocks `this`) do not, so one inline ignore at a value both use
    /// cannot cover them as one declaration (`ResourceDeclaration`).
    private static func blockDeclarations(of root: TerraformModuleInstance) -> [String: String] {
        var declarations: [String: String] = [:]
        var pending = [root]
        while let module = pending.popLast() {
            for instances in module.instances.values {
                for instance in instances {
                    declarations[instance.address] = "terraform block \(instance.offset)"
                }
            }
            for children in module.children.values { pending += children }
        }
        return declarations
    }
}
