import PolicyCheckModel
import PolicyCheckSyntax

/// Kubernetes objects that Terraform applies whole: the hashicorp/kubernetes provider's `kubernetes_manifest` (the
/// object in its `manifest` attribute) and the `kubectl_manifest` of the gavinbunney/kubectl and alekc/kubectl
/// providers (the object as YAML text in `yaml_body`; a plan also holds `yaml_body_parsed`, read when `yaml_body` is
/// not there). Each object is judged exactly as the same object in a manifest (`KubernetesAdapter.read`: Services,
/// Ingresses, NetworkPolicies, StorageClasses, EC2NodeClasses, Mattermost objects), named by the resource's address
/// and located at its path in the attribute (`…after.manifest.spec.loadBalancerSourceRanges`).
///
/// What the input does not know is not guessed: an object, or a value of it that may decide what it admits or how
/// it is encrypted, known only at apply makes one entry that cannot be verified (`TerraformEmbeddedObject`). A
/// `yaml_body` that is not YAML is an error at the attribute (exit 2), the rest still judged. kubectl_manifest applies
/// one document; every document of a body that holds several is judged, with a warning.
struct TerraformKubernetesManifestReader {
    let input: any TerraformResourceGraph
    /// The objects of the input's resources, read once per input (`TerraformManifestObjects`).
    let manifests: TerraformManifestObjects

    static let manifestType = "kubernetes_manifest"
    static let kubectlType = "kubectl_manifest"
    static let types: Set<String> = [manifestType, kubectlType]

    /// The run's other inputs' classes (`IngressClassCatalog`), for the Ingresses a plan or module applies.
    @TaskLocal static var elsewhere: IngressClassCatalog?

    func read(into deployment: inout Deployment) {
        let (objects, problems) = manifests.read()
        guard !objects.isEmpty || !problems.isEmpty else { return }
        for problem in problems {
            TerraformNotices.report(problem.message, at: problem.offset, severity: problem.severity, into: &deployment)
        }
        // An Ingress's class may be another resource's — an object of these, or a `kubernetes_ingress_class_v1` — so
        // the classes are gathered first, as in a manifest.
        var classes = IngressClasses()
        classes.elsewhere = Self.elsewhere
        classes.inputPath = deployment.source.path
        Self.collectClasses(of: objects, into: &classes, source: deployment.source)
        TerraformKubernetesIngressReader(input: input, manifests: manifests).collectClasses(into: &classes)
        for object in objects {
            judge(object, classes: classes, into: &deployment)
        }
    }

    /// A problem met reading the objects: its message, (packed) offset and severity.
    typealias Problem = (message: String, offset: Int, severity: DiagnosticSeverity)

    /// The objects the input's `kubernetes_manifest` and `kubectl_manifest` resources apply, in the input's order,
    /// and the problems met reading them (a body that is not YAML, a body of several documents). Every body's aliases
    /// expand under `budget`, the input's: once spent, a body whose aliases expand at all is refused.
    static func objects(in input: any TerraformResourceGraph,
                        budget: YAMLAliasBudget) -> (objects: [TerraformEmbeddedObject], problems: [Problem]) {
        var objects: [TerraformEmbeddedObject] = []
        var problems: [Problem] = []
        for resource in input.resources(ofType: types) {
            if resource.type == manifestType {
                let manifest = resource["manifest"]
                // The object as text (JSON or YAML), should a plan write it so, is read as a kubectl_manifest's body.
                guard manifest.node?.string == nil else {
                    objects += documents(of: resource, body: manifest, named: "manifest", budget: budget, problems: &problems)
                    continue
                }
                objects.append(TerraformEmbeddedObject(manifest: manifest, of: resource))
            } else {
                var body = resource["yaml_body"]
                if body.isAbsent, !resource["yaml_body_parsed"].isAbsent { body = resource["yaml_body_parsed"] }
                objects += documents(of: resource, body: body, named: "YAML body", budget: budget, problems: &problems)
            }
        }
        return (objects, problems)
    }

    /// Adds the `IngressClass` and `IngressClassParams` objects among `objects` (those known before apply).
    static func collectClasses(of objects: [TerraformEmbeddedObject], into classes: inout IngressClasses, source: SourceFile) {
        let reader = KubernetesAdapter.nodeReader(for: source)
        for object in objects {
            // A value known only at apply that decides nothing of a class (a label, an annotation other than the
            // default-class one) leaves the rest judged; one in its spec makes the class, or the parameters,
            // cannot-verify for its Ingresses. Leaving such a class out let them be judged by their annotations alone.
            if let unknown = object.unknown {
                guard let kind = object.node["kind"]?.string, ["IngressClass", "IngressClassParams"].contains(kind) else { continue }
                let field = object.unknownField
                // (An IngressClassParams' tags name the load balancer's; they decide nothing it admits.)
                if field.isEmpty || (field.hasPrefix("spec") && !field.hasPrefix("spec.tags"))
                    || ["kind", "apiVersion", "metadata", "metadata.annotations"].contains(field)
                    || field.contains(IngressClasses.defaultClassAnnotation) {
                    let metadata = object.node["metadata"]
                    classes.collectUnknown(kind: kind, name: metadata?["name"]?.string ?? TerraformEmbeddedObject.unknownName,
                                           isDefault: metadata?["annotations"]?[IngressClasses.defaultClassAnnotation]?.string == "true",
                                           reason: unknown)
                    continue
                }
            }
            KubernetesAdapter.forEachObject(in: object.node) { classes.collect($0, reader: reader) }
        }
    }

    // MARK: - Judging

    /// Reads one object into the model as the Kubernetes adapter reads it, everything it adds named by the resource.
    private func judge(_ object: TerraformEmbeddedObject, classes: IngressClasses, into deployment: inout Deployment) {
        let address = object.resource.address
        if let unknown = object.unknown {
            guard !Self.makesNoLoadBalancer(object) else { return }
            unverifiable(object, reason: "the Kubernetes object it applies cannot be judged before apply: \(unknown.value)",
                         at: unknown.origin, into: &deployment)
            return
        }
        let reader = KubernetesAdapter.nodeReader(for: deployment.source)
        // Each object's paths start with its resource's own (`resource_changes[3].change.after.manifest`): none is
        // spelt twice, so interning them would only fill a set (5% of a 100,000-object plan's run).
        reader.internsPaths = false
        let before = Counts(deployment)
        KubernetesAdapter.forEachObject(in: object.node) { item in
            if let odd = Self.oddlySpeltKind(item) {
                let reason = "its kind '\(Excerpt.quote(odd.written))' is not '\(odd.meant)': Kubernetes kinds are "
                    + "case-sensitive, so what the API server makes of it cannot be told from the input"
                unverifiable(object, kind: odd.meant, reason: reason,
                             at: Origin(offset: item["kind"]?.offset ?? item.offset, path: "\(object.path).kind"), into: &deployment)
                return
            }
            KubernetesAdapter.read(item, reader: reader, classes: classes, path: object.path, into: &deployment)
        }
        // A `List` applies several objects: each keeps its own name beside the resource's, or a reviewer reads
        // every object's findings as the resource's one object (and cannot tell a second, world-open Service).
        let isList = object.node["items"]?.isSequence == true
        before.rename(in: &deployment) { isList ? "\(address) (\($0))" : address }
        for diagnostic in reader.diagnostics {
            TerraformNotices.report(diagnostic.message, at: object.node.offset, severity: diagnostic.severity, located: diagnostic,
                   into: &deployment)
        }
    }

    /// The entry that cannot be verified for an object not known before apply, of the model part its kind fills (a
    /// Service's or an unknown kind's: its load balancer's allowlist and listeners).
    private func unverifiable(_ object: TerraformEmbeddedObject, kind: String? = nil, reason: String, at origin: Origin,
                              into deployment: inout Deployment) {
        let address = object.resource.address
        let kind = kind ?? object.node["kind"]?.string
        switch kind {
        case "NetworkPolicy":
            var allowlist = Allowlist(kind: .networkPolicy, component: address, origin: origin, internetFacing: false,
                                      hasDescriptionField: false)
            allowlist.entries = [KubernetesAllowlists.unknownEntry(at: origin, reason: reason, ports: .init([]))]
            deployment.allowlists.append(allowlist)
        case "StorageClass", "EC2NodeClass":
            var encryption = Encryption(origin: origin)
            encryption.atRest = Located(.unknown(reason: reason), at: origin)
            deployment.dataStores.append(DataStore(kind: .volume, component: address, origin: origin, encryption: encryption))
        case let kind? where !KubernetesAdapter.judgedKinds.contains(where: { $0.kind == kind }) && !Self.isList(object.node):
            // A kind the rules do not judge (a Deployment, a ConfigMap, a Secret): nothing to verify.
            return
        default:
            let isIngress = kind == "Ingress" || kind == "Mattermost" || kind == "ClusterInstallation"
            deployment.allowlists.append(KubernetesAllowlists.unverifiable(
                isIngress ? .ingressAnnotation : .loadBalancerSourceRanges, component: address, at: origin,
                reason: reason, ports: []))
            var listener = LoadBalancerListener(component: address, origin: origin, sslPolicyOrigin: origin)
            listener.protocolName = Located(.unknown(reason: "whether its load balancer's listeners terminate TLS, and "
                                                     + "with which policy, cannot be told: \(reason)"), at: origin)
            deployment.listeners.append(listener)
        }
    }

    private static func isList(_ node: SourceNode) -> Bool { node["items"]?.isSequence == true }

    /// Whether a Service whose unknown value is neither its type nor its annotations (nor the whole object, its kind,
    /// its `spec` or `metadata`) makes no load balancer: a ClusterIP Service's unknown port decides nothing judged.
    private static func makesNoLoadBalancer(_ object: TerraformEmbeddedObject) -> Bool {
        let field = object.unknownField
        guard object.node["kind"]?.string == "Service",
              !["", "kind", "apiVersion", "spec", "metadata"].contains(field),
              !["spec.type", "metadata.annotations"].contains(where: { field.hasPrefix($0) }) else { return false }
        let reader = KubernetesAdapter.nodeReader(for: SourceFile(path: "", bytes: []))
        let annotations = Annotations(object.node["metadata"]?["annotations"], path: "metadata.annotations", reader: reader)
        return !ServiceReader.makesLoadBalancer(type: object.node["spec"]?["type"]?.string, annotations: annotations)
    }

    /// A kind that differs from one the rules judge only in case or surrounding spaces (`service`, `INGRESS`): the
    /// Kubernetes adapter matches kinds exactly, as the API server does.
    static func oddlySpeltKind(_ node: SourceNode) -> (written: String, meant: String)? {
        guard let written = node["kind"]?.string else { return nil }
        let folded = written.trimmingSpaces.lowercased()
        guard let meant = KubernetesAdapter.judgedKinds.first(where: { $0.kind.lowercased() == folded })?.kind,
              meant != written else { return nil }
        return (written, meant)
    }

    // MARK: - kubectl_manifest

    /// The documents of a `kubectl_manifest`'s YAML body (`yaml_body`, else a plan's `yaml_body_parsed`), each
    /// located at the attribute; none, with a problem, when the body is not YAML.
    private static func documents(of resource: TerraformResource, body: TerraformAttribute, named name: String,
                                  budget: YAMLAliasBudget, problems: inout [Problem]) -> [TerraformEmbeddedObject] {
        let origin = body.fieldOrigin
        if body.isUnknown {
            if let encoded = TerraformEmbeddedObject(encodedBody: body, of: resource) { return [encoded] }
            let unknown = Located("its \(name) is \(body.unknownReason)", at: body.origin)
            return [TerraformEmbeddedObject(resource: resource, node: SourceNode(.null, offset: origin.offset),
                                            path: origin.path, unknown: unknown)]
        }
        guard let node = body.node, let text = node.string else { return [] }
        // The node's offset, which in source carries its `.tf` file's index (an origin's `offset` leaves it out).
        let offset = node.offset
        let documents: [SourceNode]
        do {
            documents = try YAMLReader().read(Array(text.utf8), sharing: budget)
        } catch {
            let place = SourceFile(path: "yaml_body", bytes: Array(text.utf8)).location(ofOffset: error.offset)
            problems.append(("\(resource.address): the Kubernetes object in its \(name) cannot be checked: line \(place.line), "
                             + "column \(place.column) of the text: \(Self.withoutExcerpts(error.message))", offset, .error))
            return []
        }
        let objects = documents.filter { !$0.isNull }
        if objects.count > 1 {
            problems.append(("\(resource.address): its \(name) holds \(objects.count) documents; \(resource.type) applies "
                             + "one (the first, or none, as the provider's version decides), and every one is judged — split "
                             + "them with kubectl_file_documents", offset, .warning))
        }
        return objects.enumerated().map { index, document in
            TerraformEmbeddedObject(resource: resource, node: EmbeddedManifestMapper.relocated(document, to: offset),
                                    path: objects.count > 1 ? "\(origin.path)[\(index)]" : origin.path, unknown: nil)
        }
    }

    /// A parser's message without the text it quotes (`duplicate key '…'`): a body may be a Secret's, whose keys and
    /// values are never repeated. A quoted syntax token (`'-'`, `':'`, `'---'`) is kept: four characters at most.
    /// A quote opens after a space, a bracket or the start (an apostrophe inside a word, `input's`, is none) and
    /// closes before a space, punctuation or the end.
    static func withoutExcerpts(_ message: String) -> String {
        let characters = Array(message)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let opens = character == "'" && (index == 0 || characters[index - 1].isWhitespace || "([{".contains(characters[index - 1]))
            guard opens, let close = (index + 1..<characters.count).first(where: { position in
                characters[position] == "'" && (position + 1 == characters.count || !characters[position + 1].isLetter)
            }) else {
                result.append(character)
                index += 1
                continue
            }
            let quoted = String(characters[index + 1..<close])
            result += quoted.count <= 4 ? "'\(quoted)'" : "'…'"
            index = close + 1
        }
        return result
    }

    /// How many of each model part the deployment held before an object was read, to name what it added.
    private struct Counts {
        let allowlists: Int
        let listeners: Int
        let dataStores: Int
        let regions: Int

        init(_ deployment: Deployment) {
            allowlists = deployment.allowlists.count
            listeners = deployment.listeners.count
            dataStores = deployment.dataStores.count
            regions = deployment.regions.count
        }

        /// Names everything added since by the resource's address: `name` is given the object's own name
        /// (`Service/default/db`) and returns the one to keep.
        func rename(in deployment: inout Deployment, _ name: (String) -> String) {
            for index in deployment.allowlists.indices.dropFirst(allowlists) {
                deployment.allowlists[index].component = name(deployment.allowlists[index].component)
            }
            for index in deployment.listeners.indices.dropFirst(listeners) {
                deployment.listeners[index].component = name(deployment.listeners[index].component)
            }
            for index in deployment.dataStores.indices.dropFirst(dataStores) {
                deployment.dataStores[index].component = name(deployment.dataStores[index].component)
            }
            for index in deployment.regions.indices.dropFirst(regions) {
                deployment.regions[index].component = name(deployment.regions[index].component)
            }
        }
    }
}

extension TerraformKubernetesManifestReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, manifests: reading.manifests) }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
