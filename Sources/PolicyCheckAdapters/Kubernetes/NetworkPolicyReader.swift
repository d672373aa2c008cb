import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a `NetworkPolicy`'s ingress `ipBlock`s into one allowlist. Network policies admit traffic inside the
/// cluster's network, so the list is not internet-facing; `except` blocks are exclusions, kept as disabled entries
/// marked as exceptions so their syntax is judged (the API server rejects a malformed one) without widening the list.
/// A rule whose `from` is missing or empty "matches all sources (traffic not restricted by source)"
/// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/, NetworkPolicyIngressRule):
/// every IPv4 and IPv6 address on its ports, as `0.0.0.0/0` and `::/0` there (before, no entry: a rule that dropped its
/// `from` passed where the same rule with `ipBlock: 0.0.0.0/0` failed; tester, round 35).
struct NetworkPolicyReader {
    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec, let rules = spec.list("ingress") else { return }
        // `policyTypes` without `Ingress` makes the policy egress-only: its ingress rules apply to nothing.
        let types = spec.texts("policyTypes")
        if spec.has("policyTypes"), !types.isEmpty, !types.contains("Ingress") { return }
        var allowlist = Allowlist(kind: .networkPolicy, component: object.resource, origin: spec.origin(of: "ingress"),
                                  internetFacing: false, hasDescriptionField: false)
        for (node, path) in rules {
            guard let rule = spec.reader.object(node, path: path) else { continue }
            let opened = rulePorts(rule)
            let ports = KubernetesAllowlists.Ports(opened)
            let peers = rule.list("from") ?? []
            if peers.isEmpty {
                let origin = rule.has("from") ? rule.origin(of: "from") : rule.origin
                allowlist.entries += KubernetesAllowlists.worldOpen(at: origin, ipv6: true, ports: opened)
            }
            for (peerNode, peerPath) in peers {
                guard let peer = rule.reader.object(peerNode, path: peerPath),
                      let block = peer.object("ipBlock") else { continue }
                if let cidr = block.string("cidr", required: true) {
                    allowlist.entries.append(KubernetesAllowlists.entry(cidr, ports: ports))
                }
                for excluded in block.strings("except") {
                    var exception = KubernetesAllowlists.entry(excluded, ports: ports, enabled: false)
                    exception.isException = true
                    allowlist.entries.append(exception)
                }
            }
        }
        if !allowlist.entries.isEmpty { deployment.allowlists.append(allowlist) }
    }

    /// The ports a rule opens: every port when it lists none; not stated (empty) when a port is named, since the
    /// name resolves only against the pods.
    private func rulePorts(_ rule: ObjectView) -> [PortRange] {
        guard let items = rule.list("ports"), !items.isEmpty else { return [PortRange(0, 65535)] }
        var ports: [PortRange] = []
        for (node, path) in items {
            guard let item = rule.reader.object(node, path: path) else { continue }
            guard let port = item.value("port") else { return [PortRange(0, 65535)] }
            guard let literal = port.numberLiteral, let number = rule.reader.integers.value(of: literal),
                  (1...65535).contains(number) else {
                return []
            }
            let end = item.int("endPort", range: number...65535)?.value ?? number
            ports.append(PortRange(number, end))
        }
        return ports
    }
}
