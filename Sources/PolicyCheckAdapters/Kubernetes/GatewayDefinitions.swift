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

    private var classes: [String: GatewayClass] = [:]
    private var configurations: [String: LoadBalancerConfiguration] = [:]

    /// Whether the input defines no class and no configuration.
    var isEmpty: Bool { classes.isEmpty && configurations.isEmpty }
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
        case (LoadBalancerConfiguration.group, LoadBalancerConfiguration.kind):
            let read = LoadBalancerConfiguration(node, name: name, reader: reader)
            configurations[read.key] = read
        default:
            return
        }
    }
}
