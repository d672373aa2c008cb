import PolicyCheckModel

/// An internet-facing Network Load Balancer without security groups (`aws_lb`/`aws_alb` with `load_balancer_type =
/// "network"`, `internal` not true, no `security_groups`) admits the whole internet on its listeners' ports: "If you
/// don't assign a security group to your Network Load Balancer, all client traffic can reach the Network Load
/// Balancer listeners" (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
/// As CloudFormation's `NetworkLoadBalancerMapper`: `0.0.0.0/0` (and `::/0` for a dualstack `ip_address_type`) at
/// `security_groups`, on the ports of the `aws_lb_listener`s whose `load_balancer_arn` refers to it (every port when
/// one's port is unknown or none is in the input). A `security_groups` the provider computes because the
/// configuration leaves it out is none; one the configuration sets but the plan does not know cannot be verified, and
/// so does a balancer without security groups whose `load_balancer_type` is not known (it may be `network`).
struct TerraformNetworkLoadBalancerReader {
    let input: any TerraformResourceGraph

    func read(into deployment: inout Deployment) {
        var listeners: [String: [PortRange]?]?
        for balancer in input.resources(ofType: ["aws_lb", "aws_alb"]) {
            // A type known only at apply (`load_balancer_type = var.type`) may be `network`: judged as one, unknown.
            let type = balancer["load_balancer_type"]
            let typeUnknown = type.isUnknown && !type.isProviderDefault
            guard type.knownString == "network" || typeUnknown else { continue }
            let groups = balancer["security_groups"]
            let isInternal = balancer["internal"]
            if isInternal.bool()?.value.known == true { continue }
            // Each listener's balancer is resolved once, when the first balancer that may be open asks.
            if listeners == nil { listeners = listenerPorts() }
            let ports = (listeners?[balancer.address] ?? nil) ?? []
            var allowlist = Allowlist(kind: .loadBalancerSourceRanges, component: balancer.address, origin: groups.fieldOrigin,
                                      internetFacing: true, hasDescriptionField: false)
            let unknown: (reason: String, origin: Origin)?
            if groups.isUnknown && !groups.isProviderDefault {
                unknown = ("its security groups are not known: \(groups.unknownReason)", groups.origin)
            } else if !groups.isProviderDefault, !groups.isAbsent, !groups.items.isEmpty {
                continue
            } else if typeUnknown {
                unknown = ("it has no security groups, so it admits every address if it is an internet-facing Network "
                           + "Load Balancer, and its load_balancer_type is not known: \(type.unknownReason)", type.origin)
            } else if isInternal.isUnknown && !isInternal.isProviderDefault {
                unknown = ("it has no security groups, so it admits every address when internet-facing, and whether it is "
                           + "internal is not known: \(isInternal.unknownReason)", isInternal.origin)
            } else {
                unknown = nil
            }
            if let unknown {
                allowlist.entries = [entry(Located(.unknown(reason: unknown.reason), at: unknown.origin), ports: ports)]
            } else {
                let dualStack = balancer["ip_address_type"].knownString?.hasPrefix("dualstack") == true
                allowlist.entries = (dualStack ? ["0.0.0.0/0", "::/0"] : ["0.0.0.0/0"]).map {
                    entry(Located(.known($0), at: groups.fieldOrigin), ports: ports)
                }
            }
            deployment.allowlists.append(allowlist)
        }
    }

    private func entry(_ cidr: Located<Fact<String>>, ports: [PortRange]) -> AllowlistEntry {
        var entry = AllowlistEntry(cidr: cidr, description: nil, enabled: true, origin: cidr.origin, ports: ports.first)
        entry.additionalPorts = Array(ports.dropFirst())
        return entry
    }

    /// The ports of the input's listeners by the address of the balancer their `load_balancer_arn` refers to, in
    /// input order; `nil` (every port) for a balancer one of whose listeners has a port not known. A balancer no
    /// listener of the input refers to is absent: every port, as listeners elsewhere may open any.
    private func listenerPorts() -> [String: [PortRange]?] {
        var found: [String: [PortRange]?] = [:]
        for listener in input.resources(ofType: ["aws_lb_listener", "aws_alb_listener"]) {
            guard let balancer = input.referenced(by: listener["load_balancer_arn"], of: listener,
                                                  types: ["aws_lb", "aws_alb"])?.address else { continue }
            guard let known = found[balancer] ?? [], let port = listener["port"].knownInt else {
                found[balancer] = .some(nil)
                continue
            }
            found[balancer] = known.contains(PortRange(port, port)) ? known : known + [PortRange(port, port)]
        }
        return found
    }
}

extension TerraformNetworkLoadBalancerReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
