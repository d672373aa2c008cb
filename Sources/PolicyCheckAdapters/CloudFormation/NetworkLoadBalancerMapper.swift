import PolicyCheckModel

/// An internet-facing Network Load Balancer without security groups (`AWS::ElasticLoadBalancingV2::LoadBalancer`,
/// `Type: network`) admits the whole internet on its listeners' ports: "If you don't assign a security group to your
/// Network Load Balancer, all client traffic can reach the Network Load Balancer listeners"
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html), and a group
/// cannot be added to one created without
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html:
/// `Scheme` "The default is an Internet-facing load balancer", `Type` "The default is application"). It becomes an
/// allowlist of `0.0.0.0/0` (and `::/0` when `IpAddressType` is dualstack) at the missing `SecurityGroups`, opening
/// the ports of the template's listeners on it, as a Kubernetes LoadBalancer Service without source ranges does.
/// With security groups, what it admits is judged on those groups; an Application Load Balancer always has one.
enum NetworkLoadBalancerMapper: ResourceMapper {
    static let types = ["AWS::ElasticLoadBalancingV2::LoadBalancer"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        // A `Type` that may be `network` (a parameter allowing it, an `!If` branch) is judged as one; one the template
        // does not decide (a parameter without a default or allowed values) may be too, and cannot be verified.
        let type = properties.child("Type")
        var unknownType: String?
        if !type.alternatives.contains(where: { $0.scalarText == "network" }) {
            guard let value = type.string(dominates: { $0 == "network" }), case .unknown(let reason) = value.value
            else { return }
            unknownType = reason
        }
        let groups = properties.child("SecurityGroups")
        // Groups named (a list, or a parameter of them) guard it; an absent or empty list leaves it open, and so does
        // a branch of an `!If` that is one (the worse branch is judged).
        guard groups.possibleValues.contains(where: { alternative in
            if case .sequence(let node) = alternative { return node.items?.isEmpty == true }
            return alternative.isAbsent
        }) else { return }
        let scheme = properties.child("Scheme")
        var internetFacing = true
        var unknownScheme: String?
        if let value = scheme.string(worst: { $0 == "internal" ? 0 : 1 }) {
            switch value.value {
            case .known(let text): internetFacing = text != "internal"
            case .unknown(let reason): unknownScheme = reason
            }
        }
        guard internetFacing else { return }
        let ports = listenerPorts(of: context)
        var allowlist = Allowlist(kind: .loadBalancerSourceRanges, component: context.component, origin: groups.origin,
                                  internetFacing: true, hasDescriptionField: false)
        if let unknown = unknownType.map({ ("Type", $0, type.origin) }) ?? unknownScheme.map({ ("Scheme", $0, scheme.origin) }) {
            let reason = "the load balancer has no security groups, so it admits every address when an internet-facing "
                + "Network Load Balancer, and its \(unknown.0) is not known: \(unknown.1)"
            var entry = AllowlistEntry(cidr: Located(.unknown(reason: reason), at: unknown.2), description: nil,
                                       enabled: true, origin: unknown.2, ports: ports.first)
            entry.additionalPorts = Array(ports.dropFirst())
            allowlist.entries = [entry]
        } else {
            let dualStack = properties.child("IpAddressType").knownText?.hasPrefix("dualstack") == true
            allowlist.entries = (dualStack ? ["0.0.0.0/0", "::/0"] : ["0.0.0.0/0"]).map { block in
                var entry = AllowlistEntry(cidr: Located(.known(block), at: groups.origin), description: nil,
                                           enabled: true, origin: groups.origin, ports: ports.first)
                entry.additionalPorts = Array(ports.dropFirst())
                return entry
            }
        }
        deployment.allowlists.append(allowlist)
    }

    /// The ports of the template's listeners on the load balancer (`LoadBalancerArn` a `!Ref` or `!GetAtt` of it,
    /// indexed once per template in `TemplateRelations`); empty — every port, as for a rule whose ports are unknown
    /// — when a listener's port is not known or no listener of the template names it (listeners added elsewhere can
    /// open any port).
    private static func listenerPorts(of context: ResourceContext) -> [PortRange] {
        (context.relations?.listenerPorts[context.component] ?? nil) ?? []
    }
}
