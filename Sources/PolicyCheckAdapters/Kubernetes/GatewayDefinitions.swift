import PolicyCheckModel
import PolicyCheckSyntax

/// The Gateway API objects of one input that decide what a Gateway's load balancer admits: its `GatewayClass`
/// (`gateway.networking.k8s.io`) and the AWS Load Balancer Controller's `LoadBalancerConfiguration`s
/// (`gateway.k8s.aws`), gathered before any Gateway is read — wherever they are in the file, and, through
/// `IngressClassCatalog`, in the run's other files (a GatewayClass is cluster-scoped, and platforms keep classes and
/// their configurations apart from the applications' Gateways).
struct GatewayDefinitions {
    /// The controller names the AWS Load Balancer Controller serves: "`gateway.k8s.aws/alb`" for L7 (HTTPRoute,
    /// GRPCRoute) and "`gateway.k8s.aws/nlb`" for L4 (TCPRoute, UDPRoute, TLSRoute) Gateways
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/l7gateway/ and
    /// …/l4gateway/; its `FullGatewayControllerSet`).
    static let albController = "gateway.k8s.aws/alb"
    static let nlbController = "gateway.k8s.aws/nlb"
    static let controllers: Set<String> = [albController, nlbController]
    static let group = "gateway.networking.k8s.io"

    /// A `GatewayClass`: its `spec.controllerName` and `spec.parametersRef`.
    struct GatewayClass {
        let controllerName: String?
        var parameters: Reference?
        /// Whether the AWS Load Balancer Controller serves the class's Gateways.
        var isLoadBalancerController: Bool { controllerName.map(GatewayDefinitions.controllers.contains) ?? false }
        /// Whether they are NLBs (`gateway.k8s.aws/nlb`).
        var isNLB: Bool { controllerName == GatewayDefinitions.nlbController }

        var settingsKey: String {
            "\(controllerName ?? "\u{1}")\u{0}\(parameters.map { "\($0.namespace ?? "\u{1}")/\($0.name)" } ?? "\u{1}")"
        }
    }

    /// What a class's `spec.parametersRef` names, and where it is.
    struct Reference {
        /// `namespace`: required by the controller for a class's configuration; a Gateway's is its own namespace.
        var namespace: String?
        var name: String
        var origin: Origin
    }

    /// A `ListenerSet`: the Gateway it asks to attach to and the ports of its listeners, which "attach additional
    /// listeners to an existing Gateway"
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/listenersets/).
    struct ListenerSet {
        let namespace: String
        /// The Gateway's `namespace/name`: `spec.parentRef`, in the set's own namespace unless it names another.
        let parent: String
        let ports: [PortRange]
    }

    private var classes: [String: GatewayClass] = [:]
    private var configurations: [String: LoadBalancerConfiguration] = [:]
    /// The ListenerSets by their own `namespace/name`.
    private var listenerSets: [String: ListenerSet] = [:]

    /// Whether the input defines no class, no configuration and no ListenerSet.
    var isEmpty: Bool { classes.isEmpty && configurations.isEmpty && listenerSets.isEmpty }
    /// The ListenerSets, by their own `namespace/name`.
    var listenerSetsByKey: [String: ListenerSet] { listenerSets }
    /// The input's ListenerSets that ask to attach to the Gateway `parent` (`namespace/name`).
    func listenerSets(attachingTo parent: String) -> [ListenerSet] {
        listenerSets.keys.sorted().compactMap { listenerSets[$0] }.filter { $0.parent == parent }
    }
    var classesByName: [String: GatewayClass] { classes }
    /// The configurations by `namespace/name`.
    var configurationsByKey: [String: LoadBalancerConfiguration] { configurations }
    func gatewayClass(named name: String) -> GatewayClass? { classes[name] }
    func configuration(_ key: String) -> LoadBalancerConfiguration? { configurations[key] }

    /// Records an object when it is a `GatewayClass` or a `LoadBalancerConfiguration`. A later object of the same
    /// identity replaces an earlier one, as `kubectl apply` of the file leaves it.
    mutating func collect(_ node: SourceNode, group: String, kind: String, name: String, reader: NodeReader) {
        switch (group, kind) {
        case (Self.group, "GatewayClass"):
            let spec = node["spec"]
            let reference = spec?["parametersRef"]
            classes[name] = GatewayClass(
                controllerName: spec?["controllerName"]?.string,
                parameters: reference.flatMap { reference in
                    // The controller looks the configuration up by namespace and name whatever `group` and `kind`
                    // say (`ResolveLoadBalancerConfig`): they are not read.
                    reference["name"]?.string.map {
                        Reference(namespace: reference["namespace"]?.string, name: $0,
                                  origin: Origin(offset: reference.offset, path: "spec.parametersRef"))
                    }
                })
        case (Self.group, "ListenerSet"):
            let namespace = node["metadata"]?["namespace"]?.string ?? "default"
            guard let parent = node["spec"]?["parentRef"], parent["kind"]?.string ?? "Gateway" == "Gateway",
                  let gateway = parent["name"]?.string else { return }
            var ports: [PortRange] = []
            node["spec"]?["listeners"]?.forEachItem { _, listener in
                guard let literal = listener["port"]?.numberLiteral, let port = reader.integers.value(of: literal),
                      (1...65535).contains(port) else { return }
                ports.append(PortRange(port, port))
            }
            let parentKey = LoadBalancerConfiguration.key(namespace: parent["namespace"]?.string ?? namespace, name: gateway)
            listenerSets[LoadBalancerConfiguration.key(namespace: namespace, name: name)] =
                ListenerSet(namespace: namespace, parent: parentKey, ports: ports)
        case (LoadBalancerConfiguration.group, LoadBalancerConfiguration.kind):
            let read = LoadBalancerConfiguration(node, name: name, reader: reader)
            configurations[read.key] = read
        default:
            return
        }
    }
}
