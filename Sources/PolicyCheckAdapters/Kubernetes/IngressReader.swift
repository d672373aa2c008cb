import PolicyCheckModel
import PolicyCheckSyntax

/// Reads an `Ingress`: ingress-nginx source-range annotations and, for the AWS Load Balancer Controller, the ALB's
/// scheme and `inbound-cidrs`, and its listeners (`ALBListeners`).
struct IngressReader {
    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        let annotations = IngressAllowlists(annotations: object.annotations, source: object.reader.source,
                                            component: object.resource)
        if let allowlist = annotations.nginx() { deployment.allowlists.append(allowlist) }
        guard isALB else { return }
        if let allowlist = annotations.alb(internetFacing: annotations.albSchemeInternetFacing, certificate: false,
                                           into: &deployment) {
            deployment.allowlists.append(allowlist)
        }
        ALBListeners(annotations: object.annotations, component: object.resource, anchor: classOffset)
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
