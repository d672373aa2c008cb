import PolicyCheckModel
import PolicyCheckSyntax

/// The regions of a plan's provider configurations (`configuration.provider_config`): a literal `region`, or the
/// value of the root variable it is — and so the region a resource is created in when its own values do not say.
struct TerraformProviderRegions {
    /// A provider configuration's region and where it is written.
    struct Region {
        var value: String
        var origin: Origin
        /// The root variable it comes from (`region` for `var.region`), if any.
        var variable: String?
    }

    /// `configuration.provider_config`, by key (`aws`, `aws.replica`, `module.edge:aws`).
    let configs: [SourceEntry]
    /// The same by key (the first of a repeated key), built once per plan: every resource that takes its
    /// provider's region looks its configuration up, and plans may declare hundreds of provider aliases.
    private let configsByKey: [String: SourceNode]
    /// `variables` at the plan root.
    private let variables: SourceNode?
    private let configuration: TerraformConfiguration

    /// Per provider name, its only configuration that states settings, when it has exactly one (see
    /// `isRequirementOnly`).
    private let soleConfigurations: [String: (key: String, config: SourceNode)]

    init(root: SourceNode, configuration: TerraformConfiguration) {
        configs = root["configuration"]?["provider_config"]?.entries ?? []
        var byKey: [String: SourceNode] = [:]
        for entry in configs where byKey[entry.key] == nil { byKey[entry.key] = entry.value }
        configsByKey = byKey
        variables = root["variables"]
        self.configuration = configuration
        var configured: [String: [(key: String, config: SourceNode)]] = [:]
        for (key, config) in byKey where !Self.isRequirementOnly(config) {
            configured[Self.name(of: config, key: key), default: []].append((key, config))
        }
        soleConfigurations = configured.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    /// A provider configuration's local name (`aws`), from its `name` or its key (`module.a:aws`).
    static func name(of config: SourceNode, key: String) -> String {
        config["name"]?.string ?? key.split(separator: ":").last.map(String.init) ?? key
    }

    /// Whether a module's entry states no settings of its own: Terraform writes one for each provider a module
    /// requires (`required_providers`) and each its caller passes it (`providers = { aws = aws.east }`), with no
    /// `expressions` (https://developer.hashicorp.com/terraform/internals/json-format, `provider_config`). Such a
    /// module uses a configuration of its caller — inherited, or passed; the plan does not record which.
    static func isRequirementOnly(_ config: SourceNode) -> Bool {
        config["module_address"]?.string != nil && config["expressions"] == nil
    }

    /// The configuration a module's entry that states nothing stands for: the provider's only configuration, which
    /// inheritance or passing can only have handed down (https://developer.hashicorp.com/terraform/language/modules/develop/providers).
    /// `nil` for any other entry, or when several configurations could have been passed.
    func configurationStoodFor(by config: SourceNode, key: String) -> (key: String, config: SourceNode)? {
        guard Self.isRequirementOnly(config) else { return nil }
        return soleConfigurations[Self.name(of: config, key: key)]
    }

    /// The region of one provider configuration.
    func region(of config: SourceNode, key: String) -> Region? {
        if let stoodFor = configurationStoodFor(by: config, key: key) { return region(of: stoodFor.config, key: stoodFor.key) }
        guard let expression = config["expressions"]?["region"] else { return nil }
        let path = "configuration.provider_config.\(key).expressions.region"
        // An empty region is none: the provider then takes the environment's (`unknownRegion`).
        if let constant = expression["constant_value"], let region = constant.string {
            guard !region.isEmpty else { return nil }
            return Region(value: region, origin: Origin(offset: constant.offset, path: "\(path).constant_value"))
        }
        guard config["module_address"]?.string == nil, let variable = Self.rootVariable(expression),
              let value = variables?[variable]?["value"], let region = value.string, !region.isEmpty else { return nil }
        return Region(value: region, origin: Origin(offset: value.offset, path: "variables.\(variable).value"),
                      variable: variable)
    }

    /// Why an AWS provider configuration's region cannot be known from the input, when `region(of:key:)` finds
    /// none: a region left to the environment (no `region`, or an empty one: the provider then takes `AWS_REGION` or
    /// the shared configuration's, https://registry.terraform.io/providers/hashicorp/aws/latest/docs#region) or
    /// an expression with no value here (a variable without one). Other providers' regions are not AWS regions.
    func unknownRegion(of config: SourceNode, name: String) -> (origin: Origin, reason: String)? {
        guard name == "aws" || name == "awscc" else { return nil }
        let place = Origin(offset: config.offset, path: "provider.\(name)")
        if Self.isRequirementOnly(config) {
            let count = configsByKey.filter { Self.name(of: $0.value, key: $0.key) == name && !Self.isRequirementOnly($0.value) }.count
            guard soleConfigurations[name] == nil else { return nil }
            return (place, count == 0
                ? "the module's provider comes from its caller, and the plan configures no \(name) provider, so it takes AWS_REGION or the shared configuration's when Terraform runs"
                : "the module's provider comes from its caller (inherited, or passed in `providers`), which a plan does not record, and the plan configures \(count) \(name) providers")
        }
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
        if config["module_address"]?.string == nil, let variable = Self.rootVariable(expression),
           variables?[variable]?["value"]?.string?.isEmpty == true {
            return (origin, "the provider's region (\(first)) is empty, so it takes AWS_REGION or the shared configuration's when Terraform runs")
        }
        return (origin, "the provider's region comes from \(first), which has no value here")
    }

    /// The region of the provider configuration a resource uses (its `provider_config_key`; a module resource
    /// without a configuration of its own inherits the root's default provider of that name).
    func region(of resource: TerraformResource) -> Region? {
        guard let key = configuration.resource(resource.configAddress, in: resource.modulePath)?["provider_config_key"]?.string
        else { return nil }
        if let config = configsByKey[key] { return region(of: config, key: key) }
        guard let colon = key.lastIndex(of: ":") else { return nil }
        let inherited = String(key[key.index(after: colon)...])
        return configsByKey[inherited].flatMap { region(of: $0, key: inherited) }
    }

    /// The root variable an expression is exactly (`var.region`).
    private static func rootVariable(_ expression: SourceNode) -> String? {
        guard let references = expression["references"]?.items?.compactMap(\.string), references.count == 1,
              references[0].hasPrefix("var.") else { return nil }
        return String(references[0].dropFirst(4))
    }
}
