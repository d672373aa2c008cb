import PolicyCheckSyntax

/// Expanding resources and module calls by `count` and `for_each` into instances with plan addresses.
extension TerraformModuleInstance {
    /// The prefix of addresses in this module (`module.db[0].`), empty at the root.
    var addressPrefix: String { address.isEmpty ? "" : address + "." }

    /// Evaluates a resource's instances and records the managed ones; the value references see.
    func expandResource(_ resource: TerraformModuleConfig.Resource) throws(TerraformEvaluationError) -> TerraformValue {
        let evaluator = TerraformEvaluator(scope: self, base: resource.file.base)
        if resource.mode == "data" {
            let at = resource.file.packed(resource.block.offset)
            if resource.type == TerraformPolicyDocument.type,
               let document = try expandPolicyDocument(resource, evaluator: evaluator, at: at) {
                return document
            }
            return .unknown("it comes from \(resource.address), read when Terraform plans", at: resource.file.packed(resource.block.offset))
        }
        let expansion = try TerraformRepetition.expand(resource.block.body, evaluator: evaluator)
        let providerKey = self.providerKey(of: resource)
        func instance(_ key: String, _ names: [String: TerraformValue],
                      standIn: String? = nil) throws(TerraformEvaluationError) -> TerraformValue {
            var scoped = evaluator
            for (name, value) in names { scoped = scoped.binding(name, value) }
            scoped.standIn = standIn
            let values = try TerraformBlockValues.evaluate(resource.block.body, scoped)
            let address = addressPrefix + resource.address + key
            record(TerraformResourceInstance(address: address, moduleAddress: self.address, resource: resource, key: key,
                                             values: values, providerKey: providerKey))
            return TerraformValue(.resource(address: address, attributes: values), at: resource.file.packed(resource.block.offset))
        }
        switch expansion {
        case .single:
            return try instance("", [:])
        case .count(let instances):
            var items: [TerraformValue] = []
            for item in instances { items.append(try instance(item.key, item.names)) }
            return TerraformValue(.list(items), at: resource.file.packed(resource.block.offset))
        case .forEach(let instances):
            var members: [String: TerraformValue] = [:]
            for item in instances { members[item.names["each.key"]!.stringValue!] = try instance(item.key, item.names) }
            return TerraformValue(.object(members), at: resource.file.packed(resource.block.offset))
        case .unknown(let reason, let offset):
            // How many instances there will be is unknown: one instance stands for them, with count.index and
            // each.* unknown, so what every instance shares is still checked and the rest cannot be verified.
            let why = "the instances of \(resource.address) depend on a value unknown before apply (\(reason))"
            _ = try instance("", ["count.index": .unknown(why, at: offset), "each.key": .unknown(why, at: offset),
                                  "each.value": .unknown(why, at: offset)], standIn: why)
            return .unknown(why, at: offset)
        }
    }

    /// An `aws_iam_policy_document`'s instances, as a resource's: one, a list by `count`, a map by `for_each`
    /// (`count = var.create ? 1 : 0`, as terraform-aws-modules/kms writes it, was left unknown before round 24 —
    /// a key policy granting everyone passed as "cannot be verified"). `nil` when an instance is not evaluated.
    private func expandPolicyDocument(_ resource: TerraformModuleConfig.Resource, evaluator: TerraformEvaluator,
                                      at offset: Int) throws(TerraformEvaluationError) -> TerraformValue? {
        let body = resource.block.body
        func instance(_ key: String, _ names: [String: TerraformValue]) throws(TerraformEvaluationError) -> TerraformValue? {
            var scoped = evaluator
            for (name, value) in names { scoped = scoped.binding(name, value) }
            return try TerraformPolicyDocument.evaluate(body, address: addressPrefix + resource.address + key,
                                                        evaluator: scoped, at: offset)
        }
        switch try TerraformRepetition.expand(body, evaluator: evaluator) {
        case .single:
            return try instance("", [:])
        case .count(let instances):
            var items: [TerraformValue] = []
            for item in instances {
                guard let document = try instance(item.key, item.names) else { return nil }
                items.append(document)
            }
            return TerraformValue(.list(items), at: offset)
        case .forEach(let instances):
            var members: [String: TerraformValue] = [:]
            for item in instances {
                guard let document = try instance(item.key, item.names) else { return nil }
                members[item.names["each.key"]!.stringValue!] = document
            }
            return TerraformValue(.object(members), at: offset)
        case .unknown(let reason, let at):
            return .unknown("the instances of \(resource.address) depend on a value unknown before apply (\(reason))", at: at)
        }
    }

    private func record(_ instance: TerraformResourceInstance) {
        instances[instance.resource.address, default: []].append(instance)
    }

    /// `provider = aws.replica`, or the default configuration of the type's provider; resolved through what the
    /// caller passes when this module declares no such configuration. A resource with no instances (`count = 0`)
    /// has one too: Terraform writes every configured resource's `provider_config_key`.
    func providerKey(of resource: TerraformModuleConfig.Resource) -> String {
        let local = resource.block.body[attribute: "provider"]?.value.traversalText
            ?? String(resource.type.prefix { $0 != "_" })
        return resolveProvider(local)
    }

    /// A provider key as written in this module, as `configuration.provider_config` names it.
    func resolveProvider(_ local: String) -> String {
        if config.providerKeys.contains(local) {
            return path.isEmpty ? local : "module.\(path.joined(separator: ".module.")):\(local)"
        }
        return providerKeys[local] ?? local
    }

    // MARK: - Module calls

    /// A module call's instances, as `count`/`for_each` expand it.
    enum ExpandedCall {
        case single(TerraformModuleInstance)
        case count([TerraformModuleInstance])
        case forEach([(key: String, instance: TerraformModuleInstance)])
        /// No instances to read from: the source is not read, or the instances are unknown (the value says why);
        /// an unknown repetition still has one instance standing for them, to be checked.
        case notInstances(TerraformValue, standIn: TerraformModuleInstance?)

        var instances: [TerraformModuleInstance] {
            switch self {
            case .single(let instance): return [instance]
            case .count(let instances): return instances
            case .forEach(let pairs): return pairs.map(\.instance)
            case .notInstances(_, let standIn): return standIn.map { [$0] } ?? []
            }
        }
    }

    /// Drops this module's children, depth first. A child keeps its caller (its arguments are evaluated in the
    /// caller's scope) and the caller keeps its children, so the tree is a web of cycles that reference counting never
    /// frees: the reader takes it apart once the plan document is built (LeakSanitizer found about 33 KB per run).
    func dismantle() {
        for child in children.values.joined() { child.dismantle() }
        children = [:]
        expandedCalls = [:]
    }

    /// Loads a module call and makes its instances (once); their inputs and outputs are evaluated when used.
    func expandedCall(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> ExpandedCall {
        if let expanded = expandedCalls[name] { return expanded }
        guard let call = config.moduleCall(name) else {
            throw TerraformEvaluationError("module.\(Excerpt.quote(name)) is not called in this module", at: offset, isStatic: true)
        }
        let key = "module.\(name)"
        try enter(key, "module", name, at: offset)
        defer { leave(key) }
        let expanded = try expandModule(call)
        expandedCalls[name] = expanded
        return expanded
    }

    /// The value of `module.NAME` as a whole: every output of every instance.
    func moduleValue(_ expanded: ExpandedCall) throws(TerraformEvaluationError) -> TerraformValue {
        func outputs(_ instance: TerraformModuleInstance, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
            var values: [String: TerraformValue] = [:]
            for name in instance.config.outputs.keys.sorted() { values[name] = try instance.output(name) }
            return TerraformValue(.object(values), at: offset)
        }
        switch expanded {
        case .single(let instance):
            return try outputs(instance, at: instance.callOffset)
        case .count(let instances):
            var items: [TerraformValue] = []
            for instance in instances { items.append(try outputs(instance, at: instance.callOffset)) }
            return TerraformValue(.list(items), at: instances.first?.callOffset ?? 0)
        case .forEach(let pairs):
            var members: [String: TerraformValue] = [:]
            for pair in pairs { members[pair.key] = try outputs(pair.instance, at: pair.instance.callOffset) }
            return TerraformValue(.object(members), at: pairs.first?.instance.callOffset ?? 0)
        case .notInstances(let value, _):
            return value
        }
    }

    /// Loads a module call and makes its instances, each with the call's arguments unevaluated.
    private func expandModule(_ call: TerraformModuleConfig.ModuleCall) throws(TerraformEvaluationError) -> ExpandedCall {
        let offset = call.file.packed(call.block.offset)
        guard let child = try loader.load(call, from: config) else {
            return .notInstances(.unknown("it comes from module.\(call.name), whose source '\(call.source)' is not read", at: offset), standIn: nil)
        }
        if directories.contains(TerraformModuleLoader.key(child.directory)) {
            throw TerraformEvaluationError("module.\(call.name): the module source '\(TerraformModuleLoader.quote(source: call.source))' leads back to \(child.directory), a module that calls it (cyclic module sources)", at: offset)
        }
        let evaluator = TerraformEvaluator(scope: self, base: call.file.base)
        let expansion = try TerraformRepetition.expand(call.block.body, evaluator: evaluator)
        let passed = passedProviders(call)
        func instance(_ key: String, _ names: [String: TerraformValue], standIn: String? = nil) -> TerraformModuleInstance {
            var scoped = evaluator
            for (name, value) in names { scoped = scoped.binding(name, value) }
            scoped.standIn = standIn
            let instance = TerraformModuleInstance(config: child, address: addressPrefix + "module.\(call.name)" + key,
                                                   path: path + [call.name], loader: loader, inputs: [:],
                                                   arguments: (call.block.body, scoped), providerKeys: passed,
                                                   directories: directories)
            instance.callOffset = offset
            children[call.name, default: []].append(instance)
            return instance
        }
        switch expansion {
        case .single:
            return .single(instance("", [:]))
        case .count(let instances):
            return .count(instances.map { instance($0.key, $0.names) })
        case .forEach(let instances):
            return .forEach(instances.map { (key: $0.names["each.key"]!.stringValue!, instance: instance($0.key, $0.names)) })
        case .unknown(let reason, let at):
            let why = "the instances of module.\(call.name) depend on a value unknown before apply (\(reason))"
            let standIn = instance("", ["count.index": .unknown(why, at: at), "each.key": .unknown(why, at: at),
                                        "each.value": .unknown(why, at: at)], standIn: why)
            return .notInstances(.unknown(why, at: at), standIn: standIn)
        }
    }

    /// The child's provider keys: every key this module resolves, overridden by the call's `providers` map.
    private func passedProviders(_ call: TerraformModuleConfig.ModuleCall) -> [String: String] {
        var keys = providerKeys
        for provider in config.providers { keys[provider.key] = resolveProvider(provider.key) }
        guard let map = call.block.body[attribute: "providers"], case .object(let items) = map.value.kind else { return keys }
        for item in items {
            guard let name = item.key.literalText ?? item.key.traversalText, let target = item.value.traversalText else { continue }
            keys[name] = resolveProvider(target)
        }
        return keys
    }
}
