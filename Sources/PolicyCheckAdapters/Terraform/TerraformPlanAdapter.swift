import PolicyCheckModel
import PolicyCheckSyntax

/// Reads Terraform JSON plans (`terraform show -json plan.tfplan`, format 0.x and 1.x) — or state — into one
/// `Deployment` per file, named by the file and with every component named by its Terraform address.
public struct TerraformPlanAdapter: DocumentAdapter {
    public static let format = InputFormat.terraformPlan

    public init() {}

    /// A JSON object with a `format_version` and the parts of a plan or state, or (older tools) plan parts alone.
    public static func recognises(_ root: SourceNode) -> Bool {
        guard root.entries != nil, root["apiVersion"] == nil else { return false }
        let planParts = ["planned_values", "resource_changes", "prior_state", "configuration", "values", "terraform_version"]
        if root["format_version"]?.string != nil { return planParts.contains { root[$0] != nil } }
        return root["planned_values"]?.entries != nil || root["resource_changes"]?.items != nil
    }

    /// Reads one plan; throws the problems that make it impossible to check.
    public func deployment(from root: SourceNode, source: SourceFile,
                           options: AdapterOptions = AdapterOptions()) throws(Diagnostics) -> Deployment {
        let plan = try TerraformPlan(root: root, source: source)
        let rootOrigin = Origin(offset: root.offset, path: "")
        var deployment = Deployment(name: source.path, source: source, format: .terraformPlan, origin: rootOrigin)
        deployment.qualifiesResourceNames = false
        deployment.rawNode = root
        if let offering = options.offering { deployment.offering = Located(offering, at: rootOrigin) }
        TerraformKeyReader(plan: plan).read(into: &deployment)
        let keys = TerraformKeyReference(plan: plan)
        TerraformDataStoreReader(plan: plan, keys: keys).read(into: &deployment)
        TerraformBucketReader(plan: plan, keys: keys).read(into: &deployment)
        TerraformVolumeReader(plan: plan, keys: keys).read(into: &deployment)
        TerraformClusterReader(plan: plan, keys: keys).read(into: &deployment)
        TerraformBackupPlanReader(plan: plan).read(into: &deployment)
        TerraformTrailReader(plan: plan, keys: keys).read(into: &deployment)
        TerraformListenerReader(plan: plan).read(into: &deployment)
        TerraformLogGroupReader(plan: plan).read(into: &deployment)
        TerraformSecurityGroupReader(plan: plan).read(into: &deployment)
        TerraformIPSetReader(plan: plan).read(into: &deployment)
        var regions = TerraformRegionReader(plan: plan)
        regions.read(into: &deployment)
        return deployment
    }
}
