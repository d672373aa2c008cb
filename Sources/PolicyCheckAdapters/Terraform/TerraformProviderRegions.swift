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

    /// Every `provider_config_key` a resource of the configuration names.
    private let keysInUse: Set<String>

    init(root: SourceNode, configuration: TerraformConfiguration) {
        configs = root["configuration"]?["provider_config"]?.entries ?? []
        var byKey: [String: SourceNode] = [:]
        for entry in configs where byKey[entry.key] == nil { byKey[entry.key] = entry.value }
        configsByKey = byKey
        variables = root["variables"]
        self.configuration = configuration
        var keys: Set<String> = []
        var modules = [root["configuration"]?["root_module"]].compactMap { $0 }
        while let module = modules.popLast() {
            for resource in module["resources"]?.items ?? [] {
                if let key = resource["provider_config_key"]?.string { keys.insert(Self.withoutModuleWords(key)) }
            }
            modules += (module["module_calls"]?.entries ?? []).compactMap { $0.value["module"] }
        }
        keysInUse = keys
    }

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
