import PolicyCheckModel
import PolicyCheckSyntax

/// What the members of one IngressGroup set for the ALB they share.
///
/// Ingresses annotated with the same `alb.ingress.kubernetes.io/group.name` are served by one ALB: "The controller
/// will automatically merge Ingress rules for all Ingresses within IngressGroup and support them with a single ALB"
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ingressgroup).
/// The `scheme` annotation is *Exclusive* there — "should only be specified on a single Ingress within IngressGroup
/// or specified with same value across all Ingresses" — so one member annotated `internet-facing` makes the ALB of
/// every member internet-facing, the members that state no scheme included. `inbound-cidrs` "is merged across all
/// Ingresses in IngressGroup, but is exclusive per listen-port": a port's CIDRs are those one member sets for it,
/// and only a port no member gives CIDRs or prefix lists is open to `0.0.0.0/0` (the controller's
/// `mergeListenPortConfigs`).
struct IngressGroupSettings: Sendable {
    /// The first member (in read order: its file's path, then its place in the file) annotated `internet-facing`.
    var internetFacingMember: String?
    /// The ports of members that set `inbound-cidrs` or `security-group-prefix-lists`: judged on those members.
    var coveredPorts: [PortRange] = []
    /// The first member naming its own security groups (`security-groups`, *Exclusive*): the ALB then admits what
    /// those groups admit, which the members that name none are not judged on.
    var securityGroupsMember: String?

    static let nameAnnotation = "alb.ingress.kubernetes.io/group.name"

    /// The members' settings together: the first named member stays first.
    mutating func merge(_ other: IngressGroupSettings) {
        internetFacingMember = internetFacingMember ?? other.internetFacingMember
        securityGroupsMember = securityGroupsMember ?? other.securityGroupsMember
        for port in other.coveredPorts where !coveredPorts.contains(port) { coveredPorts.append(port) }
    }

    /// What one member object sets, read from its annotations as written (its own read reports what is wrong with
    /// them); `nil` when the Ingress (of `apiVersion`) is of no group, or not of class `alb`.
    static func member(_ node: SourceNode, apiVersion: String) -> (group: String, settings: IngressGroupSettings)? {
        guard ["networking.k8s.io", "extensions"].contains(APIVersion.group(of: apiVersion)),
              let metadata = node["metadata"], let annotations = metadata["annotations"],
              let group = annotations[nameAnnotation]?.string, !group.isBlank else { return nil }
        func annotation(_ key: String) -> String? { annotations[key]?.string }
        // Only the controller's Ingresses are members (its group loader skips those of other classes): an Ingress of
        // class `alb` (the class its chart installs), by name or by the legacy annotation. Another class's Ingress
        // annotated alike is not one, and neither makes the group internet-facing nor covers its ports.
        guard (node["spec"]?["ingressClassName"]?.string ?? annotation("kubernetes.io/ingress.class")) == "alb" else { return nil }
        let name = "Ingress/\(metadata["namespace"]?.string ?? "default")/\(metadata["name"]?.string ?? "")"
        var settings = IngressGroupSettings()
        if annotation(IngressAllowlists.scheme) == "internet-facing" { settings.internetFacingMember = name }
        if let groups = annotation(IngressAllowlists.securityGroups), !groups.isBlank { settings.securityGroupsMember = name }
        let setsCIDRs = [IngressAllowlists.inboundCIDRs, IngressAllowlists.prefixLists].contains {
            annotation($0).map { !$0.isBlank } ?? false
        }
        if setsCIDRs {
            settings.coveredPorts = IngressAllowlists.listenPorts(annotation("alb.ingress.kubernetes.io/listen-ports"),
                                                                  certificate: annotation(IngressAllowlists.certificateARN) != nil)
        }
        return (group, settings)
    }
}
