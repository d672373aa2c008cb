import PolicyCheckModel
import PolicyCheckSyntax

/// What the load balancer the AWS Load Balancer Controller provisions for a Gateway admits, under the
/// `LoadBalancerConfiguration` its GatewayClass's and its own merge into (`GatewayReader`), as the controller builds
/// it (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/loadbalancerconfig/; its
/// `buildLoadBalancerScheme`, `buildSecurityGroups` and `buildManagedSecurityGroupIngressPermissions`):
///
/// - `scheme` "**Default** internal": a Gateway without one has no public load balancer, no allowlist here;
/// - `securityGroups`: "The controller will automatically create one security group … and allow access from
///   `SourceRanges` and `SecurityGroupPrefixes` to each Listener port" only without them: named groups admit what
///   they admit, which the manifest does not show (cannot verify);
/// - `sourceRanges`: the managed group's CIDRs on every listener port; without the field, `0.0.0.0/0` and `::/0`,
///   an IPv6 block kept only when `ipAddressType` is `dualstack` or `dualstack-without-public-ipv4`
///   (`isIPv6Supported`; the default `ipv4` drops `::/0` and every IPv6 range);
/// - `securityGroupPrefixes`: managed prefix lists the group admits *beside* the ranges — unlike an Ingress's, they
///   do not replace the `0.0.0.0/0` default, which only `sourceRanges` replaces;
/// - `disableSecurityGroup` (NLBs only): the NLB has no security group, and what reaches its targets is what theirs
///   admit (cannot verify).
struct GatewayAllowlist {
    let component: String
    /// The listener ports (`spec.listeners[].port`); empty when not known (every port).
    let ports: [PortRange]
    /// Whether the class is the controller's NLB one; `nil` when the class is not known.
    let isNLB: Bool?

    /// The allowlist under one merged configuration; `nil` when the load balancer is internal or admits nothing.
    func allowlist(under configuration: LoadBalancerConfiguration) -> Allowlist? {
        let scheme = configuration.scheme
        guard let scheme, scheme.value != "internal" else { return nil }
        guard scheme.value == "internet-facing" else {
            return unverifiable(at: scheme.origin, "the LoadBalancerConfiguration's scheme '\(scheme.value)' is neither "
                + "'internal' nor 'internet-facing', which the controller's CRD refuses: whether and how the load balancer "
                + "is exposed cannot be told")
        }
        if let disabled = configuration.disableSecurityGroup, disabled.value, isNLB != false {
            return unverifiable(at: disabled.origin, "the NLB has no security group ('disableSecurityGroup'), so it "
                + "filters no source address; what reaches the targets is what their security groups admit, which the "
                + "manifest does not show")
        }
        if let groups = configuration.securityGroups, !groups.isEmpty {
            return unverifiable(at: configuration.securityGroupsOrigin, "the load balancer admits what the security "
                + "groups named in 'securityGroups' admit, which the manifest does not show; the controller builds no "
                + "group from 'sourceRanges' then")
        }
        let dualStack = ["dualstack", "dualstack-without-public-ipv4"].contains(configuration.ipAddressType?.value)
        let shared = KubernetesAllowlists.Ports(ports)
        var allowlist = Allowlist(kind: .loadBalancerSourceRanges, component: component,
                                  origin: configuration.sourceRangesOrigin, internetFacing: true, hasDescriptionField: false)
        if let ranges = configuration.sourceRanges {
            // The controller keeps an IPv6 block (one holding ':', its `isIPv6CIDR`) only on a dual-stack load
            // balancer: on another it opens nothing, and is kept disabled so its syntax is still judged.
            allowlist.entries = ranges.map { range in
                KubernetesAllowlists.entry(range, ports: shared, enabled: dualStack || !range.value.contains(":"))
            }
        } else {
            // No ranges: the controller's default, every address, located at what makes the load balancer public.
            var origin = scheme.origin
            origin.path = configuration.sourceRangesOrigin.path
            allowlist.origin = origin
            allowlist.entries = KubernetesAllowlists.worldOpen(at: origin, ipv6: dualStack, ports: ports)
        }
        if let prefixes = configuration.securityGroupPrefixes {
            allowlist.entries += KubernetesAllowlists.prefixListEntries(prefixes, setting: "'securityGroupPrefixes'",
                                                                        ports: shared)
        }
        return allowlist.entries.isEmpty ? nil : allowlist
    }

    /// An internet-facing allowlist of one entry that cannot be verified, at `origin`, opening the listener ports.
    func unverifiable(at origin: Origin, _ reason: String) -> Allowlist {
        KubernetesAllowlists.unverifiable(.loadBalancerSourceRanges, component: component, at: origin, reason: reason,
                                          ports: ports)
    }
}
