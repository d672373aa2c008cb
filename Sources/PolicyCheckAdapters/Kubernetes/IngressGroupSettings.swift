import PolicyCheckModel
import PolicyCheckSyntax

/// What the members of one IngressGroup set for the ALB they share, by the members' class.
///
/// Ingresses annotated with the same `alb.ingress.kubernetes.io/group.name` are served by one ALB: "The controller
/// will automatically merge Ingress rules for all Ingresses within IngressGroup and support them with a single ALB"
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ingressgroup).
/// The `scheme` annotation is *Exclusive* there — "should only be specified on a single Ingress within IngressGroup
/// or specified with same value across all Ingresses" — so one member annotated `internet-facing` makes the ALB of
/// every member internet-facing, the members that state no scheme included; so are `security-groups` and
/// `ip-address-type`. `inbound-cidrs` "is merged across all Ingresses in IngressGroup, but is exclusive per
/// listen-port": a port's CIDRs are those one member sets for it, and only a port no member gives CIDRs or prefix
/// lists is open to `0.0.0.0/0` (the controller's `mergeListenPortConfigs`).
///
/// Members are kept apart by class (`ingressClassName`, else the legacy `kubernetes.io/ingress.class`): the
/// controller's group loader keeps only the Ingresses of its own classes, and a class's `IngressClassParams` may set
/// the scheme or move its Ingresses to another group, which only the run's classes tell (`IngressClasses.group`).
struct IngressGroupSettings: Sendable {
    /// What the members of one class set.
    struct Members: Sendable {
        /// The first member (in read order: its file's path, then its place in the file) annotated `internet-facing`.
        var internetFacing: String?
        /// The first member naming its own security groups: the ALB then admits what those groups admit.
        var securityGroups: String?
        /// The first member asking for a dual-stack ALB (`ip-address-type`), whose default opens `::/0` too.
        var dualStack: String?
        /// The ports members give `inbound-cidrs` or `security-group-prefix-lists`, with up to two members giving
        /// each (a member's own copy does not cover it: `covers`).
        var covered: [Int: [String]] = [:]

        mutating func merge(_ other: Members) {
            internetFacing = internetFacing ?? other.internetFacing
            securityGroups = securityGroups ?? other.securityGroups
            dualStack = dualStack ?? other.dualStack
            for (port, names) in other.covered {
                for name in names where covered[port, default: []].count < 2 && !covered[port, default: []].contains(name) {
                    covered[port, default: []].append(name)
                }
            }
        }

        /// Whether a member other than `member` gives `port` CIDRs.
        func covers(_ port: Int, besides member: String) -> Bool {
            covered[port]?.contains { $0 != member } ?? false
        }
    }

    /// The members by class name ("" for none).
    var byClass: [String: Members] = [:]

    static let nameAnnotation = "alb.ingress.kubernetes.io/group.name"

    mutating func merge(_ other: IngressGroupSettings) {
        for (name, members) in other.byClass { byClass[name, default: Members()].merge(members) }
    }

    /// What one member object sets, read from its annotations as the controller parses them (its own read reports
    /// what is wrong with them); `nil` when the Ingress (of `apiVersion`) is of no group.
    static func member(_ node: SourceNode, apiVersion: String) -> (group: String, settings: IngressGroupSettings)? {
        guard ["networking.k8s.io", "extensions"].contains(APIVersion.group(of: apiVersion)),
              let metadata = node["metadata"], let annotations = metadata["annotations"],
              let group = annotations[nameAnnotation]?.string, !group.isBlank else { return nil }
        func annotation(_ key: String) -> String? { annotations[key]?.string }
        /// A string list as the controller splits it: empty items dropped.
        func items(_ key: String) -> [String] { ServiceListeners.items(annotation(key) ?? "") }
        let name = "Ingress/\(metadata["namespace"]?.string ?? "default")/\(metadata["name"]?.string ?? "")"
        var members = Members()
        if annotation(IngressAllowlists.scheme) == "internet-facing" { members.internetFacing = name }
        if !items(IngressAllowlists.securityGroups).isEmpty { members.securityGroups = name }
        if let type = annotation(IngressAllowlists.ipAddressType), type.hasPrefix("dualstack") { members.dualStack = name }
        if !items(IngressAllowlists.inboundCIDRs).isEmpty || !items(IngressAllowlists.prefixLists).isEmpty {
            for port in listenPorts(annotation(ALBListeners.listenPorts),
                                    certificate: !items(IngressAllowlists.certificateARN).isEmpty) {
                members.covered[port] = [name]
            }
        }
        let className = node["spec"]?["ingressClassName"]?.string ?? annotation("kubernetes.io/ingress.class") ?? ""
        return (group, IngressGroupSettings(byClass: [className: members]))
    }

    /// The ports of a `listen-ports` value as the controller decodes it (`ALBListeners.ports(in:)`); none when it
    /// refuses the text; without the annotation, 443 with a certificate, else 80.
    static func listenPorts(_ text: String?, certificate: Bool) -> [Int] {
        guard let text else { return [certificate ? 443 : 80] }
        return ALBListeners.ports(in: text)?.map(\.port) ?? []
    }
}
