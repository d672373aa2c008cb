import PolicyCheckModel
import PolicyCheckSyntax

/// The allowlist of a LoadBalancer Service that EKS Auto Mode reconciles (`spec.loadBalancerClass:
/// eks.amazonaws.com/nlb`), read as AWS documents Auto Mode
/// (https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-nlb.html):
/// - `service.beta.kubernetes.io/aws-load-balancer-scheme` "controls whether the load balancer is internal or
///   internet-facing", and its example sets `internet-facing` "to create a public-facing" NLB; the default is not
///   stated, so a Service without the annotation (or with another value) has a scheme that cannot be verified. The
///   deprecated `aws-load-balancer-internal` is "Not supported" (use the scheme annotation) and is not read.
/// - `spec.loadBalancerSourceRanges` are the allowlist. The `load-balancer-source-ranges` annotation is listed among
///   the "commonly used annotations supported by EKS Auto Mode" and, in the same page's migration table, as "Not
///   supported | Use `spec.loadBalancerSourceRanges` on Service": AWS's documentation does not settle whether it
///   restricts the NLB, so an NLB that relies on it cannot be verified (it is not credited).
/// - `aws-load-balancer-ip-address-type` is `ipv4` or `dualstack` "(IPv4 + IPv6)": a dual-stack internet-facing NLB
///   without ranges admits every IPv6 address too.
enum AutoModeServices {
    static let nlbClass = "eks.amazonaws.com/nlb"

    static func allowlist(component: String, ranges: [Located<String>], rangesOrigin: Origin, annotations: Annotations,
                          source: SourceFile, ports: [PortRange], worldOrigin: Origin) -> Allowlist? {
        let scheme = annotations[ServiceReader.schemeAnnotation]
        let internetFacing: Bool? = switch scheme?.value {
        case "internal": false
        case "internet-facing": true
        default: nil
        }
        let shared = KubernetesAllowlists.Ports(ports)
        var allowlist = Allowlist(kind: .loadBalancerSourceRanges, component: component, origin: rangesOrigin,
                                  internetFacing: internetFacing ?? true, hasDescriptionField: false)
        if !ranges.isEmpty {
            allowlist.entries = ranges.map { KubernetesAllowlists.entry(SourceRangeText.asKubernetesReads($0), ports: shared) }
            return allowlist
        }
        guard internetFacing != false else { return nil }
        if let annotation = annotations[ServiceReader.sourceRangesAnnotation],
           !CIDRListText.items(annotation, in: source, paths: annotations.paths).isEmpty {
            let reason = "AWS's EKS Auto Mode page lists '\(ServiceReader.sourceRangesAnnotation)' among the annotations "
                + "Auto Mode supports and, in its migration table, as not supported (use spec.loadBalancerSourceRanges), "
                + "so whether the NLB admits only these ranges is not documented"
            return KubernetesAllowlists.unverifiable(.loadBalancerSourceRanges, component: component, at: annotation.origin,
                                                     reason: reason, ports: ports)
        }
        guard internetFacing != nil else {
            let reason = scheme.map { "EKS Auto Mode's scheme annotation is '\($0.value)', which AWS does not document" }
                ?? "the Service sets no '\(ServiceReader.schemeAnnotation)', and AWS's documentation of EKS Auto Mode "
                + "does not state the NLB's default scheme"
            return KubernetesAllowlists.unverifiable(.loadBalancerSourceRanges, component: component,
                                                     at: scheme?.origin ?? worldOrigin, reason: reason, ports: ports)
        }
        let ipv6 = annotations[ServiceReader.ipAddressTypeAnnotation]?.value == "dualstack"
        allowlist.entries = KubernetesAllowlists.worldOpen(at: worldOrigin, ipv6: ipv6, ports: ports)
        return allowlist
    }
}
