import PolicyCheckModel
import PolicyCheckSyntax

/// The regions of a plan's provider configurations (`configuration.provider_config`): a literal `region`, or the
/// value of the root variable it is — and so the region a resource is created in when its own values do not say.
struct TerraformProviderRegions {
    /// A provider configuration's region and where it is written.
    struct Region {
        var value: String
        var origin: Origin
        /// The variable it comes from (`region` for `var.region`; a module's own, for a module's configuration), if
        /// any.
        var variable: String?
    }

    /// `configuration.provider_config`, by key (`aws`, `aws.replica`, `module.edge:aws`).
    let configs: [SourceEntry]
    /// The same by key (the first of a repeated key), built once per plan: every resource that takes its
    /// provider's region looks its configuration up, and plans may declare hundreds of provider aliases.
    private let configsByKey: [String: SourceNode]
    /// `variables` at the plan root.
    private let variables: SourceNode?
    /// `configuration.root_module`, whose module calls give modules' variables their values.
    private let rootModule: SourceNode?
    private let configuration: TerraformConfiguration

    /// Every `provider_config_key` a resource of the configuration names.
    private let keysInUse: Set<String>
    /// The AWS provider configurations (`aws`, `aws.eu`) resources name that no `provider_config` entry configures,
    /// neither under the key nor (for a module's resource) as the root's default of that name, each with where it is
    /// first named.
    let unconfigured: [(key: String, node: SourceNode, path: String)]

    init(root: SourceNode, configuration: TerraformConfiguration) {
        configs = root["configuration"]?["provider_config"]?.entries ?? []
        var byKey: [String: SourceNode] = [:]
        for entry in configs where byKey[entry.key] == nil { byKey[entry.key] = entry.value }
        configsByKey = byKey
        variables = root["variables"]
        rootModule = root["configuration"]?["root_module"]
        self.configuration = configuration
        // Terraform before 1.1 wrote a module resource's key as `logs:aws` where the entry is `module.logs:aws`.
        let configured = Set(configs.map { Self.withoutModuleWords($0.key) })
        var keys: Set<String> = []
        var unconfigured: [(key: String, node: SourceNode, path: String)] = []
        var seen: Set<String> = []
        var modules = [root["configuration"]?["root_module"]].compactMap { $0 }.map { ($0, "configuration.root_module") }
        while let (module, path) = modules.popLast() {
            for (index, resource) in (module["resources"]?.items ?? []).enumerated() {
                guard let node = resource["provider_config_key"], let key = node.string else { continue }
                let bare = Self.withoutModuleWords(key)
                keys.insert(bare)
                // A module's key with no configuration of its own takes the root's implied one: one finding per
                // provider configuration (`aws`, `aws.eu`), not per module.
                guard !configured.contains(bare), Self.configuration(of: key, in: byKey) == nil else { continue }
                let local = Self.localName(key)
                if Self.isAWS(local), seen.insert(local).inserted {
                    unconfigured.append((local, node, "\(path).resources[\(index)].provider_config_key"))
                }
            }
            modules += (module["module_calls"]?.entries ?? []).compactMap { call in
                call.value["module"].map { ($0, "\(path).module_calls.\(call.key).module") }
            }
        }
        keysInUse = keys
        self.unconfigured = unconfigured
    }

    /// The configuration a key names: its own entry, or for a module's key (`module.a:aws`) with none, the root's
    /// default configuration of that name, which Terraform passes to child modules implicitly.
    private static func configuration(of key: String, in configs: [String: SourceNode]) -> (key: String, node: SourceNode)? {
        if let config = configs[key] { return (key, config) }
        guard let inherited = afterLastColon(key) else { return nil }
        return configs[inherited].map { (inherited, $0) }
    }

    /// A key without its module (`aws.eu` for `module.a:aws.eu`).
    private static func localName(_ key: String) -> String {
        afterLastColon(key) ?? key
    }

    /// The text after a key's last `:` standing alone as a `Character`; `nil` when it has none. Found on the key's
    /// bytes (a walk by `Character` cost about 1,200 instructions a resource): a `:` between ASCII bytes is a
    /// character of its own, and a key with anything else beside its last `:` (a combining mark after it, a
    /// prepended mark before it) takes the walk by `Character`.
    private static func afterLastColon(_ key: String) -> String? {
        let utf8 = key.utf8
        guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let next = utf8.index(after: colon)
        let asciiAround = (next == utf8.endIndex || utf8[next] < 0x80)
            && (colon == utf8.startIndex || utf8[utf8.index(before: colon)] < 0x80)
        guard asciiAround else {
            return key.lastIndex(of: ":").map { String(key[key.index(after: $0)...]) }
        }
        return String(key[next...])
    }

    /// Whether a local key names a configuration of the AWS providers (`aws`, `aws.eu`, `awscc`).
    private static func isAWS(_ local: String) -> Bool {
        let name = local.split(separator: ".", maxSplits: 1).first ?? ""
        return name == "aws" || name == "awscc"
    }

    /// Why the region of a provider key no entry configures cannot be known: Terraform assumes an empty default
    /// configuration for a provider with no `provider` block
    /// (https://developer.hashicorp.com/terraform/language/providers/configuration), and the AWS provider's region is
    /// then AWS_REGION's or the shared configuration's when Terraform runs
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs#region). Plans write no `provider_config`
    /// entry for it (Checkov's `plan_tags_variety` and `plan_root_module_resources_no_values` fixtures).
    static let unconfiguredReason = "no provider block configures it, so it takes AWS_REGION or the shared configuration's when Terraform runs"

    /// Whether an entry is only a module's statement that it requires the provider: Terraform writes one for each
    /// provider in a module's `required_providers` that has no configuration block there
    /// (https://developer.hashicorp.com/terraform/internals/json-format, `provider_config`), with no `expressions`,
    /// and no resource names it — a module's resources use their caller's configuration, under its key. An entry a
    /// resource names is a configuration those resources use (an empty `provider "aws" {}` in the module, whose
    /// region is the environment's, also has no `expressions`), and is judged.
    ///
    /// Keys are compared without their `module.` words: Terraform before 1.1 wrote a module resource's key as
    /// `logs:aws` where the entry is `module.logs:aws`, and an entry such a resource may name is judged.
    func isRequirementOnly(_ config: SourceNode, key: String) -> Bool {
        config["module_address"]?.string != nil && config["expressions"] == nil
            && !keysInUse.contains(Self.withoutModuleWords(key))
    }

    /// `module.a.module.b:aws` as `a.b:aws`.
    private static func withoutModuleWords(_ key: String) -> String {
        // Most keys are a root configuration's (`aws`, `aws.east`): returned as they are, without a search.
        guard key.hasPrefix("module.") else { return key }
        return key.split(separator: ".", omittingEmptySubsequences: false).filter { $0 != "module" }.joined(separator: ".")
    }

    /// The region of one provider configuration.
    func region(of config: SourceNode, key: String) -> Region? {
        guard let expression = config["expressions"]?["region"] else { return nil }
        let path = "configuration.provider_config.\(key).expressions.region"
        // An empty region is none: the provider then takes the environment's (`unknownRegion`).
        if let constant = expression["constant_value"], let region = constant.string {
            guard !region.isEmpty else { return nil }
            return Region(value: region, origin: Origin(offset: constant.offset, path: "\(path).constant_value"))
        }
        guard let variable = Self.rootVariable(expression),
              let (value, valuePath) = variableValue(variable, module: config["module_address"]?.string),
              let region = value.string, !region.isEmpty else { return nil }
        return Region(value: region, origin: Origin(offset: value.offset, path: valuePath), variable: variable)
    }

    /// The value a variable has in the plan, and its path: a root variable's in `variables`; a module's (a module's
    /// own `provider "aws" { region = var.region }`, the pattern before provider configurations were passed in)
    /// what its call gives it — a literal (`module_calls.<name>.expressions.<variable>.constant_value`), or a
    /// variable of the caller, followed up the calls — else its `default`
    /// (https://developer.hashicorp.com/terraform/internals/json-format#configuration-representation). `nil` when
    /// the plan does not hold it (an expression of something else, a variable without a value).
    private func variableValue(_ variable: String, module address: String?) -> (SourceNode, String)? {
        guard let address else {
            return variables?[variable]?["value"].map { ($0, "variables.\(variable).value") }
        }
        // `module.a.module.b`: the calls from the root down.
        let words = address.split(separator: ".", omittingEmptySubsequences: false)
        guard words.count % 2 == 0, stride(from: 0, to: words.count, by: 2).allSatisfy({ words[$0] == "module" }) else { return nil }
        var calls: [(node: SourceNode, path: String)] = []
        var module = rootModule
        var path = "configuration.root_module"
        for index in stride(from: 1, to: words.count, by: 2) {
            path += ".module_calls.\(words[index])"
            guard let call = module?["module_calls"]?[String(words[index])] else { return nil }
            calls.append((call, path))
            module = call["module"]
            path += ".module"
        }
        var name = variable
        for (call, callPath) in calls.reversed() {
            guard let expression = call["expressions"]?[name] else {
                // Not given: the module's default.
                return call["module"]?["variables"]?[name]?["default"].map { ($0, "\(callPath).module.variables.\(name).default") }
            }
            if let constant = expression["constant_value"] {
                return (constant, "\(callPath).expressions.\(name).constant_value")
            }
            guard let caller = Self.rootVariable(expression) else { return nil }
            name = caller
        }
        return variables?[name]?["value"].map { ($0, "variables.\(name).value") }
    }

    /// Why an AWS provider configuration's region cannot be known from the input, when `region(of:key:)` finds
    /// none: a region left to the environment (no `region`, or an empty one: the provider then takes `AWS_REGION` or
    /// the shared configuration's, https://registry.terraform.io/providers/hashicorp/aws/latest/docs#region) or
    /// an expression with no value here (a variable without one). Other providers' regions are not AWS regions.
    func unknownRegion(of config: SourceNode, name: String) -> (origin: Origin, reason: String)? {
        guard name == "aws" || name == "awscc" else { return nil }
        let place = Origin(offset: config.offset, path: "provider.\(name)")
        guard let expression = config["expressions"]?["region"] else {
            return (place, "the provider names no region, so it takes AWS_REGION or the shared configuration's when Terraform runs")
        }
        let origin = Origin(offset: expression.offset, path: "provider.\(name).region")
        if let constant = expression["constant_value"] {
            guard constant.string?.isEmpty != false else { return nil }
            return (origin, "the provider's region is empty, so it takes AWS_REGION or the shared configuration's when Terraform runs")
        }
        let references = expression["references"]?.items?.compactMap(\.string) ?? []
        guard let first = references.first else { return (origin, "the provider's region has no value here") }
        if let variable = Self.rootVariable(expression),
           variableValue(variable, module: config["module_address"]?.string)?.0.string?.isEmpty == true {
            return (origin, "the provider's region (\(first)) is empty, so it takes AWS_REGION or the shared configuration's when Terraform runs")
        }
        return (origin, "the provider's region comes from \(first), which has no value here")
    }

    /// The region of the provider configuration a resource uses (its `provider_config_key`; a module resource
    /// without a configuration of its own inherits the root's default provider of that name).
    func region(of resource: TerraformResource) -> Region? {
        guard let key = configuration.resource(resource.configAddress, in: resource.modulePath)?["provider_config_key"]?.string,
              let config = Self.configuration(of: key, in: configsByKey) else { return nil }
        return region(of: config.node, key: config.key)
    }

    /// The root variable an expression is exactly (`var.region`).
    private static func rootVariable(_ expression: SourceNode) -> String? {
        guard let references = expression["references"]?.items?.compactMap(\.string), references.count == 1,
              references[0].hasPrefix("var.") else { return nil }
        return String(references[0].dropFirst(4))
    }
}
