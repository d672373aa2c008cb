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
        /// each (a member's own copy does not cover it: `Joined.covers`).
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

    }

    /// What an Ingress's lookup reads of its group (`IngressClasses.group(named:)`): the first member setting each
    /// of the scheme, security groups and dual stack, and the ports given CIDRs as each part of the group gathered
    /// them (this input's members and the run's other files', class by class), kept apart: merging them into one
    /// table made every member's lookup cost the whole group's ports (round 26: one group of 20,000 members on as
    /// many ports, 45 s). A port is covered for a member when a member other than it gives CIDRs in any part, as it
    /// is in the parts merged (`Members.merge` keeps two names a port, so one of them is another member's).
    struct Joined: Sendable {
        var internetFacing: String?
        var securityGroups: String?
        var dualStack: String?
        /// Each part's ports given CIDRs, with up to two members each, in merge order.
        var coverage: [[Int: [String]]] = []

        /// The parts of one class, in merge order.
        init(_ parts: [Members]) {
            for part in parts { merge(part) }
        }

        mutating func merge(_ part: Members) {
            internetFacing = internetFacing ?? part.internetFacing
            securityGroups = securityGroups ?? part.securityGroups
            dualStack = dualStack ?? part.dualStack
            if !part.covered.isEmpty { coverage.append(part.covered) }
        }

        mutating func merge(_ other: Joined) {
            internetFacing = internetFacing ?? other.internetFacing
            securityGroups = securityGroups ?? other.securityGroups
            dualStack = dualStack ?? other.dualStack
            coverage += other.coverage
        }

        /// The members of a class whose scheme is `scheme` (`IngressClasses.group(named:)`): its parameters'
        /// scheme wins over every member's annotation.
        mutating func adjust(to scheme: IngressClasses.MemberScheme, ofClass className: String) {
            switch scheme {
            case .annotations: break
            case .internetFacing: internetFacing = internetFacing ?? "the IngressClassParams of the class '\(className)'"
            case .internal: internetFacing = nil
            }
        }

        /// Whether a member other than `member` gives `port` CIDRs.
        func covers(_ port: Int, besides member: String) -> Bool {
            coverage.contains { part in part[port]?.contains { $0 != member } ?? false }
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
