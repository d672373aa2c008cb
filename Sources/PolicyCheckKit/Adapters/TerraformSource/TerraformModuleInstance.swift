import PolicyCheckSyntax

/// One instance of a module (the root, or `module.db[0]`): its input values, and its locals, resources, child
/// modules and outputs evaluated on demand, each once. A reference that comes back to a value being evaluated is a
/// cycle, which Terraform rejects too.
final class TerraformModuleInstance: TerraformScope {
    let config: TerraformModuleConfig
    /// `module.db[0]`, empty at the root.
    let address: String
    /// Call names from the root (`["db"]`).
    let path: [String]
    let loader: TerraformModuleLoader
    /// Input variable values (absent: not set and no default).
    private let inputs: [String: TerraformValue]
    /// The module directories from the root down to this one (standardized): a call back into one of them would
    /// expand for ever, so it is a cycle.
    let directories: [String]
    /// The provider configuration keys the caller passes (`aws` → `aws.replica`), resolved to the root's keys.
    let providerKeys: [String: String]

    private var localValues: [String: TerraformValue] = [:]
    private var resourceValues: [String: TerraformValue] = [:]
    private var moduleValues: [String: TerraformValue] = [:]
    private var inProgress: Set<String> = []
    /// Every managed resource instance evaluated, by configuration address, in evaluation order.
    var instances: [String: [TerraformResourceInstance]] = [:]
    /// Child module instances by call name, in key order.
    var children: [String: [TerraformModuleInstance]] = [:]

    init(config: TerraformModuleConfig, address: String, path: [String], loader: TerraformModuleLoader,
         inputs: [String: TerraformValue], providerKeys: [String: String], directories: [String] = []) {
        self.config = config
        self.directories = directories + [TerraformModuleLoader.key(config.directory)]
        self.address = address
        self.path = path
        self.loader = loader
        self.inputs = inputs
        self.providerKeys = providerKeys
    }

    // MARK: - TerraformScope

    func variable(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        guard let declared = config.variables[name] else {
            return .unknown("var.\(name) is not declared in the module", at: offset)
        }
        if let value = inputs[name] { return value }
        if let fallback = declared.value.body[attribute: "default"] {
            let evaluator = TerraformEvaluator(scope: self, base: declared.file.base)
            return try evaluator.evaluate(fallback.value)
        }
        return .unknown("var.\(name) has no value (no default, and none given)", at: declared.file.packed(declared.value.offset))
    }

    func local(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if let value = localValues[name] { return value }
        guard let declared = config.locals[name] else {
            throw TerraformEvaluationError("local.\(Excerpt.quote(name)) is not declared in the module", at: offset)
        }
        let key = "local.\(name)"
        guard inProgress.insert(key).inserted else { throw .cycle("local value", name, at: offset) }
        defer { inProgress.remove(key) }
        let value = try TerraformEvaluator(scope: self, base: declared.file.base).evaluate(declared.value.value)
        localValues[name] = value
        return value
    }

    func module(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if let value = moduleValues[name] { return value }
        guard let call = config.moduleCalls.first(where: { $0.name == name }) else {
            throw TerraformEvaluationError("module.\(Excerpt.quote(name)) is not called in this module", at: offset)
        }
        let key = "module.\(name)"
        guard inProgress.insert(key).inserted else { throw .cycle("module", name, at: offset) }
        defer { inProgress.remove(key) }
        let value = try expandModule(call)
        moduleValues[name] = value
        return value
    }

    func resource(_ type: String, _ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        let address = "\(type).\(name)"
        if let value = resourceValues[address] { return value }
        guard let resource = config.resource(address) else {
            return .unknown("refers to \(address), which this module does not declare", at: offset)
        }
        guard inProgress.insert(address).inserted else { throw .cycle("resource", address, at: offset) }
        defer { inProgress.remove(address) }
        let value = try expandResource(resource)
        resourceValues[address] = value
        return value
    }

    func path(_ name: String) -> String? {
        switch name {
        case "module": return config.directory
        case "root": return loader.rootDirectory
        case "cwd": return "."
        default: return nil
        }
    }

    func readFile(_ path: String) -> String? { loader.readFile(path) }

    func notice(_ message: String, at offset: Int) { loader.notice(message, at: offset) }

    // MARK: - Evaluating everything

    /// Evaluates every managed resource and module call (the plan's whole content).
    func evaluateAll() throws(TerraformEvaluationError) {
        for resource in config.resources where resource.mode == "managed" {
            _ = try self.resource(resource.type, resource.name, at: resource.file.packed(resource.block.offset))
        }
        for call in config.moduleCalls {
            _ = try module(call.name, at: call.file.packed(call.block.offset))
        }
    }

    /// The value of an output, evaluated in this instance.
    func output(_ name: String) throws(TerraformEvaluationError) -> TerraformValue? {
        guard let declared = config.outputs[name], let expression = declared.value.body[attribute: "value"] else { return nil }
        return try TerraformEvaluator(scope: self, base: declared.file.base).evaluate(expression.value)
    }
}
