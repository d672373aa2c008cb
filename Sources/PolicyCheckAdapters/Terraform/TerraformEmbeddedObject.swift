import PolicyCheckModel
import PolicyCheckSyntax

/// One Kubernetes object a Terraform resource embeds — a `kubernetes_manifest`'s `manifest`, or a document of a
/// `kubectl_manifest`'s `yaml_body` — as the Kubernetes adapter reads it: its known values as a node, where it is
/// (its path in the input), and, when a value that decides what the object does is not known before apply, why.
struct TerraformEmbeddedObject {
    let resource: TerraformResource
    /// The object's known values (an unknown value that decides nothing is left out or, for its name, stood in for).
    let node: SourceNode
    /// The path of the object in the input (`resource_changes[0].change.after.manifest`): its paths start there.
    let path: String
    /// Why the object cannot be judged before apply (the first value that decides what it does and is not known).
    var unknown: Located<String>?
    /// That value's path below the object (`spec.loadBalancerSourceRanges`; empty: the whole object).
    var unknownField = ""
}

extension TerraformEmbeddedObject {
    /// What stands for a name, a generated name or a namespace known only at apply: they name the object, and decide
    /// nothing the rules judge.
    static let unknownName = "(known after apply)"

    /// The object of a `kubernetes_manifest`'s `manifest` (an object in plans, as HCL writes it in source), its
    /// values not known before apply read from the plan's `after_unknown` (or the source reader's mirror).
    init(manifest attribute: TerraformAttribute, of resource: TerraformResource) {
        self.init(node: attribute.node ?? SourceNode(.null, offset: attribute.anchor), mirror: attribute.unknown,
                  path: attribute.path, unknownPath: attribute.unknownPath ?? attribute.path,
                  references: attribute.references, of: resource)
    }

    /// The object a `kubectl_manifest`'s YAML body encodes when the text is not known but its structure is
    /// (`yamlencode` or `jsonencode` of an object with values known only at apply: `TerraformAttribute.encodedDocument`),
    /// judged as a `kubernetes_manifest`'s object.
    init?(encodedBody body: TerraformAttribute, of resource: TerraformResource) {
        guard let document = body.encodedDocument, document.after.entries != nil else { return nil }
        // The mirror written from source has no place of its own: its unknowns are located at the attribute.
        self.init(node: document.after, mirror: document.unknown, path: body.path, unknownPath: body.path,
                  references: body.references, of: resource, unknownOffset: body.node?.offset ?? body.anchor)
    }

    private init(node: SourceNode, mirror: SourceNode?, path: String, unknownPath unknownBase: String,
                 references: [String], of resource: TerraformResource, unknownOffset: Int? = nil) {
        self.resource = resource
        self.path = path
        var unknowns: [(steps: [TerraformStep], mirror: SourceNode)] = []
        self.node = Self.known(node, mirror: mirror, steps: [], unknowns: &unknowns) ?? node
        let kind = self.node["kind"]?.string
        for (steps, mirror) in unknowns {
            switch Self.effect(of: steps, kind: kind) {
            case .standIn, .none: continue
            case .decides:
                let relative = Self.spell(steps)
                let reason = mirror.string.map { "not known here (\($0))" }
                    ?? references.first.map { "known only after apply (it comes from \($0))" }
                    ?? "known only after apply"
                unknownField = relative
                unknown = Located(relative.isEmpty ? "it is \(reason)" : "its \(relative) is \(reason)",
                                  at: Origin(offset: unknownOffset ?? mirror.offset,
                                             path: relative.isEmpty ? unknownBase : "\(unknownBase).\(relative)"))
            }
            break
        }
    }

    /// The known copy of `node`: unchanged when its mirror marks nothing unknown (a plan's usual case, read without a
    /// copy), else rebuilt with each unknown value left out — or, for a name, stood in for — and recorded.
    private static func known(_ node: SourceNode?, mirror: SourceNode?, steps: [TerraformStep],
                              unknowns: inout [(steps: [TerraformStep], mirror: SourceNode)]) -> SourceNode? {
        if let mirror, isUnknownMark(mirror), node == nil || node?.isNull == true {
            unknowns.append((steps, mirror))
            guard case .standIn = effect(of: steps, kind: nil) else { return nil }
            return SourceNode(.string(unknownName), offset: node?.offset ?? mirror.offset)
        }
        guard let node else { return nil }
        guard let mirror, marksAnything(mirror), steps.count < maxDepth else { return node }
        switch node.value {
        case .mapping(let entries):
            var copied: [SourceEntry] = []
            var seen: Set<String> = []
            for entry in entries {
                seen.insert(entry.key)
                if let value = known(entry.value, mirror: mirror[entry.key], steps: steps + [.key(entry.key)], unknowns: &unknowns) {
                    copied.append(SourceEntry(key: entry.key, keyOffset: entry.keyOffset, value: value))
                }
            }
            // A plan leaves an unknown value out of `after`: its mirror alone says it is there.
            for entry in mirror.entries ?? [] where !seen.contains(entry.key) && isUnknownMark(entry.value) {
                if let value = known(nil, mirror: entry.value, steps: steps + [.key(entry.key)], unknowns: &unknowns) {
                    copied.append(SourceEntry(key: entry.key, keyOffset: entry.value.offset, value: value))
                }
            }
            return SourceNode(.mapping(copied), offset: node.offset, tag: node.tag)
        case .sequence(let items):
            let mirrors = mirror.items ?? []
            let copied = items.enumerated().map { index, item in
                known(item, mirror: index < mirrors.count ? mirrors[index] : nil, steps: steps + [.index(index)], unknowns: &unknowns)
                    ?? SourceNode(.null, offset: item.offset)
            }
            return SourceNode(.sequence(copied), offset: node.offset, tag: node.tag)
        default:
            return node
        }
    }

    /// How deep the copy follows a mirror: no object the rules judge is deeper, and a hostile plan may nest far more.
    private static let maxDepth = 64

    /// Whether a mirror marks its value unknown: `true` (a plan), a reason (source), or an encoded document.
    private static func isUnknownMark(_ mirror: SourceNode) -> Bool {
        mirror.bool == true || mirror.string != nil || mirror[TerraformPlanNodes.encodedAfter] != nil
    }

    /// Whether a mirror marks anything inside unknown (a plan writes `{}`, `[]` and `false` for known values).
    private static func marksAnything(_ mirror: SourceNode, depth: Int = 0) -> Bool {
        if isUnknownMark(mirror) { return true }
        guard depth < maxDepth else { return true }
        if let entries = mirror.entries { return entries.contains { marksAnything($0.value, depth: depth + 1) } }
        if let items = mirror.items { return items.contains { marksAnything($0, depth: depth + 1) } }
        return false
    }

    /// What a value not known before apply does to the judgement of an object of `kind`.
    enum Effect {
        /// It names the object: a stand-in is read in its place.
        case standIn
        /// It decides nothing the rules judge (a label, a Service's selector or target port): left out.
        case none
        /// It may decide what the object admits or how it is encrypted: the object cannot be verified.
        case decides
    }

    /// The effect of the unknown value at `steps` (below the object). Only what is known to decide nothing is
    /// passed over: any other value — a field the readers do not read today included — makes the object
    /// cannot-verify, so an unknown value is never read as a pass.
    static func effect(of steps: [TerraformStep], kind: String?) -> Effect {
        let keys = steps.map { step -> String in
            if case .key(let key) = step { return key }
            return "[]"
        }
        switch keys.count {
        case 2 where keys[0] == "metadata" && ["name", "generateName", "namespace"].contains(keys[1]):
            return .standIn
        case 3 where keys[0] == "metadata" && keys[1] == "annotations" && certificateAnnotations.contains(keys[2]):
            // A certificate ARN known at apply (an `aws_acm_certificate`'s, the usual case) is still a certificate, as
            // for `kubernetes_service_v1` and `kubernetes_ingress_v1`: its listeners are TLS, judged by their policy.
            return .standIn
        case 3 where keys[0] == "metadata" && keys[1] == "annotations" && namingAnnotations.contains(keys[2]):
            return .none
        case 3 where keys[0] == "metadata" && keys[1] == "annotations" && !mayDecide(annotation: keys[2]):
            // An annotation no controller or rule reads (`example.com/owner`): its key is known, its value decides
            // nothing, as for `kubernetes_service_v1`.
            return .none
        case 2... where keys[0] == "metadata" && keys[1] != "annotations":
            // Labels, owner references, finalizers, what the API server fills in (`uid`, `resourceVersion`, …).
            return .none
        default:
            break
        }
        guard kind == "Service" || kind == nil, keys.count >= 2, keys[0] == "spec" else { return .decides }
        switch keys[1] {
        case "selector", "clusterIP", "clusterIPs", "sessionAffinity", "sessionAffinityConfig", "publishNotReadyAddresses",
             "externalTrafficPolicy", "internalTrafficPolicy", "healthCheckNodePort", "allocateLoadBalancerNodePorts":
            return kind == nil ? .decides : .none
        case "ports" where keys.count == 4 && ["targetPort", "nodePort", "appProtocol", "name"].contains(keys[3]):
            return kind == nil ? .decides : .none
        default:
            return .decides
        }
    }

    /// Whether an annotation may decide what an object admits or how it is encrypted: one of Kubernetes' own, a
    /// load balancer controller's or an ingress controller's (any key naming `kubernetes.io`, `k8s.aws`,
    /// `amazonaws.com`, `ingress` or `nginx`), or policycheck's. Others (`example.com/owner`, `team`) are read by no
    /// controller the rules model.
    static func mayDecide(annotation key: String) -> Bool {
        let lowered = key.lowercased()
        return ["kubernetes.io", "k8s.aws", "amazonaws.com", "ingress", "nginx", "policycheck", "k8s.io", "elbv2"]
            .contains { lowered.contains($0) }
    }

    /// The annotations that name a load balancer's certificate.
    static let certificateAnnotations: Set<String> = [ServiceListeners.certificate, IngressAllowlists.certificateARN]
    /// Annotations that only name or tag a load balancer (or its DNS record): no rule reads them.
    static let namingAnnotations: Set<String> = [
        "external-dns.alpha.kubernetes.io/hostname", "alb.ingress.kubernetes.io/tags",
        "alb.ingress.kubernetes.io/load-balancer-name", "service.beta.kubernetes.io/aws-load-balancer-name",
        "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags",
    ]

    /// `spec.ports[0].port`, for messages and paths.
    static func spell(_ steps: [TerraformStep]) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
