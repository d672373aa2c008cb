import PolicyCheckModel
import PolicyCheckSyntax

/// Builds allowlist entries for Kubernetes objects: from CIDR text, and the implicit world-open entries of an
/// internet-facing load balancer that names no source ranges.
enum KubernetesAllowlists {
    /// The ports a rule opens, split once as entries hold them (the first, and the rest), so every entry of the
    /// rule shares one list: copying it into each made a Service of 10,000 ranges and 10,000 ports 1.6 GB.
    struct Ports {
        let first: PortRange?
        let rest: [PortRange]

        init(_ ports: [PortRange]) {
            first = ports.first
            rest = Array(ports.dropFirst())
        }
    }

    /// One entry for a CIDR block, opening the given ports (empty: not stated); it is where its block is.
    static func entry(_ cidr: Located<String>, ports: Ports, enabled: Bool = true) -> AllowlistEntry {
        var entry = AllowlistEntry(cidr: Located(.known(cidr.value), at: cidr.origin), description: nil,
                                   enabled: enabled, origin: cidr.origin, ports: ports.first)
        entry.additionalPorts = ports.rest
        return entry
    }

    /// Entries for a comma-separated annotation value, each at its own column.
    static func entries(_ value: Located<String>, in source: SourceFile, ports: [PortRange],
                        paths: NodeReader? = nil) -> [AllowlistEntry] {
        let shared = Ports(ports)
        return CIDRListText.items(value, in: source, paths: paths).map { entry($0, ports: shared) }
    }

    /// What a load balancer without source ranges admits: every IPv4 address (and every IPv6 one when it is
    /// dual-stack), located where the ranges belong.
    static func worldOpen(at origin: Origin, ipv6: Bool, ports: [PortRange]) -> [AllowlistEntry] {
        let blocks = ipv6 ? ["0.0.0.0/0", "::/0"] : ["0.0.0.0/0"]
        let shared = Ports(ports)
        return blocks.map { entry(Located($0, at: origin), ports: shared) }
    }

    /// An internet-facing allowlist of one entry that cannot be verified (what named security groups or parameters
    /// outside the input admit), at `origin`, opening the given ports.
    static func unverifiable(_ kind: AllowlistKind, component: String, at origin: Origin, reason: String,
                             ports: [PortRange]) -> Allowlist {
        var allowlist = Allowlist(kind: kind, component: component, origin: origin, internetFacing: true,
                                  hasDescriptionField: false)
        allowlist.entries = [unknownEntry(at: origin, reason: reason, ports: Ports(ports))]
        return allowlist
    }

    /// One entry whose address block cannot be verified, at `origin`, opening the given ports.
    static func unknownEntry(at origin: Origin, reason: String, ports: Ports) -> AllowlistEntry {
        var entry = AllowlistEntry(cidr: Located(.unknown(reason: reason), at: origin), description: nil,
                                   enabled: true, origin: origin, ports: ports.first)
        entry.additionalPorts = ports.rest
        return entry
    }

    /// The entries of the managed prefix lists an AWS Load Balancer Controller's security group admits: one per
    /// list, at its ID, that cannot be verified — a prefix list's CIDRs live in EC2, not in the manifest.
    static func prefixListEntries(_ ids: [Located<String>], setting: String, ports: Ports) -> [AllowlistEntry] {
        ids.map { id in
            unknownEntry(at: id.origin, reason: "the load balancer admits the managed prefix list '\(id.value)' "
                + "(\(setting)), whose address blocks the manifest does not show", ports: ports)
        }
    }

    /// A region reference for every ARN in a comma-separated list (ALB certificate ARNs).
    static func arnRegions(_ value: Located<String>, in source: SourceFile, component: String, role: String,
                           into deployment: inout Deployment) {
        for item in CIDRListText.items(value, in: source) {
            guard let region = AmazonResourceName(item.value)?.region else { continue }
            deployment.regions.append(RegionReference(region, at: item.origin, component: component, role: role))
        }
    }
}
