import PolicyCheckModel
import PolicyCheckSyntax

/// Reads an `Ingress`: ingress-nginx source-range annotations and, for the AWS Load Balancer Controller, the ALB's
/// scheme and `inbound-cidrs`, and its listeners (`ALBListeners`) — with what its class's `IngressClassParams` set
/// in their place (`IngressClasses`).
struct IngressReader {
    let object: KubernetesObject
    var classes = IngressClasses.none

    func read(into deployment: inout Deployment) {
        var allowlists = IngressAllowlists(annotations: object.annotations, source: object.reader.source,
                                           component: object.resource)
        if let allowlist = allowlists.nginx() { deployment.allowlists.append(allowlist) }
        let settings = classes.settings(className: object.root.node["spec"]?["ingressClassName"]?.string)
        if case .none = settings, !isALB { return }
        var internetFacing = allowlists.albSchemeInternetFacing
        var listenerAnnotations = object.annotations
        var certificate = false
        var unknownParameters: String?
        switch settings {
        case .none, .alb:
            break
        case .parameters(let parameters) where parameters.undocumented != nil:
            let field = parameters.undocumented!
            let reason = "the EKS Auto Mode IngressClassParams '\(parameters.name)' sets '\(field.value)', which AWS's "
                + "documentation of Auto Mode's IngressClassParams does not describe, so what it does to the ALB "
                + "cannot be told from the manifest"
            allowlists.unknownClassParameters = Located(reason, at: field.origin)
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
            }
            if let port = parameters.sslRedirectPort {
                listenerAnnotations = listenerAnnotations.withOverride(ALBListeners.sslRedirect, port)
            }
            certificate = parameters.certificate
            if parameters.autoMode, internetFacing == nil {
                // AWS's Auto Mode pages state no default scheme (its example sets `internet-facing` to make the ALB
                // public): an Ingress that names none cannot be verified.
                allowlists.unknownScheme = Located(
                    "neither the Ingress nor its EKS Auto Mode IngressClassParams set a scheme, and AWS's documentation "
                        + "of Auto Mode does not state its default", at: Origin(offset: classOffset, path: "spec.ingressClassName"))
            }
        case .missing(let name, let className, let origin):
            let reason = "the IngressClass '\(className)' gives its Ingresses the settings of the IngressClassParams "
                + "'\(name)', which the input does not hold, and they win over the Ingress's annotations"
            allowlists.unknownClassParameters = Located(reason, at: origin)
            unknownParameters = reason
        }
        if let allowlist = allowlists.alb(internetFacing: internetFacing, certificate: certificate, into: &deployment) {
            deployment.allowlists.append(allowlist)
        }
        ALBListeners(annotations: listenerAnnotations, component: object.resource, anchor: classOffset,
                     certificate: certificate, unknownParameters: unknownParameters,
                     routes: IngressRoutes(spec: object.root.node["spec"], annotations: object.annotations,
                                           anchor: classOffset))
            .read(into: &deployment)
    }

    /// Whether the AWS Load Balancer Controller serves the ingress (class `alb`, or any `alb.ingress…` annotation).
    private var isALB: Bool {
        if object.root.node["spec"]?["ingressClassName"]?.string == "alb" { return true }
        if object.annotations["kubernetes.io/ingress.class"]?.value == "alb" { return true }
        return object.annotations.contains(prefix: "alb.ingress.kubernetes.io/")
    }

    /// What makes the Ingress an ALB's: its class, else the object; where listeners no annotation states belong.
    private var classOffset: Int {
        object.root.node["spec"]?["ingressClassName"]?.offset
            ?? object.annotations["kubernetes.io/ingress.class"]?.origin.offset ?? object.root.node.offset
    }
}
