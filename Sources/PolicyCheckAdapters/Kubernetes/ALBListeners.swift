import PolicyCheckModel
import PolicyCheckSyntax

/// The listeners the AWS Load Balancer Controller gives the ALB of an Ingress (or of the Mattermost operator's ALB
/// Ingress), in the model the CloudFormation and Terraform listeners use, so `encryption.tls-listener` judges them.
///
/// As the controller's Ingress annotations reference states
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/, and its
/// `computeIngressListenPorts`, `buildSSLRedirectConfig` and `computeIngressExplicitSSLPolicy`):
/// - `listen-ports` is a JSON list of `{"HTTP": port}` / `{"HTTPS": port}` objects; it "defaults to
///   '[{"HTTP": 80}]' or '[{"HTTPS": 443}]' depending on whether `certificate-arn` is specified". Other text is a
///   controller error (the ALB is not reconciled): the listener's protocol cannot be verified.
/// - `ssl-redirect: '443'`: "every HTTP listener will be configured with a default action which redirects to HTTPS,
///   other rules will be ignored" — only when the port is an HTTPS listen port (else the controller refuses it).
///   Without it an HTTP listener does what the Ingress's default backend and rules do (`IngressRoutes`): forward,
///   or what an `actions.<name>` annotation says (a redirect to HTTPS, a fixed response).
/// - `ssl-policy` sets an HTTPS listener's security policy; its default is ELBSecurityPolicy-2016-08 (the
///   controller's `--default-ssl-policy`), the same default AWS applies to a listener created without one, so a
///   missing annotation is judged as a missing `SslPolicy` is in CloudFormation.
struct ALBListeners {
    let annotations: Annotations
    let component: String
    /// Where a listener that no annotation states belongs (the Ingress's class, or the operator's setting).
    let anchor: Origin
    /// Whether a certificate is given other than by `certificate-arn` (the operator's `certificateARN`).
    var certificate = false
    /// Why the Ingress's `IngressClassParams` cannot be read (`IngressClasses`): their `sslRedirectPort`, `sslPolicy`
    /// and `certificateArn` would win over the annotations, so what they decide cannot be verified.
    var unknownParameters: String?
    /// What the Ingress routes where (`IngressRoutes`); `nil`: every request is forwarded (the operator's ALB, an
    /// Ingress with neither rules nor a default backend).
    var routes: IngressRoutes?
    /// Listener annotations whose value is not known (a Terraform value known only at apply): why, at the value
    /// (`IngressDefinition.unknownAnnotations`).
    var unknownAnnotations: [String: Located<String>] = [:]

    static let listenPorts = "alb.ingress.kubernetes.io/listen-ports"
    static let sslRedirect = "alb.ingress.kubernetes.io/ssl-redirect"
    static let sslPolicy = "alb.ingress.kubernetes.io/ssl-policy"

    func read(into deployment: inout Deployment) {
        let ports: [(port: Int, https: Bool, origin: Origin)]
        if let unknown = unknownAnnotations[Self.listenPorts] {
            // Which ports listen, and with which protocol, is not known: one listener stands for them.
            var listener = LoadBalancerListener(component: component, origin: unknown.origin, sslPolicyOrigin: unknown.origin)
            listener.protocolName = Located(.unknown(reason: "'\(Self.listenPorts)' is not known: \(unknown.value)"),
                                            at: unknown.origin)
            deployment.listeners.append(listener)
            return
        }
        switch parsedPorts() {
        case .failure(let failure):
            let value = annotations[Self.listenPorts]
            let origin = value?.origin ?? path(Self.listenPorts)
            var listener = LoadBalancerListener(component: component, origin: origin, sslPolicyOrigin: origin)
            listener.protocolName = Located(.unknown(reason: failure.reason), at: origin)
            deployment.listeners.append(listener)
            return
        case .success(let parsed):
            ports = parsed
        }
        let redirect = redirectPort(https: Set(ports.filter(\.https).map(\.port)))
        for entry in ports {
            var listener = LoadBalancerListener(component: component, origin: entry.origin,
                                                sslPolicyOrigin: path(Self.sslPolicy, at: entry.origin))
            listener.protocolName = Located(.known(entry.https ? "HTTPS" : "HTTP"), at: entry.origin)
            if let unknownParameters {
                // The default port's protocol depends on the parameters' certificates, unless the annotation names one.
                if annotations[Self.listenPorts] == nil, !IngressAllowlists.namesCertificate(annotations) {
                    listener.protocolName = Located(.unknown(reason: unknownParameters), at: entry.origin)
                }
                listener.sslPolicy = Located(.unknown(reason: unknownParameters), at: entry.origin)
                listener.defaultActions = [ListenerAction(type: Located(.unknown(reason: unknownParameters), at: entry.origin),
                                                          origin: entry.origin)]
                deployment.listeners.append(listener)
                continue
            }
            if entry.https, let unknown = unknownAnnotations[Self.sslPolicy] {
                listener.sslPolicy = Located(.unknown(reason: "'\(Self.sslPolicy)' is not known: \(unknown.value)"),
                                             at: unknown.origin)
            } else if entry.https, let policy = annotations[Self.sslPolicy], !policy.value.isEmpty {
                listener.sslPolicy = Located(.known(policy.value), at: policy.origin)
            }
            if !entry.https {
                listener.defaultActions = [redirect.map { redirect in
                    ListenerAction(type: Located(.known("redirect"), at: redirect.origin),
                                   redirectProtocol: Located(.known("HTTPS"), at: redirect.origin), origin: redirect.origin)
                } ?? ListenerAction(type: Located(.known("forward"), at: entry.origin), origin: entry.origin)]
                if let unknown = unknownAnnotations[Self.sslRedirect] {
                    // Whether every request is redirected to HTTPS is not known.
                    let reason = "'\(Self.sslRedirect)' is not known: \(unknown.value)"
                    listener.defaultActions = [ListenerAction(type: Located(.unknown(reason: reason), at: unknown.origin),
                                                              origin: unknown.origin)]
                } else if redirect == nil, let routes {
                    // The Ingress's rules are the listener's, evaluated before its default action: what any of them
                    // does with plain HTTP the listener does, so they are judged with the default, at the worst
                    // (`ListenerRouting`). A listener's rules are one list here; the Ingress shares one component.
                    listener.defaultActions = [routes.defaultAction] + routes.ruleActions
                }
            }
            deployment.listeners.append(listener)
        }
    }

    /// The listen ports with their protocols, in the annotation's order (a port given twice keeps its last protocol,
    /// as the controller's map does); the default when the annotation is absent; a reason when the controller
    /// refuses the text.
    func parsedPorts() -> Result<[(port: Int, https: Bool, origin: Origin)], ReadFailure> {
        guard let value = annotations[Self.listenPorts] else {
            let https = certificate || IngressAllowlists.namesCertificate(annotations)
            return .success([(https ? 443 : 80, https, path(Self.listenPorts))])
        }
        guard let ports = Self.ports(in: value.value) else {
            return .failure(ReadFailure("'\(Self.listenPorts)' is not a JSON list of {\"HTTP\": port} or {\"HTTPS\": port} "
                                        + "objects, which the controller refuses, so it creates no listener from it"))
        }
        return .success(ports.map { ($0.port, $0.https, value.origin) })
    }

    /// The ports a `listen-ports` text names, as the controller decodes it (a port given twice keeps its last
    /// protocol); `nil` when it refuses the text.
    static func ports(in text: String) -> [(port: Int, https: Bool)]? {
        guard let node = try? JSONReader.parse(Array(text.utf8)), let items = node.items, !items.isEmpty else { return nil }
        var ports: [(port: Int, https: Bool)] = []
        for item in items {
            guard let entries = item.entries else { return nil }
            for entry in entries {
                guard case .number(let digits) = entry.value.value, let port = Int(digits), (1...65535).contains(port),
                      entry.key == "HTTP" || entry.key == "HTTPS" else { return nil }
                ports.removeAll { $0.port == port }
                ports.append((port, entry.key == "HTTPS"))
            }
        }
        return ports
    }

    /// `ssl-redirect`, when it names one of the HTTPS listen ports (as an int32, as the controller parses it).
    private func redirectPort(https: Set<Int>) -> Located<Int>? {
        guard let value = annotations[Self.sslRedirect], let port = Int32(value.value), https.contains(Int(port)) else {
            return nil
        }
        return Located(Int(port), at: value.origin)
    }

    /// Where an annotation that is not written belongs: its path, at the anchor (or where the given origin is).
    private func path(_ key: String, at place: Origin? = nil) -> Origin {
        var origin = place ?? anchor
        origin.path = Annotations.path(annotations.path, key)
        return origin
    }

    /// Why the listeners cannot be read.
    struct ReadFailure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
