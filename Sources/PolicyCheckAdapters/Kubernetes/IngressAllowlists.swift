import PolicyCheckModel
import PolicyCheckSyntax

/// The allowlists ingress annotations declare: ingress-nginx's source-range annotations and the AWS Load Balancer
/// Controller's `inbound-cidrs`. Shared by `Ingress` objects and the Mattermost operator's ingress settings.
struct IngressAllowlists {
    let annotations: Annotations
    let source: SourceFile
    let component: String

    /// ingress-nginx reads `allowlist-source-range`, falling back to the deprecated `whitelist-source-range`.
    static let nginxKeys = [
        "nginx.ingress.kubernetes.io/allowlist-source-range", "nginx.ingress.kubernetes.io/whitelist-source-range",
    ]
    static let inboundCIDRs = "alb.ingress.kubernetes.io/inbound-cidrs"
    static let scheme = "alb.ingress.kubernetes.io/scheme"
    static let certificateARN = "alb.ingress.kubernetes.io/certificate-arn"

    /// The ingress-nginx allowlist, if annotated. nginx sits behind a public load balancer: internet-facing.
    func nginx() -> Allowlist? {
        guard let value = Self.nginxKeys.lazy.compactMap({ annotations[$0] }).first else { return nil }
        var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: value.origin,
                                  internetFacing: true, hasDescriptionField: false)
        allowlist.entries = KubernetesAllowlists.entries(value, in: source, ports: [], paths: annotations.paths)
        return allowlist
    }

    /// Whether the annotations ask for an internet-facing ALB (`alb.ingress.kubernetes.io/scheme`).
    var albSchemeInternetFacing: Located<Bool>? {
        annotations[Self.scheme].map { Located($0.value == "internet-facing", at: $0.origin) }
    }

    /// The ALB allowlist: `inbound-cidrs` when given; for an internet-facing ALB without it, every address (the
    /// controller's default). `internetFacing` locates what makes the ALB public; `certificate` says whether it
    /// terminates TLS (then it listens on 443 by default, else 80).
    func alb(internetFacing: Located<Bool>?, certificate: Bool, into deployment: inout Deployment) -> Allowlist? {
        let isPublic = internetFacing?.value ?? false
        let ports = listenPorts(certificate: certificate || annotations[Self.certificateARN] != nil)
        if let certificates = annotations[Self.certificateARN] {
            KubernetesAllowlists.arnRegions(certificates, in: source, component: component,
                                            role: "region in the ALB certificate ARN", into: &deployment)
        }
        let dualStack = annotations["alb.ingress.kubernetes.io/ip-address-type"]?.value == "dualstack"
        if let value = annotations[Self.inboundCIDRs] {
            var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: value.origin,
                                      internetFacing: isPublic, hasDescriptionField: false)
            allowlist.entries = KubernetesAllowlists.entries(value, in: source, ports: ports, paths: annotations.paths)
            if !allowlist.entries.isEmpty { return allowlist }
        }
        guard let internetFacing, internetFacing.value else { return nil }
        let origin = Origin(offset: internetFacing.origin.offset, path: Annotations.path(annotations.path, Self.inboundCIDRs))
        var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: origin,
                                  internetFacing: true, hasDescriptionField: false)
        allowlist.entries = KubernetesAllowlists.worldOpen(at: origin, ipv6: dualStack, ports: ports)
        return allowlist
    }

    /// `alb.ingress.kubernetes.io/listen-ports` (`[{"HTTP": 80}, {"HTTPS": 443}]`): the port numbers in it; by
    /// default 443 with a certificate, else 80.
    func listenPorts(certificate: Bool) -> [PortRange] {
        if let text = annotations["alb.ingress.kubernetes.io/listen-ports"]?.value {
            var ports: [PortRange] = []
            var digits = ""
            for character in text + " " {
                if character.isASCII, character.isNumber {
                    digits.append(character)
                } else if !digits.isEmpty {
                    if let port = Int(digits), (1...65535).contains(port) { ports.append(PortRange(port, port)) }
                    digits = ""
                }
            }
            if !ports.isEmpty { return ports }
        }
        return [certificate ? PortRange(443, 443) : PortRange(80, 80)]
    }
}
