import PolicyCheckModel
import PolicyCheckSyntax

/// Reads an `Ingress`: ingress-nginx source-range annotations and, for the AWS Load Balancer Controller, the ALB's
/// scheme and `inbound-cidrs`, and its listeners (`ALBListeners`) — with what its class's `IngressClassParams` set
/// in their place (`IngressClasses`). The Ingress is a manifest's object or a Terraform resource (`IngressDefinition`).
struct IngressReader {
    let ingress: IngressDefinition
    let source: SourceFile
    var classes = IngressClasses.none

    /// Annotations whose value decides what the ALB admits (besides its scheme, listen ports and certificate), in
    /// the order a reason names the first.
    static let allowlistAnnotations = [
        IngressAllowlists.inboundCIDRs, IngressAllowlists.securityGroups, IngressAllowlists.prefixLists,
        IngressAllowlists.ipAddressType,
    ]

    init(object: KubernetesObject, classes: IngressClasses = .none) {
        self.init(ingress: IngressDefinition(object), source: object.reader.source, classes: classes)
    }

    init(ingress: IngressDefinition, source: SourceFile, classes: IngressClasses = .none) {
        self.ingress = ingress
        self.source = source
        self.classes = classes
    }

    func read(into deployment: inout Deployment) {
        let unknown = ingress.unknownAnnotations
        let nginx = IngressAllowlists(annotations: ingress.annotations, source: source, component: ingress.component)
        if let allowlist = nginx.nginx(unknown: unknown) { deployment.allowlists.append(allowlist) }
        if let allowlist = GKEIngress.allowlist(ingress) { deployment.allowlists.append(allowlist) }
        // Under each definition of its class the run holds (one, mostly): the same findings twice are one.
        let legacyClass = ingress.annotations["kubernetes.io/ingress.class"] != nil
        // The legacy annotation wins over `ingressClassName` (Kubernetes accepts both when they are equal): the AWS
        // Load Balancer Controller "takes higher priority than ingressClassName" and then loads no IngressClass and
        // no IngressClassParams (`classifyIngress` returns an empty class configuration), so the Ingress's own
        // annotations decide. Before, the class's parameters (`scheme: internal`) were credited to an Ingress whose
        // ALB is internet-facing.
        for settings in classes.readings(className: legacyClass ? nil : ingress.className, legacyClass: legacyClass,
                                         at: ingress.classOrigin, into: &deployment) {
            if case .none = settings, !isALB { continue }
            readALB(settings, unknown: unknown, into: &deployment)
        }
    }

    /// The ALB's allowlist and listeners under one reading of the Ingress's class.
    private func readALB(_ settings: IngressClasses.Settings, unknown: [String: Located<String>],
                         into deployment: inout Deployment) {
        var allowlists = IngressAllowlists(annotations: ingress.annotations, source: source, component: ingress.component)
        var internetFacing = allowlists.albSchemeInternetFacing
        var listenerAnnotations = ingress.annotations
        // A certificate ARN known only at apply is still a certificate.
        var certificate = unknown[IngressAllowlists.certificateARN] != nil
        var unknownParameters: String?
        // The class's parameters win over the listener annotations they set, known or not.
        var listenerUnknown = unknown
        switch settings {
        case .none, .alb:
            break
        case .parameters(let parameters) where parameters.undocumented != nil:
            let field = parameters.undocumented!
            let reason = "the EKS Auto Mode IngressClassParams '\(parameters.name)' sets '\(field.value)', which AWS's "
                + "documentation of Auto Mode's IngressClassParams does not describe, so what it does to the ALB "
                + "cannot be told from the manifest"
            allowlists.unknownSettings = Located(reason, at: field.origin)
            unknownParameters = reason
        case .parameters(let parameters):
            if let scheme = parameters.scheme { internetFacing = Located(scheme.value == "internet-facing", at: scheme.origin) }
            if !parameters.inboundCIDRs.isEmpty {
                allowlists.classInboundCIDRs = (parameters.inboundCIDRs, parameters.inboundOrigin)
            }
            if !parameters.prefixLists.isEmpty {
                allowlists.classPrefixLists = (parameters.prefixLists, parameters.name)
            }
            allowlists.classIPAddressType = parameters.ipAddressType
            if let policy = parameters.sslPolicy {
                listenerAnnotations = listenerAnnotations.withOverride(ALBListeners.sslPolicy, policy)
                listenerUnknown[ALBListeners.sslPolicy] = nil
            }
            if let port = parameters.sslRedirectPort {
                listenerAnnotations = listenerAnnotations.withOverride(ALBListeners.sslRedirect, port)
                listenerUnknown[ALBListeners.sslRedirect] = nil
            }
            certificate = certificate || parameters.certificate
            if parameters.autoMode, internetFacing == nil {
                // AWS's Auto Mode pages state no default scheme (its example sets `internet-facing` to make the ALB
                // public): an Ingress that names none cannot be verified.
                allowlists.unknownScheme = Located(
                    "neither the Ingress nor its EKS Auto Mode IngressClassParams set a scheme, and AWS's documentation "
                        + "of Auto Mode does not state its default", at: ingress.classOrigin)
            }
        case .missing(let name, let className, let origin, let unknown):
            let reason = unknown.map { "the IngressClass '\(className)' gives its Ingresses the settings of the IngressClassParams "
                + "'\(name)', which cannot be judged before apply (\($0)), and they win over the Ingress's annotations" }
                ?? ("the IngressClass '\(className)' gives its Ingresses the settings of the IngressClassParams "
                    + "'\(name)', which no checked file holds, and they win over the Ingress's annotations")
            allowlists.unknownSettings = Located(reason, at: origin)
            unknownParameters = reason
        }
        if !classSetsScheme(settings), internetFacing?.value != true, allowlists.unknownScheme == nil {
            joinGroup(&internetFacing, &allowlists)
        }
        // What the input does not know is not guessed: the controller, or an annotation that decides what the ALB
        // admits, not known makes the allowlist cannot-verify; an unknown scheme is judged as Auto Mode's is.
        if let controllerUnknown = ingress.controllerUnknown {
            allowlists.unknownSettings = allowlists.unknownSettings ?? controllerUnknown
            unknownParameters = unknownParameters ?? controllerUnknown.value
        } else if allowlists.unknownSettings == nil,
                  let key = Self.allowlistAnnotations.first(where: { unknown[$0] != nil }), let value = unknown[key] {
            allowlists.unknownSettings = Located("the annotation '\(key)' is not known: \(value.value)", at: value.origin)
        }
        if internetFacing == nil, allowlists.unknownScheme == nil, let scheme = unknown[IngressAllowlists.scheme] {
            allowlists.unknownScheme = Located("the annotation '\(IngressAllowlists.scheme)' is not known: \(scheme.value)",
                                               at: scheme.origin)
        }
        allowlists.listenPortsUnknown = unknown[ALBListeners.listenPorts] != nil
        if let allowlist = allowlists.alb(internetFacing: internetFacing, certificate: certificate, into: &deployment) {
            deployment.allowlists.append(allowlist)
        }
        ALBListeners(annotations: listenerAnnotations, component: ingress.component, anchor: ingress.classOrigin,
                     certificate: certificate, unknownParameters: unknownParameters, routes: IngressRoutes(ingress),
                     unknownAnnotations: listenerUnknown)
            .read(into: &deployment)
    }

    /// Whether the reading's `IngressClassParams` set the scheme, which then wins over every member's annotation.
    private func classSetsScheme(_ settings: IngressClasses.Settings) -> Bool {
        if case .parameters(let parameters) = settings { return parameters.scheme != nil }
        return false
    }

    /// An ALB another member of the Ingress's IngressGroup annotates `internet-facing` is internet-facing for this
    /// Ingress too (`IngressGroupSettings`), located at its `group.name`: its ports without CIDRs of its own or
    /// another member's are open to every address (and to `::/0` when a member asks for a dual-stack ALB). A group
    /// whose ALB takes the security groups a member names admits what they admit: not verifiable here.
    private func joinGroup(_ internetFacing: inout Located<Bool>?, _ allowlists: inout IngressAllowlists) {
        guard let name = ingress.annotations[IngressGroupSettings.nameAnnotation], !name.value.isBlank,
              let group = classes.group(named: name.value), let member = group.internetFacing else { return }
        internetFacing = Located(true, at: name.origin)
        if let named = group.securityGroups {
            allowlists.unknownSettings = allowlists.unknownSettings ?? Located(
                "the IngressGroup '\(name.value)' is internet-facing (\(member)) and its ALB admits what the security "
                    + "groups \(named) names admit, which the manifest does not show", at: name.origin)
            return
        }
        allowlists.groupCoverage = (group, ingress.component)
        allowlists.groupDualStack = group.dualStack != nil
    }

    /// Whether the AWS Load Balancer Controller serves the ingress (class `alb`, or any `alb.ingress…` annotation),
    /// or may (which controller does is not known).
    private var isALB: Bool {
        if ingress.controllerUnknown != nil || ingress.className == "alb" { return true }
        if ingress.annotations["kubernetes.io/ingress.class"]?.value == "alb" { return true }
        return ingress.annotations.contains(prefix: "alb.ingress.kubernetes.io/")
            || ingress.unknownAnnotations.keys.contains { $0.hasPrefix("alb.ingress.kubernetes.io/") }
    }
}
