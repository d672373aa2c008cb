import PolicyCheckModel
import PolicyCheckSyntax

/// Reads Terraform JSON plans (`terraform show -json plan.tfplan`, format 0.x and 1.x) — or state — into one
/// `Deployment` per file, named by the file and with every component named by its Terraform address.
public struct TerraformPlanAdapter: DocumentAdapter {
    public static let format = InputFormat.terraformPlan

    /// The readers, in the order they run: keys first (stores name them), regions last (they add a residency
    /// reference only where no other reader placed one).
    static let readers: [any TerraformReader.Type] = [
        TerraformKeyReader.self, TerraformDataStoreReader.self, TerraformBucketReader.self, TerraformVolumeReader.self,
        TerraformRedshiftReader.self, TerraformStreamReader.self, TerraformServerlessCollectionReader.self,
        TerraformClusterReader.self, TerraformBackupPlanReader.self, TerraformTrailReader.self,
        TerraformListenerReader.self, TerraformListenerRuleReader.self, TerraformClassicListenerReader.self,
        TerraformLogGroupReader.self, TerraformSecurityGroupReader.self, TerraformNetworkLoadBalancerReader.self,
        TerraformKubernetesServiceReader.self, TerraformKubernetesIngressReader.self, TerraformKubernetesManifestReader.self,
        TerraformIPSetReader.self, TerraformCloudControlReader.self, TerraformRegionReader.self,
    ]

    public init() {}

    /// A JSON object with a `format_version` and the parts of a plan or state, or (older tools) plan parts alone.
    public static func recognises(_ root: SourceNode) -> Bool {
        guard root.entries != nil, root["apiVersion"] == nil else { return false }
        let planParts = ["planned_values", "resource_changes", "prior_state", "configuration", "values", "terraform_version", "deferred_changes"]
        if root["format_version"]?.string != nil { return planParts.contains { root[$0] != nil } }
        return root["planned_values"]?.entries != nil || root["resource_changes"]?.items != nil
    }

    /// Reads one plan; throws the problems that make it impossible to check.
    public func deployment(from root: SourceNode, source: SourceFile,
                           options: AdapterOptions = AdapterOptions()) throws(Diagnostics) -> Deployment {
        try deployment(from: root, source: source, options: options, followsLocals: false)
    }

    /// `followsLocals`: the plan is the source reader's, whose configuration lists each module's locals.
    /// `yamlBudget`: the alias budget its YAML texts share (the module evaluation's, for the source reader).
    func deployment(from root: SourceNode, source: SourceFile, options: AdapterOptions, followsLocals: Bool,
                    yamlBudget: YAMLAliasBudget = YAMLAliasBudget()) throws(Diagnostics) -> Deployment {
        let plan = try TerraformPlan(root: root, source: source, followsLocals: followsLocals)
        let rootOrigin = Origin(offset: root.offset, path: "")
        var deployment = Deployment(name: source.path, source: source, format: .terraformPlan, origin: rootOrigin)
        deployment.qualifiesResourceNames = false
        deployment.rawNode = root
        deployment.sensitiveValues = TerraformSensitiveValues.marked(in: root)
        if let offering = options.offering { deployment.offering = Located(offering, at: rootOrigin) }
        let reading = TerraformReading(plan, yamlBudget: yamlBudget)
        TerraformKubernetesManifestReader.$elsewhere.withValue(options.ingressClasses) {
            for type in Self.readers {
                var reader = type.init(reading)
                reader.read(into: &deployment)
            }
        }
        return deployment
    }
}
