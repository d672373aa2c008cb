import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a Gateway API `Gateway` (`gateway.networking.k8s.io`) whose class the AWS Load Balancer Controller serves:
/// the ALB or NLB it provisions and what that admits (`GatewayAllowlist`), on the Gateway's listener ports.
///
/// The controller takes a Gateway whose `GatewayClass` has `controllerName` `gateway.k8s.aws/alb` or
/// `gateway.k8s.aws/nlb`, and configures its load balancer with a `LoadBalancerConfiguration` (`gateway.k8s.aws`)
/// "attached to either a `Gateway` or a `GatewayClass`"
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/customization/):
///
/// - the class's `spec.parametersRef`, looked up by its `namespace` and `name` — the controller refuses a class whose
///   reference names no namespace ("Namespace must be specified in ParametersRef"), and one whose configuration is
///   not there;
/// - the Gateway's `spec.infrastructure.parametersRef`, looked up by its `name` in the Gateway's own namespace ("Make
///   sure that the `LoadBalancerConfiguration` is located in the same namespace as the `Gateway`"; a
///   `LocalParametersReference` has no namespace);
/// - both: merged field by field, the class's winning unless its `mergingMode` is `prefer-gateway`
///   (`LoadBalancerConfiguration.merged(withGateway:)`).
///
/// The controller resolves either reference as a `LoadBalancerConfiguration` whatever its `group` and `kind` say
/// (`ResolveLoadBalancerConfig`), so they are not read. Configurations and classes come from the Gateway's file and
/// the run's other files (`IngressClassCatalog`): a Gateway is judged under every definition of its class and of
/// each configuration the run holds, each reading's findings located at the copy it comes from. A configuration
/// the run does not hold cannot be verified. A class the run does not hold is not guessed at: the Gateway is judged
/// by its own configuration when it names one of the controller's (`group: gateway.k8s.aws`), and not otherwise (the
/// controller's default scheme is internal, and another controller's Gateway is no concern of this reader).
struct GatewayReader {
    let object: KubernetesObject
    var classes: IngressClasses

    /// What one reading takes the load balancer's configuration from.
    private enum Reading {
        case configured(LoadBalancerConfiguration)
        case unverifiable(Origin, String)
    }

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec, let className = spec.string("gatewayClassName") else { return }
        let reference = spec.object("infrastructure")?.object("parametersRef")
        let referenceName = reference?.string("name")
        let namesControllersConfiguration = reference?.text("group") == LoadBalancerConfiguration.group
        // At most `readingLimit` of each, and of their combinations, so copies in many files cannot make the run
        // build their product.
        let limit = IngressClasses.readingLimit
        var leftOut = false
        var definitions: [(GatewayDefinitions.GatewayClass, SourceFile?)] = []
        if let own = classes.gateways.gatewayClass(named: className.value) { definitions.append((own, nil)) }
        if let elsewhere = classes.elsewhere {
            for (definition, file) in elsewhere.gatewayClassDefinitions(of: className.value, besides: classes.inputPath) {
                guard definitions.count < limit else { leftOut = true; break }
                definitions.append((definition, file))
            }
        }
        var readings: [(Reading, isNLB: Bool?)] = []
        var gatewayConfigurations: [Reading?]?
        if let referenceName, let reference {
            gatewayConfigurations = configurations(named: referenceName.value, namespace: object.namespace,
                                                   at: reference.origin, leftOut: &leftOut, into: &deployment)
        }
        // A class the run does not hold: the Gateway's own reference to the controller's configuration says whose
        // it is.
        if definitions.isEmpty {
            guard namesControllersConfiguration, let gatewayConfigurations else { return }
            readings = gatewayConfigurations.compactMap { $0.map { ($0, nil) } }
        }
        combining: for (definition, file) in definitions where definition.isLoadBalancerController {
            for classReading in classConfigurations(definition, className: className.value, file: file,
                                                    leftOut: &leftOut, into: &deployment) {
                for gatewayReading in gatewayConfigurations ?? [nil] {
                    guard readings.count < limit else { leftOut = true; break combining }
                    // Neither configures it: the controller's defaults, an internal load balancer.
                    guard let reading = Self.merge(classReading, gatewayReading) else { continue }
                    readings.append((reading, definition.isNLB))
                }
            }
        }
        if leftOut {
            deployment.notices.append(Diagnostic(deployment.source, offset: className.origin.offset,
                "the Gateway's class '\(className.value)' and its LoadBalancerConfigurations are defined more ways in "
                    + "the checked files than the \(limit) readings policycheck judges a Gateway under: it is judged "
                    + "under the first ones; check each cluster's files on their own", severity: .warning))
        }
        guard !readings.isEmpty else { return }
        // Read only for a load balancer of the controller's: another controller's Gateway is not this reader's.
        let ports = listenerPorts(spec)
        for (reading, isNLB) in readings {
            let builder = GatewayAllowlist(component: object.resource, ports: ports, isNLB: isNLB)
            switch reading {
            case .configured(let configuration):
                if let allowlist = builder.allowlist(under: configuration) { deployment.allowlists.append(allowlist) }
            case .unverifiable(let origin, let reason):
                deployment.allowlists.append(builder.unverifiable(at: origin, reason))
            }
        }
    }

    /// One reading from the class's and the Gateway's: a configuration that cannot be read makes the whole reading
    /// unverifiable.
    private static func merge(_ classReading: Reading?, _ gatewayReading: Reading?) -> Reading? {
        switch (classReading, gatewayReading) {
        case (.unverifiable(let origin, let reason)?, _), (_, .unverifiable(let origin, let reason)?):
            return .unverifiable(origin, reason)
        case (.configured(let ofClass)?, .configured(let ofGateway)?):
            return .configured(ofClass.merged(withGateway: ofGateway))
        case (.configured(let only)?, nil), (nil, .configured(let only)?):
            return .configured(only)
        case (nil, nil):
            return nil
        }
    }

    /// The readings a class's `parametersRef` gives: none (`nil`) without one; each definition of the configuration
    /// it names; or one that cannot be verified.
    private func classConfigurations(_ definition: GatewayDefinitions.GatewayClass, className: String, file: SourceFile?,
                                     leftOut: inout Bool, into deployment: inout Deployment) -> [Reading?] {
        guard var reference = definition.parameters else { return [nil] }
        if let file { reference.origin = reference.origin.inFile(deployment.addSourceFile(file)) }
        guard let namespace = reference.namespace else {
            return [.unverifiable(reference.origin, "the GatewayClass '\(className)' names the LoadBalancerConfiguration "
                + "'\(reference.name)' without a namespace, which the controller refuses ('Namespace must be specified in "
                + "ParametersRef'): what its Gateways' load balancers admit cannot be told")]
        }
        return configurations(named: reference.name, namespace: namespace, at: reference.origin, leftOut: &leftOut,
                              into: &deployment)
    }

    /// Every definition of the configuration `namespace/name` in the run (this input's first; at most
    /// `readingLimit`, else `leftOut`), or one reading that cannot be verified, at `origin`, when the run holds none.
    private func configurations(named name: String, namespace: String, at origin: Origin, leftOut: inout Bool,
                                into deployment: inout Deployment) -> [Reading] {
        let key = LoadBalancerConfiguration.key(namespace: namespace, name: name)
        var found: [Reading] = classes.gateways.configuration(key).map { [.configured($0)] } ?? []
        if let elsewhere = classes.elsewhere {
            for (read, file) in elsewhere.configurationDefinitions(of: key, besides: classes.inputPath) {
                guard found.count < IngressClasses.readingLimit else { leftOut = true; break }
                found.append(.configured(read.inFile(deployment.addSourceFile(file))))
            }
        }
        guard found.isEmpty else { return found }
        return [.unverifiable(origin, "the LoadBalancerConfiguration '\(key)' is named here but no checked file holds it "
            + "(the controller looks it up in that namespace only), and it may make the load balancer internet-facing "
            + "and set what it admits")]
    }

    /// `spec.listeners[].port`, and the ports of the ListenerSets the Gateway accepts: the ports the load balancer
    /// listens on, each opened to its allowlist.
    ///
    /// A ListenerSet in the run that names the Gateway as its `parentRef` adds its listeners when the Gateway's
    /// `spec.allowedListeners.namespaces.from` admits its namespace: `None` (the default: "By default, Gateways do not
    /// accept ListenerSets"), `Same`, `All`, or `Selector` — whose namespace labels the manifests do not show, so every
    /// such set counts (the controller's `listenerSetGatewayHandshake`).
    private func listenerPorts(_ spec: ObjectView) -> [PortRange] {
        var ports: [PortRange] = []
        spec.forEachItem("listeners") { node, path in
            guard let listener = object.reader.object(node, path: path),
                  let port = listener.int("port", required: true, range: 1...65535) else { return }
            let range = PortRange(port.value, port.value)
            if !ports.contains(range) { ports.append(range) }
        }
        let from = spec.object("allowedListeners")?.object("namespaces")?.text("from") ?? "None"
        guard from != "None" else { return ports }
        let parent = LoadBalancerConfiguration.key(namespace: object.namespace, name: object.name)
        let sets = classes.gateways.listenerSets(attachingTo: parent)
            + (classes.elsewhere?.listenerSets(attachingTo: parent, besides: classes.inputPath) ?? [])
        for set in sets where from != "Same" || set.namespace == object.namespace {
            for range in set.ports where !ports.contains(range) { ports.append(range) }
        }
        return ports
    }
}
