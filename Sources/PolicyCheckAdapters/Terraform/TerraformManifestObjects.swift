import PolicyCheckSyntax

/// The Kubernetes objects an input's `kubernetes_manifest` and `kubectl_manifest` resources apply, read once for
/// every reader that needs them (the Ingress reader's classes, the manifest reader's judging): their YAML bodies
/// share the input's alias budget (`YAMLAliasBudget`), which a second reading would charge again.
final class TerraformManifestObjects {
    private let input: any TerraformResourceGraph
    private let budget: YAMLAliasBudget
    private var objects: (objects: [TerraformEmbeddedObject], problems: [TerraformKubernetesManifestReader.Problem])?

    init(input: any TerraformResourceGraph, budget: YAMLAliasBudget) {
        self.input = input
        self.budget = budget
    }

    /// The objects, in the input's order, and the problems met reading them.
    func read() -> (objects: [TerraformEmbeddedObject], problems: [TerraformKubernetesManifestReader.Problem]) {
        if let objects { return objects }
        let read = TerraformKubernetesManifestReader.objects(in: input, budget: budget)
        objects = read
        return read
    }
}
