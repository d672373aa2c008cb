import PolicyCheckSyntax

/// An evaluated module tree written as the JSON plan `terraform show -json` would give, so the plan adapter's
/// readers check source exactly as they check plans: `resource_changes` with `after`/`after_unknown`, and a
/// `configuration` whose expressions carry `references`. Every node's offset is the packed origin of the `.tf`
/// (or `.tfvars`) text that decided it; a value the configuration does not set points at its block.
struct TerraformPlanDocument {
    let root: TerraformModuleInstance
    /// Whether a module instance knows a `var.`/`local.` reference in full, worked out once per instance and name
    /// (a local of 100,000 entries is read once, not once per expression that names it).
    private let known = KnownReferences()

    private final class KnownReferences {
        var answers: [ObjectIdentifier: [String: Bool]] = [:]
    }

    func build() -> SourceNode {
        let at = root.config.files.first?.packed(0) ?? 0
        var changes: [SourceNode] = []
        var providers: [(String, SourceNode)] = []
        var listed: Set<String> = []
        collect(root, changes: &changes, providers: &providers, listed: &listed)
        let configuration = TerraformPlanNodes.object([
            ("provider_config", TerraformPlanNodes.object(providers, at: at)),
            ("root_module", module(root)),
        ], at: at)
        return TerraformPlanNodes.object([
            ("format_version", TerraformPlanNodes.string("1.2", at: at)),
            ("resource_changes", SourceNode(.sequence(changes), offset: at)),
            ("configuration", configuration),
        ], at: at)
    }

    // MARK: - Resource changes

    private func collect(_ instance: TerraformModuleInstance, changes: inout [SourceNode],
                         providers: inout [(String, SourceNode)], listed: inout Set<String>) {
        for resource in instance.config.resources where resource.mode == "managed" {
            for item in instance.instances[resource.address] ?? [] { changes.append(change(item)) }
        }
        // Each module path's providers once (from its first instance), as a plan's configuration lists them.
        for provider in instance.config.providers {
            let key = instance.resolveProvider(provider.key)
            guard listed.insert(key).inserted else { continue }
            providers.append((key, self.provider(provider, in: instance)))
        }
        for call in instance.config.moduleCalls {
            for child in instance.children[call.name] ?? [] {
                collect(child, changes: &changes, providers: &providers, listed: &listed)
            }
        }
    }

    private func change(_ item: TerraformResourceInstance) -> SourceNode {
        let at = item.offset
        let (known, unknown) = TerraformPlanNodes.entries(item.values.keys.sorted().map { ($0, item.values[$0]!) })
        var fields: [(String, SourceNode)] = [
            ("address", TerraformPlanNodes.string(item.address, at: at)),
            ("mode", TerraformPlanNodes.string("managed", at: at)),
            ("type", TerraformPlanNodes.string(item.resource.type, at: at)),
            ("name", TerraformPlanNodes.string(item.resource.name, at: at)),
        ]
        if !item.moduleAddress.isEmpty { fields.append(("module_address", TerraformPlanNodes.string(item.moduleAddress, at: at))) }
        let change = TerraformPlanNodes.object([
            ("actions", SourceNode(.sequence([TerraformPlanNodes.string("create", at: at)]), offset: at)),
            ("after", SourceNode(.mapping(known), offset: at)),
            ("after_unknown", SourceNode(.mapping(unknown), offset: at)),
        ], at: at)
        fields.append(("change", change))
        return TerraformPlanNodes.object(fields, at: at)
    }

    // MARK: - Configuration

    private func provider(_ provider: TerraformModuleConfig.Provider, in instance: TerraformModuleInstance) -> SourceNode {
        let at = provider.file.packed(provider.block.offset)
        var fields: [(String, SourceNode)] = [("name", TerraformPlanNodes.string(provider.name, at: at))]
        if let alias = provider.alias { fields.append(("alias", TerraformPlanNodes.string(alias, at: at))) }
        if !instance.path.isEmpty {
            fields.append(("module_address", TerraformPlanNodes.string("module." + instance.path.joined(separator: ".module."), at: at)))
        }
        var expressions: [(String, SourceNode)] = []
        if let region = provider.block.body[attribute: "region"] {
            // The region as evaluated (a variable's value, a local, a literal), located where it is decided.
            let evaluator = TerraformEvaluator(scope: instance, base: provider.file.base)
            if let value = try? evaluator.evaluate(region.value), case .string(let text) = value.kind {
                expressions.append(("region", TerraformPlanNodes.object([("constant_value", TerraformPlanNodes.string(text, at: value.offset))],
                                                                      at: value.offset)))
            } else {
                expressions.append(("region", expression(region.value, provider.file, instance.config)))
            }
        }
        fields.append(("expressions", TerraformPlanNodes.object(expressions, at: at)))
        return TerraformPlanNodes.object(fields, at: at)
    }

    private func module(_ instance: TerraformModuleInstance) -> SourceNode {
        let config = instance.config
        let at = config.files.first?.packed(0) ?? 0
        var resources: [SourceNode] = []
        for resource in config.resources where resource.mode == "managed" {
            let blockAt = resource.file.packed(resource.block.offset)
            let key = instance.instances[resource.address]?.first?.providerKey ?? instance.providerKey(of: resource)
            resources.append(TerraformPlanNodes.object([
                ("address", TerraformPlanNodes.string(resource.address, at: blockAt)),
                ("mode", TerraformPlanNodes.string("managed", at: blockAt)),
                ("type", TerraformPlanNodes.string(resource.type, at: blockAt)),
                ("name", TerraformPlanNodes.string(resource.name, at: blockAt)),
                ("provider_config_key", TerraformPlanNodes.string(key, at: blockAt)),
                ("expressions", expressions(resource.block.body, resource.file, config, at: blockAt, in: instance)),
            ], at: blockAt))
        }
        var calls: [(String, SourceNode)] = []
        for call in config.moduleCalls {
            let callAt = call.file.packed(call.block.offset)
            var fields: [(String, SourceNode)] = [
                ("source", TerraformPlanNodes.string(call.source, at: callAt)),
                ("expressions", expressions(call.block.body, call.file, config, at: callAt, in: instance)),
            ]
            if let child = instance.children[call.name]?.first { fields.append(("module", module(child))) }
            calls.append((call.name, TerraformPlanNodes.object(fields, at: callAt)))
        }
        var outputs: [(String, SourceNode)] = []
        for name in config.outputs.keys.sorted() {
            let declared = config.outputs[name]!
            guard let value = declared.value.body[attribute: "value"] else { continue }
            let outputAt = declared.file.packed(declared.value.offset)
            outputs.append((name, TerraformPlanNodes.object([("expression", expression(value.value, declared.file, config))], at: outputAt)))
        }
        // Not in a plan's configuration: each local's own references, once per module, which `resolve` follows
        // for `local.*` as a plan's `references` would have listed them expanded.
        let locals = config.locals.keys.sorted().map { name in
            (name, expression(config.locals[name]!.value.value, config.locals[name]!.file, config))
        }
        return TerraformPlanNodes.object([
            ("resources", SourceNode(.sequence(resources), offset: at)),
            ("module_calls", TerraformPlanNodes.object(calls, at: at)),
            ("outputs", TerraformPlanNodes.object(outputs, at: at)),
            ("locals", TerraformPlanNodes.object(locals, at: at)),
        ], at: at)
    }

    /// A block's expressions: attributes as `references` (or a `constant_value` marker), nested blocks as lists.
    /// Meta-arguments and meta-blocks are skipped only in the resource's own body (`nested` false).
    private func expressions(_ body: HCLBody, _ file: TerraformSourceFile, _ config: TerraformModuleConfig,
                             at offset: Int, nested: Bool = false, in instance: TerraformModuleInstance? = nil) -> SourceNode {
        var fields: [(String, SourceNode)] = []
        let skipped = nested ? [] : TerraformBlockValues.metaArguments
        let skippedBlocks = nested ? [] : TerraformBlockValues.metaBlocks
        for attribute in body.attributes where !skipped.contains(attribute.name) {
            fields.append((attribute.name, expression(attribute.value, file, config, in: instance)))
        }
        var blocks: [String: [SourceNode]] = [:]
        var order: [String] = []
        for block in body.blocks where !skippedBlocks.contains(block.type) {
            var name = block.type
            var inner = block.body
            if block.type == "dynamic", let label = block.labels.first?.text, let content = block.body.blocks("content").first {
                name = label
                inner = content.body
            }
            if blocks[name] == nil { order.append(name) }
            blocks[name, default: []].append(expressions(inner, file, config, at: file.packed(block.offset), nested: true, in: instance))
        }
        for name in order { fields.append((name, SourceNode(.sequence(blocks[name]!), offset: blocks[name]![0].offset))) }
        return TerraformPlanNodes.object(fields, at: offset)
    }

    private func expression(_ expression: HCLExpression, _ file: TerraformSourceFile, _ config: TerraformModuleConfig,
                            in instance: TerraformModuleInstance? = nil) -> SourceNode {
        let at = file.packed(expression.offset)
        var references = TerraformReferences.of(expression)
        if references.count > 1, let instance { references = unknownFirst(references, in: instance) }
        if references.isEmpty {
            return TerraformPlanNodes.object([("constant_value", SourceNode(.bool(true), offset: at))], at: at)
        }
        return TerraformPlanNodes.object([
            ("references", SourceNode(.sequence(references.map { TerraformPlanNodes.string($0, at: at) }), offset: at)),
        ], at: at)
    }

    /// The references with those to a variable or local this instance knows in full moved last: a plan's reader
    /// names the first reference as where an unknown value comes from, and `"${local.region}:${local.account_id}"`
    /// is unknown because of the account, not the region a literal sets (docs/terraform-source.md).
    private func unknownFirst(_ references: [String], in instance: TerraformModuleInstance) -> [String] {
        let known = self.known
        func isKnown(_ reference: String) -> Bool {
            let parts = reference.split(separator: ".", maxSplits: 2)
            guard parts.count >= 2, parts[0] == "local" || parts[0] == "var" else { return false }
            let name = String(parts[0]) + "." + String(parts[1].prefix { $0 != "[" })
            if let answer = known.answers[ObjectIdentifier(instance)]?[name] { return answer }
            let value = parts[0] == "local" ? try? instance.local(String(name.dropFirst(6)), at: 0)
                                            : try? instance.variable(String(name.dropFirst(4)), at: 0)
            let answer = value.map { !$0.containsUnknown && !$0.isOpen } ?? false
            known.answers[ObjectIdentifier(instance), default: [:]][name] = answer
            return answer
        }
        let isKnownEach = references.map(isKnown)
        return zip(references, isKnownEach).filter { !$0.1 }.map(\.0) + zip(references, isKnownEach).filter { $0.1 }.map(\.0)
    }
}
