import PolicyCheckModel
import PolicyCheckSyntax

/// Reads Kubernetes manifests (multi-document YAML or JSON, `kind: List`) into one `Deployment` per file.
///
/// Every Kubernetes object is read; the ones that carry allowlists or residency facts fill the model: `Service` of
/// type LoadBalancer, `Ingress`, a Gateway API `Gateway`, `NetworkPolicy`, and the Mattermost operator's `Mattermost` and
/// `ClusterInstallation`.
/// Resources are named `Kind/namespace/name`. `docs/kubernetes.md` documents the mapping.
public struct KubernetesAdapter: InputAdapter {
    public static let format = InputFormat.kubernetes

    public init() {}

    /// A mapping with a Kubernetes `apiVersion` (`v1`, `networking.k8s.io/v1`, …), a `kind`, and `metadata` (or
    /// an `items` sequence, for lists of any kind: see `forEachObject`). policycheck's own documents (`policycheck/…`) are not Kubernetes objects. Any kind that is
    /// not empty: Kubernetes does not require a capital (Zalando's postgres-operator defines `kind: postgresql`), and
    /// what tells other formats apart is the group version and `metadata`, not the kind's first letter.
    public static func recognises(_ document: SourceNode) -> Bool {
        guard let version = document["apiVersion"]?.string, APIVersion.isKubernetes(version),
              let kind = document["kind"]?.string, !kind.isEmpty else { return false }
        if document["metadata"]?.entries != nil { return true }
        return document["items"]?.isSequence == true
    }

    /// One deployment for the whole file (its Kubernetes objects together); none when it holds no object.
    public func deployments(from documents: [SourceNode], source: SourceFile,
                            options: AdapterOptions) throws(Diagnostics) -> [Deployment] {
        let roots = documents.filter(Self.recognises)
        guard let first = roots.first else { return [] }
        let reader = Self.nodeReader(for: source)
        var deployment = Deployment(name: source.path, source: source, format: .kubernetes,
                                    origin: Origin(offset: first.offset, path: ""))
        deployment.qualifiesResourceNames = false
        if let offering = options.offering {
            deployment.offering = Located(offering, at: deployment.origin)
        }
        // An Ingress's class and its parameters (a Gateway's class and configurations) may come after it in the
        // file: gather them first.
        var classes = IngressClasses(objectsIn: roots, reader: reader)
        classes.elsewhere = options.ingressClasses
        classes.inputPath = source.path
        var objectCount = 0
        var firstObject: SourceNode?
        // Annotation ignores by the identity they cover (`Kind/namespace/name`), in first-seen order.
        var annotationIgnores: [String: [InlineIgnore]] = [:]
        var identities: [String] = []
        for root in roots {
            Self.reportKindlessItems(of: root, reader: reader)
            Self.forEachObject(in: root) { object in
                if objectCount == 0 { firstObject = object }
                objectCount += 1
                let before = deployment.allowlists.count
                Self.read(object, reader: reader, classes: classes, into: &deployment)
                Self.fillRawNodes(object, since: before, in: &deployment)
                guard options.readsInlineIgnores, let (identity, ignores) = readInlineIgnores(object, reader: reader) else { return }
                // kubectl applies a later object of the same identity over an earlier one, and its annotations
                // replace the earlier's: only the last object's annotation is in force. An earlier harmless object
                // carrying `policycheck.io/ignore` used to silence the findings of the world-open one after it
                // (docs/security.md, row 45).
                if let earlier = annotationIgnores.updateValue(ignores, forKey: identity) {
                    if let replaced = earlier.first {
                        deployment.notices.append(Diagnostic(deployment.source, offset: replaced.origin.offset,
                            "'\(replaced.origin.path)' is not honoured: a later object named \(identity) replaces this one when kubectl applies the file, and its annotations with it",
                            severity: .warning))
                    }
                } else {
                    identities.append(identity)
                }
            }
        }
        for identity in identities { deployment.inlineIgnores += annotationIgnores[identity] ?? [] }
        // The file is the deployment: its raw document is the object only when there is exactly one.
        if objectCount == 1 { deployment.rawNode = firstObject }
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics) }
        return [deployment]
    }

    /// Items of a typed list (`kind: IngressList`) that state neither `kind` nor `apiVersion`: apimachinery gives them
    /// the list's (`UnstructuredList` decoding: "Set the item's Kind and APIVersion to those inferred from the List",
    /// the kind without its `List` suffix), so kubectl applies them — as the API server writes its own lists. They are
    /// not read: an error at each, so an object so written cannot pass unseen.
    static func reportKindlessItems(of list: SourceNode, reader: NodeReader) {
        guard let kind = list["kind"]?.string, kind.hasSuffix("List"), kind != "List",
              let items = list["items"], items.isSequence else { return }
        items.forEachItem { _, item in
            guard item.entries != nil, item["kind"] == nil, item["apiVersion"] == nil else { return }
            reader.error(at: item.offset, "this item of a \(kind) states no kind or apiVersion, so kubectl applies it as "
                + "the list's \(kind.dropLast(4)); policycheck does not read such items: write 'kind' and 'apiVersion' on it")
        }
    }

    /// A reader of Kubernetes objects as kubectl decodes them.
    static func nodeReader(for source: SourceFile) -> NodeReader {
        let reader = NodeReader(source: source)
        // Kubernetes paths are relative to their object: a list of many objects spells the same few again and again.
        reader.internsPaths = true
        // Integers as kubectl's go-yaml reads them: `port: 026` deploys port 22.
        reader.integers = .goYAML
        // Booleans as kubectl's go-yaml v2 reads them: `enabled: on` is `true`.
        reader.booleans = .yaml11
        return reader
    }

    /// Calls `body` with each object of a document, in document order: the document itself, or the items of a
    /// list (and of lists within it). The items are visited where they are, not gathered into arrays first
    /// (a 100,000-item list's arrays were 4 MB each, three of them at once).
    ///
    /// A list is any object whose `items` is a sequence, whatever its kind: apimachinery's unstructured JSON scheme
    /// (`unstructuredJSONScheme.decode`, which kubectl's resource builder uses for `apply -f`) decodes an object
    /// with an `items` field as an `UnstructuredList` (it looks for the field, not at the kind), and the builder
    /// applies the items — `kind: ConfigMap` with a Service in `items` deploys the Service, not a ConfigMap.
    static func forEachObject(in document: SourceNode, _ body: (SourceNode) -> Void) {
        guard let items = document["items"], items.isSequence else {
            body(document)
            return
        }
        items.forEachItem { _, item in
            if recognises(item) { forEachObject(in: item, body) }
        }
    }

    /// Gives the allowlists read from an object (and their entries) the whole object as their raw node, so custom
    /// rules' `raw.metadata.labels.team` reaches it; paths are relative to the object, as all Kubernetes paths are.
    static func fillRawNodes(_ object: SourceNode, since before: Int, in deployment: inout Deployment) {
        guard deployment.allowlists.count > before else { return }
        // One place for the object, shared by its lists and their entries.
        let place = RawPlace(node: object, path: "")
        for index in deployment.allowlists.indices.dropFirst(before) {
            deployment.allowlists[index].rawPlace = place
            for entry in deployment.allowlists[index].entries.indices {
                deployment.allowlists[index].entries[entry].setRawPlace(place)
            }
        }
    }

    /// The `policycheck.io/ignore` annotation of any object (not only the kinds read): it covers the findings named
    /// `Kind/namespace/name`. Other annotation problems are reported by the readers of the kinds that use them.
    /// Returns the object's identity and the ignores its annotation holds (none without one); `nil` for an object
    /// without a kind or name.
    private func readInlineIgnores(_ node: SourceNode, reader: NodeReader) -> (String, [InlineIgnore])? {
        let metadata = node["metadata"]
        guard let kind = node["kind"]?.string,
              let name = metadata?["name"]?.string ?? metadata?["generateName"]?.string else { return nil }
        let namespace = metadata?["namespace"]?.string ?? "default"
        let identity = "\(kind)/\(namespace)/\(name)"
        guard let annotations = metadata?["annotations"], annotations.entries != nil,
              let value = annotations[InlineIgnoreParser.annotation] else { return (identity, []) }
        let path = Annotations.path("metadata.annotations", InlineIgnoreParser.annotation)
        let text: String
        switch value.value {
        case .string(let string): text = string
        case .null: return (identity, [])
        case .bool, .number, .sequence, .mapping:
            // kubectl refuses an annotation that is not a string. The readers of Services, Ingresses, … report it
            // already: say it once.
            let location = reader.source.location(ofOffset: value.offset)
            if !reader.diagnostics.contains(where: { $0.location == location }) {
                reader.error(at: value.offset, "'\(path)' must be a string such as 'RULE-ID reason', found \(value.kindDescription)")
            }
            return (identity, [])
        }
        let located = Located(text, at: Origin(offset: value.offset, path: path))
        switch InlineIgnoreParser.kubernetesAnnotation(located, component: identity) {
        case .success(let ignores): return (identity, ignores)
        case .failure(let problem):
            reader.error(at: value.offset, "'\(path)' \(problem.message)")
            return (identity, [])
        }
    }

    /// Reads one object into the model (also for objects embedded elsewhere: CDK's EKS manifests, Terraform's
    /// `kubernetes_manifest` and `kubectl_manifest`, whose objects' paths start at `path`).
    static func read(_ node: SourceNode, reader: NodeReader, classes: IngressClasses = .none, path: String = "",
                     into deployment: inout Deployment) {
        guard let apiVersion = node["apiVersion"]?.string, let kind = node["kind"]?.string else { return }
        let group = APIVersion.group(of: apiVersion)
        switch (group, kind) {
        case ("", "Service"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            ServiceReader(object: object).read(into: &deployment)
        case ("networking.k8s.io", "Ingress"), ("extensions", "Ingress"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            IngressReader(object: object, classes: classes).read(into: &deployment)
        case ("networking.k8s.io", "NetworkPolicy"), ("extensions", "NetworkPolicy"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            NetworkPolicyReader(object: object).read(into: &deployment)
        case (NodeClassVolumesReader.group, "EC2NodeClass"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            NodeClassVolumesReader(object: object).read(into: &deployment)
        case ("storage.k8s.io", "StorageClass"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            StorageClassReader(object: object).read(into: &deployment)
        case ("installation.mattermost.com", "Mattermost"), ("mattermost.com", "ClusterInstallation"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            MattermostReader(object: object, classes: classes).read(into: &deployment)
        case (EksctlClusterReader.apiGroup, "ClusterConfig"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            EksctlClusterReader(object: object).read(into: &deployment)
        case (GatewayDefinitions.group, "Gateway"):
            guard let object = KubernetesObject(node, reader: reader, path: path) else { return }
            GatewayReader(object: object, classes: classes).read(into: &deployment)
        default:
            // An Argo CD Application or a Flux HelmRelease deploys objects this run does not have: said, not passed.
            if GitOpsSources.deploysElsewhere(group: group, kind: kind) {
                GitOpsSources.read(node, kind: kind, path: path, source: reader.source, into: &deployment)
            }
            // Other objects (Deployments, ConfigMaps, Secrets, …) carry nothing the rules judge.
        }
    }

    /// The kinds `read(_:reader:classes:path:into:)` judges, by API group: what an embedded object that is not fully
    /// known may be, and what an oddly spelt kind may have meant.
    static let judgedKinds: [(group: String, kind: String)] = [
        ("", "Service"), ("networking.k8s.io", "Ingress"), ("extensions", "Ingress"),
        ("networking.k8s.io", "NetworkPolicy"), ("extensions", "NetworkPolicy"), (NodeClassVolumesReader.group, "EC2NodeClass"),
        ("storage.k8s.io", "StorageClass"), ("installation.mattermost.com", "Mattermost"),
        ("mattermost.com", "ClusterInstallation"),
    ]
}
