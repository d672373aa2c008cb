import PolicyCheckModel
import PolicyCheckSyntax

/// What the Terraform readers read, whatever the input they come from: the managed resource instances a deployment
/// will hold (all of them in order, or by type), each resource's attributes as `TerraformAttribute`s (known, unknown
/// until apply, or left for the provider to compute, each with its origin), the resource an attribute refers to, and
/// the provider configurations with their regions.
///
/// A plan (`TerraformPlan`, from `terraform show -json`) implements it; Terraform source is evaluated into a
/// plan-shaped document today (`TerraformPlanDocument`) and can implement it directly next. Readers never see the
/// JSON that carries a plan, so a new implementation needs no change to them. Relations are looked up through indexes
/// an implementation builds once (a lookup per resource, never a scan).
protocol TerraformResourceGraph {
    /// Every managed resource instance, in the input's order.
    var resources: [TerraformResource] { get }
    /// The resources of some types, in the input's order.
    func resources(ofType types: Set<String>) -> [TerraformResource]
    /// How many resources have one of `types`.
    func count(ofType types: Set<String>) -> Int
    /// The resource of one of `types` that `attribute` of `resource` refers to (`through` maps a resource type to
    /// the attribute of it that leads on, e.g. a replica key to its primary), or `nil` when it cannot be told.
    func referenced(by attribute: TerraformAttribute, of resource: TerraformResource, types: Set<String>,
                    through: [String: String]) -> TerraformResource?
    /// Each of the configuration's references of `attribute` (a list can name several resources:
    /// `[aws_ec2_managed_prefix_list.a.id, data.aws_ec2_managed_prefix_list.s3.id]`), with the resource of one of
    /// `types` it leads to, or `nil` when it leads to none.
    func referencedEach(by attribute: TerraformAttribute, of resource: TerraformResource,
                        types: Set<String>) -> [(reference: String, target: TerraformResource?)]
    /// The provider configurations and their regions.
    var providers: TerraformProviderRegions { get }
    /// The key of the provider configuration `resource` is created with (`aws.eu`, `module.edge:aws`), when the
    /// configuration names one.
    func providerConfigKey(of resource: TerraformResource) -> String?
}

extension TerraformResourceGraph {
    func referenced(by attribute: TerraformAttribute, of resource: TerraformResource,
                    types: Set<String>) -> TerraformResource? {
        referenced(by: attribute, of: resource, types: types, through: [:])
    }
}

/// What every reader is given: the resources, the KMS key lookup shared by the readers that resolve key
/// references (built once per input), and the Kubernetes objects the input's `kubernetes_manifest` and
/// `kubectl_manifest` resources apply (read once per input, their YAML bodies under one alias budget).
struct TerraformReading {
    let input: any TerraformResourceGraph
    let keys: TerraformKeyReference
    let manifests: TerraformManifestObjects

    /// `yamlBudget`: the alias budget of the input's YAML texts (a module's, shared with its `yamldecode()` calls).
    init(_ input: any TerraformResourceGraph, yamlBudget: YAMLAliasBudget = YAMLAliasBudget()) {
        self.input = input
        keys = TerraformKeyReference(input: input)
        manifests = TerraformManifestObjects(input: input, budget: yamlBudget)
    }
}

/// Reads one kind of resource (or one concern, such as regions) from the resources into the model. The plan adapter
/// runs every reader in `TerraformPlanAdapter.readers`, in order.
protocol TerraformReader: SendableMetatype {
    init(_ reading: TerraformReading)
    mutating func read(into deployment: inout Deployment)
}
