import PolicyCheckModel
import PolicyCheckSyntax

/// One instance of a module (the root, or `module.db[0]`): its input values, and its locals, resources, child
/// modules and outputs evaluated on demand, each once. A reference that comes back to a value being evaluated is a
/// cycle, which Terraform rejects too. As in Terraform's graph, a module call is not one node: each input variable
/// and each output is evaluated on its own, so two calls whose arguments use each other's outputs are no cycle.
final class TerraformModuleInstance: TerraformScope {
    let config: TerraformModuleConfig
    /// `module.db[0]`, empty at the root.
    let address: String
    /// Call names from the root (`["db"]`).
    let path: [String]
    let loader: TerraformModuleLoader
    /// Input variable values known up front (the root's `.tfvars` and `--tf-var`s).
    private let inputs: [String: TerraformValue]
    /// The call's arguments and the caller's evaluator for them (with its `count.index`/`each.*`), evaluated one
    /// variable at a time when first used; `nil` at the root.
    let arguments: (body: HCLBody, evaluator: TerraformEvaluator)?
    /// The module directories from the root down to this one (standardized): a call back into one of them would
    /// expand for ever, so it is a cycle.
    let directories: [PathKey]
    /// The provider configuration keys the caller passes (`aws` → `aws.replica`), resolved to the root's keys.
    let providerKeys: [String: String]

    private var localValues: [String: TerraformValue] = [:]
    private var resourceValues: [String: TerraformValue] = [:]
    private var moduleValues: [String: TerraformValue] = [:]
    private var variableValues: [String: TerraformValue] = [:]
    private var outputValues: [String: TerraformValue] = [:]
    /// Module calls expanded by `count`/`for_each` into child instances, by call name.
    var expandedCalls: [String: ExpandedCall] = [:]
    var inProgress: Set<String> = []
    /// The call's arguments by name (the first of a name), for looking up each variable: a call of 100,000
    /// arguments scanned them all per variable.
    private lazy var argumentPositions: [String: Int] = {
        var positions: [String: Int] = [:]
        for (position, attribute) in (arguments?.body.attributes ?? []).enumerated() where positions[attribute.name] == nil {
            positions[attribute.name] = position
        }
        return positions
    }()
    /// The positions of `for_each` module instances by key, per call name, built when first indexed
    /// (`module.m["k"].out` scanned every instance per reference).
    private var forEachPositions: [String: [String: Int]] = [:]
    /// Every managed resource instance evaluated, by configuration address, in evaluation order.
    var instances: [String: [TerraformResourceInstance]] = [:]
    /// Where the call that made this instance is (the whole value of `module.NAME` points there).
    var callOffset = 0
    /// Child module instances by call name, in key order.
    var children: [String: [TerraformModuleInstance]] = [:]

    init(config: TerraformModuleConfig, address: String, path: [String], loader: TerraformModuleLoader,
         inputs: [String: TerraformValue], arguments: (body: HCLBody, evaluator: TerraformEvaluator)? = nil,
         providerKeys: [String: String], directories: [PathKey] = []) {
        self.arguments = arguments
        self.config = config
        self.directories = directories + [TerraformModuleLoader.key(config.directory)]
        self.address = address
        self.path = path
        self.loader = loader
        self.inputs = inputs
        self.providerKeys = providerKeys
    }

    /// The `for_each` instance of call `name` with `key` (the first, if keys repeat).
    private func forEachInstance(of name: String, _ instances: [(key: String, instance: TerraformModuleInstance)],
                                 key: String) -> (key: String, instance: TerraformModuleInstance)? {
        if forEachPositions[name] == nil {
            var positions: [String: Int] = [:]
            for (position, pair) in instances.enumerated() where positions[pair.key] == nil { positions[pair.key] = position }
            forEachPositions[name] = positions
        }
        return forEachPositions[name]?[key].map { instances[$0] }
    }

    /// Starts evaluating a named value: a cycle when it is already being evaluated, and an error when values
    /// nest deeper than `TerraformModuleLoader.maxEvaluationDepth` across every module (each level costs several
    /// stack frames: a chain of 2,000 resources, each naming the next, overflowed the stack).
    func enter(_ key: String, _ kind: String, _ name: String, at offset: Int) throws(TerraformEvaluationError) {
        guard inProgress.insert(key).inserted else { throw .cycle(kind, name, at: offset) }
        guard loader.evaluationDepth < TerraformModuleLoader.maxEvaluationDepth else {
            inProgress.remove(key)
            throw TerraformEvaluationError(
                "\(kind) '\(Excerpt.quote(name))' is reached through a chain of more than "
                    + "\(TerraformModuleLoader.maxEvaluationDepth) values, each referring to the next; policycheck "
                    + "evaluates chains up to that depth", at: offset, isStatic: true)
        }
        loader.evaluationDepth += 1
    }

    func leave(_ key: String) {
        inProgress.remove(key)
        loader.evaluationDepth -= 1
    }

    // MARK: - TerraformScope

    func variable(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        guard let declared = config.variables[name] else {
            return .unknown("it comes from var.\(name), which is not declared in the module", at: offset)
        }
        if let value = variableValues[name] { return value }
        let key = "var.\(name)"
        try enter(key, "variable", name, at: offset)
        defer { leave(key) }
        let value = try TerraformVariableType.convert(try given(name, declared), declared: declared, scope: self)
        if let marks = TerraformSensitiveMarks.current, let flag = declared.value.body[attribute: "sensitive"],
           case .bool(true)? = (try? TerraformEvaluator(scope: self, base: declared.file.base).evaluate(flag.value))?.kind {
            marks.mark(value)
        }
        variableValues[name] = value
        return value
    }

    /// A variable's value before its type is applied: given by the caller (or the root's inputs), else its default.
    private func given(_ name: String, _ declared: TerraformModuleConfig.Declared<HCLBlock>) throws(TerraformEvaluationError) -> TerraformValue {
        if let value = inputs[name] { return value }
        if let arguments, !TerraformBlockValues.metaArguments.contains(name),
           let position = argumentPositions[name] {
            let argument = arguments.body.attributes[position]
            return try arguments.evaluator.evaluateArgument(argument.value)
        }
        if let fallback = declared.value.body[attribute: "default"] {
            return try TerraformEvaluator(scope: self, base: declared.file.base).evaluate(fallback.value)
        }
        return .unknown("it comes from var.\(name), which has no value here", at: declared.file.packed(declared.value.offset))
    }

    func local(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if let value = localValues[name] { return value }
        guard let declared = config.locals[name] else {
            throw TerraformEvaluationError("local.\(Excerpt.quote(name)) is not declared in the module", at: offset, isStatic: true)
        }
        let key = "local.\(name)"
        try enter(key, "local value", name, at: offset)
        defer { leave(key) }
        let value = try TerraformEvaluator(scope: self, base: declared.file.base).evaluate(declared.value.value)
        localValues[name] = value
        return value
    }

    func module(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if let value = moduleValues[name] { return value }
        let value = try moduleValue(try expandedCall(name, at: offset))
        moduleValues[name] = value
        return value
    }

    func moduleOutput(_ name: String, key: TerraformValue?, output: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        let expanded = try expandedCall(name, at: offset)
        let instance: TerraformModuleInstance
        switch (expanded, key) {
        case (.notInstances(let value, _), _):
            return value
        case (.single(let only), nil):
            instance = only
        case (.count(let instances), let key?):
            if key.isUnknown { return .unknown(key.unknownReason!, at: offset) }
            guard let number = key.numberValue, number.rounded() == number, number >= 0, number < Double(instances.count) else {
                throw TerraformEvaluationError("module.\(name): index \(key.stringValue.map { Excerpt.quote($0) } ?? key.typeName) is out of range for \(instances.count) instances", at: offset)
            }
            instance = instances[Int(number)]
        case (.forEach(let instances), let key?):
            if key.isUnknown { return .unknown(key.unknownReason!, at: offset) }
            guard let text = key.stringValue, let found = forEachInstance(of: name, instances, key: text) else {
                throw TerraformEvaluationError("module.\(name) has no instance \(key.stringValue.map { "'\(Excerpt.quote($0))'" } ?? key.typeName)", at: offset)
            }
            instance = found.instance
        default:
            // Indexing a single call, or reading an output of a repeated call without a key: read as Terraform
            // does, from the whole value (which says what is wrong).
            let whole = try module(name, at: offset)
            let selected = try key.map { k throws(TerraformEvaluationError) in try TerraformEvaluator.index(whole, by: k, at: offset) } ?? whole
            return try TerraformEvaluator.attribute(output, of: selected, at: offset)
        }
        guard let value = try instance.output(output) else {
            throw TerraformEvaluationError("module.\(name) has no output '\(Excerpt.quote(output))'", at: offset)
        }
        return value
    }

    func resource(_ type: String, _ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        let address = "\(type).\(name)"
        if let value = resourceValues[address] { return value }
        guard let resource = config.resource(address) else {
            // `password = Hunter2.Super` (quotes forgotten) reads as a reference: name it only when it looks like one.
            guard Self.looksLikeResourceType(type) else {
                return .unknown("it refers to a resource this module does not declare, written as \(UnquotedWord.unshown)", at: offset)
            }
            return .unknown("it refers to \(address), which this module does not declare", at: offset)
        }
        try enter(address, "resource", address, at: offset)
        defer { leave(address) }
        let value = try expandResource(resource)
        resourceValues[address] = value
        return value
    }

    /// A provider's resource type: lower-case letters and digits with an underscore after the provider's name
    /// (`aws_s3_bucket`), what no mixed-case password is.
    static func looksLikeResourceType(_ type: String) -> Bool {
        guard let first = type.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), type.contains("_") else { return false }
        return type.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
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
        for name in config.variables.keys.sorted() {
            _ = try variable(name, at: config.variables[name]!.file.packed(config.variables[name]!.value.offset))
        }
        for call in config.moduleCalls {
            for child in try expandedCall(call.name, at: call.file.packed(call.block.offset)).instances {
                try child.evaluateAll()
            }
        }
        if !path.isEmpty {
            for name in config.outputs.keys.sorted() { _ = try output(name) }
        }
    }

    /// The value of an output, evaluated in this instance once.
    func output(_ name: String) throws(TerraformEvaluationError) -> TerraformValue? {
        if let value = outputValues[name] { return value }
        guard let declared = config.outputs[name], let expression = declared.value.body[attribute: "value"] else { return nil }
        let key = "output.\(name)"
        try enter(key, "output", name, at: declared.file.packed(expression.value.offset))
        defer { leave(key) }
        let value = try TerraformEvaluator(scope: self, base: declared.file.base).evaluate(expression.value)
        outputValues[name] = value
        return value
    }
}
