import PolicyCheckModel

/// A GKE Ingress of class `gce`: the GKE Ingress controller makes it an external Application Load Balancer, "This
/// internet-facing load balancer" (https://cloud.google.com/kubernetes-engine/docs/concepts/ingress, "GKE Ingress
/// controller behavior"). No controller Service in the cluster stands in front of it to carry an allowlist, and the
/// Ingress states none, so it admits every address on the ports it serves: HTTP on 80 unless
/// `kubernetes.io/ingress.allow-http` is false, HTTPS on 443 when it terminates TLS (`spec.tls`, a pre-shared or
/// Google-managed certificate). A Cloud Armor security policy attached through a BackendConfig on its backend
/// Services may restrict it; that is not read (the finding is waived naming the policy). `gce-internal` makes an
/// internal load balancer, not judged here. Such an Ingress passed before round 32 (tester round 32).
enum GKEIngress {
    static let classAnnotation = "kubernetes.io/ingress.class"
    static let externalClass = "gce"
    static let allowHTTP = "kubernetes.io/ingress.allow-http"
    static let certificateAnnotations = ["ingress.gcp.kubernetes.io/pre-shared-cert", "networking.gke.io/managed-certificates"]

    /// The world-open allowlist of an Ingress of class `gce`, or `nil` for any other Ingress.
    static func allowlist(_ ingress: IngressDefinition) -> Allowlist? {
        // GKE reads the annotation only: an Ingress naming `gce` in `spec.ingressClassName` alone is one its
        // controller "takes no action" on (the same table).
        guard let annotated = ingress.annotations[classAnnotation], annotated.value == externalClass else { return nil }
        let origin = annotated.origin
        // The controller reads the flag as Go's `strconv.ParseBool`: `false`, `0`, `f` (any of its spellings) close 80.
        let servesHTTP = !["false", "False", "FALSE", "0", "f", "F"].contains(ingress.annotations[allowHTTP]?.value ?? "")
        let servesHTTPS = ingress.terminatesTLS || !servesHTTP
            || certificateAnnotations.contains { ingress.annotations[$0] != nil }
        let ports = (servesHTTP ? [PortRange(80, 80)] : []) + (servesHTTPS ? [PortRange(443, 443)] : [])
        var allowlist = Allowlist(kind: .ingressAnnotation, component: ingress.component, origin: origin,
                                  internetFacing: true, hasDescriptionField: false)
        allowlist.entries = KubernetesAllowlists.worldOpen(at: origin, ipv6: false, ports: ports)
        return allowlist
    }
}
