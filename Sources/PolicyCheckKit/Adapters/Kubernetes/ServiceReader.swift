import PolicyCheckSyntax

/// Reads a `Service` of type LoadBalancer: its source ranges are an allowlist, and without any it admits everyone.
struct ServiceReader {
    let object: KubernetesObject

    static let sourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges"

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec, spec.string("type")?.value == "LoadBalancer" else { return }
        let internetFacing = !isInternal
        let ports = servicePorts(spec)
        var allowlist = Allowlist(kind: .loadBalancerSourceRanges, component: object.resource,
                                  origin: spec.origin(of: "loadBalancerSourceRanges"), internetFacing: internetFacing,
                                  hasDescriptionField: false)
        // The spec field wins over the annotation when both are given (as in Kubernetes).
        let ranges = spec.strings("loadBalancerSourceRanges")
        if !ranges.isEmpty {
            allowlist.entries = ranges.map { KubernetesAllowlists.entry($0, ports: ports) }
        } else if let annotation = object.annotations[Self.sourceRangesAnnotation],
                  case let entries = KubernetesAllowlists.entries(annotation, in: object.reader.source, ports: ports),
                  !entries.isEmpty {
            allowlist.origin = annotation.origin
            allowlist.entries = entries
        } else if internetFacing {
            // No source ranges: the load balancer admits the whole internet.
            let origin = Origin(offset: spec.node["loadBalancerSourceRanges"]?.offset ?? spec.node.offset,
                                path: "spec.loadBalancerSourceRanges")
            allowlist.entries = KubernetesAllowlists.worldOpen(at: origin, ipv6: isDualStack(spec), ports: ports)
        } else {
            return
        }
        deployment.allowlists.append(allowlist)
    }

    /// Whether an annotation makes the load balancer internal (AWS, Azure, GKE).
    private var isInternal: Bool {
        let annotations = object.annotations
        if let flag = annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]?.value,
           !flag.isEmpty, flag.lowercased() != "false" {
            // Older AWS docs used "0.0.0.0/0" as the value; any value but false means internal.
            return true
        }
        if annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]?.value.lowercased() == "internal" { return true }
        if annotations["service.beta.kubernetes.io/azure-load-balancer-internal"]?.value.lowercased() == "true" { return true }
        if annotations["networking.gke.io/load-balancer-type"]?.value.lowercased() == "internal" { return true }
        return false
    }

    /// The ports the load balancer listens on (`spec.ports[].port`).
    private func servicePorts(_ spec: ObjectView) -> [PortRange] {
        var ports: [PortRange] = []
        for (node, path) in spec.list("ports") ?? [] {
            guard let port = spec.reader.object(node, path: path)?.int("port", range: 1...65535) else { continue }
            ports.append(PortRange(port.value, port.value))
        }
        return ports
    }

    private func isDualStack(_ spec: ObjectView) -> Bool {
        spec.strings("ipFamilies").contains { $0.value == "IPv6" }
    }
}
