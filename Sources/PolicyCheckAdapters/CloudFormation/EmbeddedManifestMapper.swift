import PolicyCheckModel
import PolicyCheckSyntax

/// `Custom::AWSCDK-EKS-KubernetesResource` — what CDK's `eks.Cluster.addManifest` (and the Helm-free parts of its
/// constructs) synthesize: its `Manifest` property is the JSON text of the Kubernetes objects CDK's kubectl handler
/// applies to the cluster (`kubectl apply` of `JSON.parse(Manifest)`). Those objects are read as a Kubernetes
/// manifest is (a `type: LoadBalancer` Service's allowlist, an Ingress's annotations, …), each located at the
/// `Manifest` property and named `<logical id>/<Kind>/<namespace>/<name>`.
///
/// A manifest that cannot be read is an error of the template (exit 2, the gate fails closed, its other findings
/// still reported): text that is not JSON, or a manifest built at deployment (`Fn::Join` with references) whose
/// known parts do not parse once the unknown parts are read as text.
enum EmbeddedManifestMapper: ResourceMapper {
    static let types = ["Custom::AWSCDK-EKS-KubernetesResource"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let manifest = context.properties.child("Manifest")
        guard !manifest.isAbsent else { return }
        let path = "\(context.resource.path).Properties.Manifest"
        for alternative in manifest.alternatives {
            let text: String
            switch alternative {
            case .string(let literal):
                text = literal
            case .unknown(_, let partial?):
                text = Self.readingUnknownPartsAsText(partial)
            case .absent:
                continue
            default:
                deployment.notices.append(Diagnostic(deployment.source, offset: manifest.offset,
                    "\(path): the Kubernetes objects cannot be checked: \(alternative.unknownReason(expected: "the JSON text of Kubernetes objects"))"))
                continue
            }
            read(text, at: manifest.offset, path: path, context: context, into: &deployment)
        }
    }

    private static func read(_ text: String, at offset: Int, path: String, context: ResourceContext,
                             into deployment: inout Deployment) {
        let root: SourceNode
        do {
            root = try JSONReader().read(Array(text.utf8))
        } catch {
            deployment.notices.append(Diagnostic(deployment.source, offset: offset,
                "\(path): the Kubernetes objects cannot be checked: the manifest is not JSON (\(error.message))"))
            return
        }
        let objects = root.items ?? [root]
        let reader = NodeReader(source: deployment.source)
        reader.internsPaths = true
        let before = deployment.allowlists.count
        for object in objects {
            let relocated = Self.relocated(object, to: offset)
            guard KubernetesAdapter.recognises(relocated) else { continue }
            KubernetesAdapter.forEachObject(in: relocated) { item in
                KubernetesAdapter.read(item, reader: reader, into: &deployment)
            }
        }
        for index in deployment.allowlists.indices.dropFirst(before) {
            deployment.allowlists[index].component = "\(context.component)/\(deployment.allowlists[index].component)"
        }
        deployment.notices += reader.diagnostics
    }

    /// A manifest built at deployment, its unknown parts (`${…}`) read as text: CDK's tokens sit inside JSON
    /// strings (a role ARN in an annotation), where any text keeps the JSON whole.
    static func readingUnknownPartsAsText(_ partial: String) -> String {
        var result = ""
        var depth = 0
        var previous: Character = " "
        for character in partial {
            if depth == 0, character == "{", previous == "$" {
                result.removeLast()
                result += "unknown"
                depth = 1
            } else if depth > 0 {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    /// The node with every offset at `offset`: the objects sit inside one string of the template, whose own
    /// positions name nothing in the file.
    static func relocated(_ node: SourceNode, to offset: Int) -> SourceNode {
        switch node.value {
        case .sequence(let items):
            return SourceNode(.sequence(items.map { relocated($0, to: offset) }), offset: offset)
        case .mapping(let entries):
            return SourceNode(.mapping(entries.map {
                SourceEntry(key: $0.key, keyOffset: offset, value: relocated($0.value, to: offset))
            }), offset: offset)
        case let value:
            return SourceNode(value, offset: offset)
        }
    }
}
