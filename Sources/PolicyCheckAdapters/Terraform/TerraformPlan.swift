import PolicyCheckModel
import PolicyCheckSyntax

/// A Terraform JSON plan (`terraform show -json plan.tfplan`), or state, reduced to the resources it leaves in
/// place and the configuration that explains them.
///
/// Resources come from `resource_changes` (which carries `after_unknown`), else from `planned_values`, else from a
/// state's `values`, and from `deferred_changes`. Deleted resources and data sources are left out.
struct TerraformPlan: TerraformResourceGraph {
    let root: SourceNode
    let resources: [TerraformResource]
    let configuration: TerraformConfiguration
    /// `variables` at the plan root: the root module's input values.
    let variables: SourceNode?
    /// The provider configurations and their regions, indexed once.
    let providers: TerraformProviderRegions
    /// The positions in `resources` of each type's resources, in plan order: readers ask for a few types each.
    private let indexesByType: [String: [Int]]
    /// The position of each configuration block's first instance (by module path and address inside the module),
    /// and for each resource the position of the next instance of the same block (-1 after the last): references
    /// from the configuration are resolved to instances through them.
    private let firstInstance: [ConfigurationKey: Int]
    private let nextInstance: [Int32]
    /// The instances of blocks with more than one, by module instance and instance key.
    private let instances: TerraformInstanceIndex

    /// Reads a recognised plan document; throws every problem that makes it impossible to check.
    init(root: SourceNode, source: SourceFile, followsLocals: Bool = false) throws(Diagnostics) {
        let reader = NodeReader(source: source)
        guard let document = reader.object(root, path: "") else { throw Diagnostics(reader.diagnostics) }
        Self.checkHeader(document)
        self.root = root
        let configuration = TerraformConfiguration(root: root["configuration"]?["root_module"], followsLocals: followsLocals)
        self.configuration = configuration
        variables = root["variables"]
        providers = TerraformProviderRegions(root: root, configuration: configuration)
        var resources: [TerraformResource] = []
        if let changes = document.value("resource_changes") {
            resources.reserveCapacity(changes.memberCount)
            document.forEachItem("resource_changes") { node, path in
                if let resource = Self.change(node, path: path, reader: reader, configuration: configuration,
                                              source: followsLocals) {
                    resources.append(resource)
                }
            }
        } else if let planned = document.object("planned_values") {
            Self.collect(planned.object("root_module"), into: &resources, configuration: configuration)
        } else if let values = document.object("values") {
            Self.collect(values.object("root_module"), into: &resources, configuration: configuration)
        }
        // A change Terraform deferred to a later plan (`deferred_changes`: deferred actions, Terraform 1.9 and later,
        // and Stacks) is applied by a later round of the same configuration, never checked again by a gate on this
        // one: its resource is judged as the plan knows it (what is unknown cannot be verified). It was left out, so
        // an unencrypted database whose `for_each` was deferred passed (docs/security.md, row 39).
        document.forEachItem("deferred_changes") { node, path in
            guard let item = reader.object(node, path: path),
                  let change = item.value("resource_change", required: true) else { return }
            if let resource = Self.change(change, path: item.childPath("resource_change"), reader: reader,
                                          configuration: configuration, source: followsLocals) {
                resources.append(resource)
            }
        }
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics) }
        self.resources = resources
        var indexesByType: [String: [Int]] = [:]
        for (index, resource) in resources.enumerated() { indexesByType[resource.type, default: []].append(index) }
        // Backwards, so each block's chain runs in plan order.
        var firstInstance: [ConfigurationKey: Int] = [:]
        var nextInstance = [Int32](repeating: -1, count: resources.count)
        for index in resources.indices.reversed() {
            let key = ConfigurationKey(resources[index].modulePath, resources[index].configAddress)
            if let following = firstInstance.updateValue(index, forKey: key) {
                nextInstance[index] = Int32(truncatingIfNeeded: following)
            }
        }
        self.indexesByType = indexesByType
        self.firstInstance = firstInstance
        self.nextInstance = nextInstance
        instances = TerraformInstanceIndex(resources, firstInstance: firstInstance.values, nextInstance: nextInstance)
    }

    /// `format_version` must be a 0.x or 1.x version, and the plan must be complete.
    private static func checkHeader(_ document: ObjectView) {
        if let version = document.string("format_version") {
            let major = version.value.split(separator: ".").first.flatMap { Int($0) }
            if major != 0 && major != 1 {
                document.reader.error(at: version.origin.offset,
                                      "unsupported Terraform JSON format_version '\(Excerpt.quote(version.value))'; policycheck reads 0.x and 1.x")
            }
        }
        if let errored = document.bool("errored"), errored.value {
            document.reader.error(at: errored.origin.offset,
                                  "the plan is incomplete: Terraform reported errors while planning (errored: true); fix them and plan again")
        }
    }

    /// One `resource_changes[]` item, or `nil` for data sources and resources the plan deletes.
    /// `source`: the plan is the source reader's, whose findings name places as the configuration does
    /// (`aws_rds_cluster.db.storage_encrypted`), not as a plan file would (`resource_changes[0].change.after.…`).
    private static func change(_ node: SourceNode, path: String, reader: NodeReader,
                               configuration: TerraformConfiguration, source: Bool) -> TerraformResource? {
        guard let item = reader.object(node, path: path) else { return nil }
        // Every item of a plan passes here: its fields are read from the node, and through the view (which spells
        // paths and reports what is wrong) only when a field is absent or not as a plan writes it, so the result and
        // the diagnostics are the view's either way.
        let fast = !reader.matchesNamesLikeGo
        func text(_ key: SourceKey, required: Bool = false) -> String? {
            (fast ? node[key]?.string : nil) ?? item.text(key.text, required: required)
        }
        let address = text(Keys.address, required: true)
        let type = text(Keys.type, required: true)
        let mode = text(Keys.mode)
        // The view of `change`, made once and only when needed.
        var view: ObjectView??
        func changeView() -> ObjectView? {
            if let view { return view }
            let made = item.object("change", required: true)
            view = .some(made)
            return made
        }
        let fastChange = fast ? node[Keys.change] : nil
        guard let changeNode = fastChange?.isMapping == true ? fastChange : changeView()?.node else { return nil }
        let actions = (fast ? Self.texts(changeNode[Keys.actions]) : nil) ?? changeView()?.texts("actions") ?? []
        // What Terraform writes (https://developer.hashicorp.com/terraform/internals/json-format): anything else is
        // not a plan it wrote, and read as a data source or a deletion it would pass silently.
        guard Self.isWrittenByTerraform(item, mode: mode, type: type, address: address, actions: actions, reader: reader)
        else { return nil }
        guard let address, let type, mode ?? "managed" == "managed" else { return nil }
        if actions.contains("delete") && !actions.contains("create") { return nil }
        if actions == ["forget"] { return nil }
        let moduleAddress = text(Keys.moduleAddress) ?? TerraformAddress.split(address).module
        func value(_ key: SourceKey) -> SourceNode? { changeNode[key].flatMap { $0.isNull ? nil : $0 } }
        let after = value(Keys.after)
        let unknown = value(Keys.afterUnknown)
        var origin = item.origin
        if source { origin.path = address }
        let resource = resource(address: address, type: type, moduleAddress: moduleAddress, origin: origin,
                                values: after, unknown: unknown, place: source ? .source : .change,
                                anchor: changeNode.offset,
                                configuration: configuration)
        // Delete and create (either order): the resource is replaced by a new one.
        if actions.contains("delete") { resource.replacedAt = changeView()?.origin(of: "actions") }
        return resource
    }

    /// Whether an item's `mode`, `type`, `address` and `actions` are as Terraform writes them; reports each that is
    /// not (a number where a string belongs, a mode or action word of another spelling).
    private static func isWrittenByTerraform(_ item: ObjectView, mode: String?, type: String?, address: String?,
                                             actions: [String], reader: NodeReader) -> Bool {
        // The usual item (strings, a known mode, known actions) is passed on its texts alone: every item passes here.
        let usual = (mode == nil || mode == "managed" || mode == "data") && actions.allSatisfy(isKnownAction)
            && item.node[Keys.address]?.isString != false && item.node[Keys.type]?.isString != false
            && item.node[Keys.mode]?.isString != false
        if usual { return true }
        var written = true
        for key in [Keys.address, Keys.type, Keys.mode] {
            guard let node = item.node[key], node.numberLiteral != nil else { continue }
            reader.error(at: node.offset, "'\(item.childPath(key.text))' must be a string, found a number")
            written = false
        }
        if let mode, mode != "managed" && mode != "data", let node = item.node[Keys.mode], node.numberLiteral == nil {
            reader.error(at: node.offset, "'\(item.childPath("mode"))' must be 'managed' or 'data', found '\(Excerpt.quote(mode, limit: 20))'")
            written = false
        }
        if let unknown = actions.first(where: { !isKnownAction($0) }),
           let node = item.node["change"]?["actions"] {
            reader.error(at: node.offset, "'\(item.childPath("change")).actions' holds '\(Excerpt.quote(unknown, limit: 20))', which is not an action Terraform writes (\(knownActions.sorted().joined(separator: ", ")))")
            written = false
        }
        return written
    }

    /// The words of a change's `actions`.
    private static let knownActions = ["no-op", "create", "read", "update", "delete", "forget"]

    private static func isKnownAction(_ action: String) -> Bool { knownActions.contains(action) }

    /// A list's texts when every item is a string, as a plan writes `actions`; `nil` for anything else (absent, or
    /// another kind), which the view reads with its diagnostics.
    private static func texts(_ list: SourceNode?) -> [String]? {
        guard let list, list.isSequence else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(list.memberCount)
        var allStrings = true
        list.forEachItem { _, item in
            if let text = item.string { texts.append(text) } else { allStrings = false }
        }
        return allStrings ? texts : nil
    }

    private enum Keys {
        static let address = SourceKey("address")
        static let type = SourceKey("type")
        static let mode = SourceKey("mode")
        static let change = SourceKey("change")
        static let actions = SourceKey("actions")
        static let moduleAddress = SourceKey("module_address")
        static let after = SourceKey("after")
        static let afterUnknown = SourceKey("after_unknown")
    }

    /// The managed resources of a module in `planned_values` or `values`, and of its child modules.
    private static func collect(_ module: ObjectView?, into resources: inout [TerraformResource],
                                configuration: TerraformConfiguration) {
        guard let module else { return }
        for (node, path) in module.list("resources") ?? [] {
            guard let item = module.reader.object(node, path: path) else { continue }
            guard let address = item.text("address", required: true), let type = item.text("type", required: true),
                  item.text("mode") ?? "managed" == "managed" else { continue }
            let values = item.value("values")
            resources.append(resource(
                address: address, type: type, moduleAddress: TerraformAddress.split(address).module,
                origin: item.origin, values: values, unknown: nil, place: .values,
                anchor: item.node.offset, configuration: configuration
            ))
        }
        for (node, path) in module.list("child_modules") ?? [] {
            collect(module.reader.object(node, path: path), into: &resources, configuration: configuration)
        }
    }

    private static func resource(address: String, type: String, moduleAddress: String, origin: Origin,
                                 values: SourceNode?, unknown: SourceNode?, place: TerraformValuesPlace,
                                 anchor: Int, configuration: TerraformConfiguration) -> TerraformResource {
        let own = TerraformAddress.split(address).resource
        let (configAddress, instanceKey) = TerraformAddress.splitKey(own)
        let modulePath = TerraformAddress.modulePath(moduleAddress)
        let block = configuration.resource(configAddress, in: modulePath)
        let expressions = block?[Self.expressionsKey]
        let roots = TerraformAttributeRoots(values?.isMapping == true ? values : nil,
                                            unknown?.isMapping == true ? unknown : nil, expressions, block: block)
        return TerraformResource(address: address, type: type, moduleAddress: moduleAddress, modulePath: modulePath,
                                 configAddress: configAddress, instanceKey: instanceKey, origin: origin,
                                 roots: roots, configured: block != nil, place: place,
                                 anchor: values?.offset ?? anchor)
    }

    private static let expressionsKey = SourceKey("expressions")
    private static let providerConfigKeyKey = SourceKey("provider_config_key")

    // MARK: - Finding resources

    /// How many resources have one of `types`.
    func count(ofType types: Set<String>) -> Int {
        types.reduce(0) { $0 + (indexesByType[$1]?.count ?? 0) }
    }

    /// The resources of some types, in plan order.
    func resources(ofType types: Set<String>) -> [TerraformResource] {
        var indexes: [Int] = []
        for type in types { indexes += indexesByType[type] ?? [] }
        if types.count > 1 { indexes.sort() }
        return indexes.map { resources[$0] }
    }

    /// The instance a reference from `resource` points to, when it can be told: the instance the reference names,
    /// the only instance, or the instance with the same key as `resource` (instances in the same module instance as
    /// `resource` first, when there are any).
    func instance(of target: TerraformConfiguration.Target, from resource: TerraformResource) -> TerraformResource? {
        guard let first = firstInstance[ConfigurationKey(target.modulePath, target.configAddress)] else { return nil }
        guard nextInstance[first] >= 0 else {
            // One instance (most blocks): it is the only candidate, whatever its module instance.
            let only = resources[first]
            if target.instanceKey.isEmpty || only.instanceKey == target.instanceKey { return only }
            // An instance without a key that a reference names with one (`aws_s3_bucket.b[0]`) stands for a `count`
            // or `for_each` source could not know (docs/terraform-source.md): it is every instance there will be.
            // A plan always keys the instances of such a block, and Terraform refuses a key on a block without one.
            return only.instanceKey.isEmpty ? only : nil
        }
        // A block with `count`, `for_each` or module instances: looked up by module instance and key rather than by
        // walking its instances, which for a block of 10,000 instances referred to by 10,000 others is quadratic.
        let scope = instances.count(block: first, module: resource.moduleAddress) > 0 ? resource.moduleAddress : nil
        if !target.instanceKey.isEmpty {
            // Else the instance standing for an unknown `count` or `for_each` in that module instance, as above.
            return (instances.first(block: first, module: scope, key: target.instanceKey)
                ?? instances.first(block: first, module: scope, key: "")).map { resources[$0] }
        }
        if instances.count(block: first, module: scope) == 1 {
            return instances.first(block: first, module: scope, key: nil).map { resources[$0] }
        }
        guard !resource.instanceKey.isEmpty else { return nil }
        return instances.first(block: first, module: scope, key: resource.instanceKey).map { resources[$0] }
    }

    /// The resource of one of `types` that an attribute of `resource` refers to, by the configuration's references.
    func referenced(by attribute: TerraformAttribute, of resource: TerraformResource, types: Set<String>,
                    through: [String: String]) -> TerraformResource? {
        guard let target = configuration.resolve(attribute.references, in: resource.modulePath, to: types,
                                                  through: through) else { return nil }
        return instance(of: target, from: resource)
    }

    /// Each reference of an attribute followed on its own, as `referenced(by:)` follows the first that leads
    /// somewhere.
    func referencedEach(by attribute: TerraformAttribute, of resource: TerraformResource,
                        types: Set<String>) -> [(reference: String, target: TerraformResource?)] {
        attribute.references.map { reference in
            let target = configuration.resolve([reference], in: resource.modulePath, to: types)
            return (reference, target.flatMap { instance(of: $0, from: resource) })
        }
    }
}

extension TerraformPlan {
    /// The configuration's `provider_config_key` of the resource's block.
    func providerConfigKey(of resource: TerraformResource) -> String? {
        resource.configurationBlock?[Self.providerConfigKeyKey]?.string
    }
}

/// A configuration block: the module path by call name and the address inside the module.
private struct ConfigurationKey: Hashable {
    var modulePath: [String]
    var configAddress: String

    init(_ modulePath: [String], _ configAddress: String) {
        self.modulePath = modulePath
        self.configAddress = configAddress
    }
}
