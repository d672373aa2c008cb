import PolicyCheckModel
import PolicyCheckSyntax

/// Reads the `listener` blocks of `aws_elb` (a Classic Load Balancer) as listeners, judged as `aws_lb_listener`s are
/// (MMC-ENC-004), internal (`internal = true`) or not.
///
/// - `lb_protocol` is `http`, `https`, `tcp` or `ssl`
///   (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elb#listener): `ssl` terminates TLS
///   as an NLB's `TLS` does, `tcp` passes traffic through; a Classic Load Balancer has no redirect actions.
/// - The security policy of an `https` or `ssl` listener is set apart from the load balancer: an
///   `aws_load_balancer_listener_policy` for its port naming an `aws_load_balancer_policy` of type
///   `SSLNegotiationPolicyType`, or an `aws_lb_ssl_negotiation_policy` for its port — by its
///   `Reference-Security-Policy` attribute (a predefined policy). Without one, Elastic Load Balancing associates
///   ELBSecurityPolicy-2016-08 (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html).
///   A custom policy (its own protocol and cipher attributes), or one the plan does not decide, cannot be verified —
///   unless the custom policy's attributes enable TLS 1.0, TLS 1.1 or SSL 3.0, which it then accepts (`CustomSSLProtocols`).
struct TerraformClassicListenerReader {
    static let loadBalancerType = "aws_elb"
    static let listenerPolicyType = "aws_load_balancer_listener_policy"
    static let policyType = "aws_load_balancer_policy"
    static let negotiationPolicyType = "aws_lb_ssl_negotiation_policy"

    let input: any TerraformResourceGraph
    /// Companions of each load balancer (by address), found once per plan: listener policies and negotiation policies.
    private let listenerPolicies: [String: [TerraformResource]]
    private let negotiationPolicies: [String: [TerraformResource]]
    /// `aws_load_balancer_policy`s by name (`policy_name`).
    private let policiesByName: [String: [TerraformResource]]

    init(input: any TerraformResourceGraph) {
        self.input = input
        guard input.count(ofType: [Self.loadBalancerType]) > 0 else {
            (listenerPolicies, negotiationPolicies, policiesByName) = ([:], [:], [:])
            return
        }
        let balancers = input.resources(ofType: [Self.loadBalancerType])
        var byName: [String: String] = [:]
        for balancer in balancers {
            if let name = balancer["name"].knownString, byName[name] == nil { byName[name] = balancer.address }
        }
        func index(_ type: String, attribute: String) -> [String: [TerraformResource]] {
            var found: [String: [TerraformResource]] = [:]
            for candidate in input.resources(ofType: [type]) {
                let value = candidate[attribute]
                let target = input.referenced(by: value, of: candidate, types: [Self.loadBalancerType])?.address
                    ?? value.knownString.flatMap { byName[$0] }
                if let target { found[target, default: []].append(candidate) }
            }
            return found
        }
        listenerPolicies = index(Self.listenerPolicyType, attribute: "load_balancer_name")
        negotiationPolicies = index(Self.negotiationPolicyType, attribute: "load_balancer")
        var policies: [String: [TerraformResource]] = [:]
        for policy in input.resources(ofType: [Self.policyType]) {
            if let name = policy["policy_name"].knownString { policies[name, default: []].append(policy) }
        }
        policiesByName = policies
    }

    func read(into deployment: inout Deployment) {
        for balancer in input.resources(ofType: [Self.loadBalancerType]) {
            let blocks = balancer["listener"]
            if blocks.isUnknown, !blocks.isProviderDefault {
                // A `dynamic "listener"` over a collection known only after apply: listeners nobody can judge yet.
                var listener = LoadBalancerListener(component: balancer.address, origin: blocks.origin,
                                                    sslPolicyOrigin: blocks.origin)
                listener.offersRedirects = false
                listener.protocolName = Located(.unknown(reason: "its listeners are \(blocks.unknownReason)"), at: blocks.origin)
                deployment.listeners.append(listener)
            }
            for item in blocks.items {
                let protocolAttribute = item.child("lb_protocol")
                let port = item.child("lb_port").knownInt
                var listener = LoadBalancerListener(component: balancer.address, origin: item.origin,
                                                    sslPolicyOrigin: item.fieldOrigin)
                listener.offersRedirects = false
                listener.protocolName = protocolAttribute.string()
                    ?? Located(.unknown(reason: "the listener gives no lb_protocol"), at: protocolAttribute.fieldOrigin)
                var oldProtocols: [Located<(name: String, protocols: [String])>] = []
                let policies = securityPolicies(of: balancer, port: port, oldProtocols: &oldProtocols)
                listener.sslPolicy = policies.first
                listener.otherSSLPolicies = Array(policies.dropFirst())
                listener.oldProtocolPolicies = oldProtocols
                deployment.listeners.append(listener)
            }
        }
    }

    // MARK: - Security policy

    /// The predefined policies the listener on `port` may negotiate TLS with; empty when none is associated. A port
    /// given several SSL negotiation policies (two `aws_load_balancer_listener_policy` for one port, one with two such
    /// names, or one with an `aws_lb_ssl_negotiation_policy`) keeps one: each resource replaces the port's set
    /// ("Replaces the current set of policies for the specified load balancer port",
    /// https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_SetLoadBalancerPoliciesOfListener.html),
    /// so the last applied wins, an order the configuration does not fix — every one is returned, judged at the
    /// worst (before, the last read won silently).
    /// `oldProtocols` receives the custom policies among them that enable TLS 1.0, TLS 1.1 or SSL 3.0.
    private func securityPolicies(of balancer: TerraformResource, port: Int?,
                                  oldProtocols: inout [Located<(name: String, protocols: [String])>]) -> [Located<Fact<String>>] {
        var found: [Located<Fact<String>>] = []
        let attachments = listenerPolicies[balancer.address] ?? [], negotiations = negotiationPolicies[balancer.address] ?? []
        guard let port else {
            // A listener whose port the plan does not know may be the one a policy is attached to.
            guard let policy = attachments.first ?? negotiations.first else { return [] }
            return [Located(.unknown(reason: "the listener's lb_port is not known, so which policy is its cannot be told"),
                            at: policy.origin)]
        }
        for attachment in attachments {
            let attachedPort = attachment["load_balancer_port"]
            if let unknown = Self.unknownPort(attachedPort) { return [unknown] }
            guard attachedPort.knownInt == port else { continue }
            let names = attachment["policy_names"]
            if names.isUnknown, !names.isProviderDefault {
                return [Located(.unknown(reason: "the policies of its listener policy are \(names.unknownReason)"),
                                at: names.origin)]
            }
            for name in names.items {
                guard let text = name.knownString else {
                    if name.isUnknown { return [Located(.unknown(reason: "a policy name is \(name.unknownReason)"), at: name.origin)] }
                    continue
                }
                for policy in policiesByName[text] ?? [] {
                    guard let belongs = belongs(policy, to: balancer) else {
                        return [Located(.unknown(reason: "policy '\(Excerpt.quote(text))' may be another load balancer's: its load_balancer_name is \(policy["load_balancer_name"].unknownReason)"),
                                        at: policy["load_balancer_name"].origin)]
                    }
                    guard belongs else { continue }
                    guard let type = policy["policy_type_name"].knownString else {
                        return [Located(.unknown(reason: "the type of policy '\(Excerpt.quote(text))' is not known"),
                                        at: policy["policy_type_name"].origin)]
                    }
                    if type == "SSLNegotiationPolicyType" {
                        let judged = Self.reference(in: policy["policy_attribute"], policy: policy, name: text)
                        found.append(judged.reference)
                        if let old = judged.oldProtocols { oldProtocols.append(old) }
                    }
                }
            }
        }
        for negotiation in negotiations {
            let attachedPort = negotiation["lb_port"]
            if let unknown = Self.unknownPort(attachedPort) { return [unknown] }
            guard attachedPort.knownInt == port else { continue }
            let judged = Self.reference(in: negotiation["attribute"], policy: negotiation,
                                        name: negotiation["name"].knownString ?? negotiation.address)
            found.append(judged.reference)
            if let old = judged.oldProtocols { oldProtocols.append(old) }
        }
        return found
    }

    /// A policy attached to a port the plan does not know may be the listener's, or another's: cannot be verified.
    private static func unknownPort(_ attribute: TerraformAttribute) -> Located<Fact<String>>? {
        guard attribute.knownInt == nil else { return nil }
        let why = attribute.isUnknown ? attribute.unknownReason : "not a known port"
        return Located(.unknown(reason: "a policy is attached to a port that is \(why)"), at: attribute.origin)
    }

    /// Whether an `aws_load_balancer_policy` belongs to the load balancer, by reference or name; `nil` when the plan
    /// cannot tell (policy names are per load balancer).
    private func belongs(_ policy: TerraformResource, to balancer: TerraformResource) -> Bool? {
        let owner = policy["load_balancer_name"]
        if let target = input.referenced(by: owner, of: policy, types: [Self.loadBalancerType]) {
            return target.address == balancer.address
        }
        guard let name = owner.knownString, let own = balancer["name"].knownString else { return nil }
        return name == own
    }

    /// The `Reference-Security-Policy` of a policy's attribute blocks; unknown for a custom policy, with the old
    /// protocols its attributes enable (`CustomSSLProtocols`).
    private static func reference(in attributes: TerraformAttribute, policy: TerraformResource, name: String)
        -> (reference: Located<Fact<String>>, oldProtocols: Located<(name: String, protocols: [String])>?) {
        for attribute in attributes.items where attribute.child("name").knownString == "Reference-Security-Policy" {
            return (attribute.child("value").string()
                ?? Located(.unknown(reason: "its Reference-Security-Policy has no value"), at: attribute.origin), nil)
        }
        if attributes.isUnknown, !attributes.isProviderDefault {
            return (Located(.unknown(reason: "the attributes of policy '\(Excerpt.quote(name))' are \(attributes.unknownReason)"),
                            at: attributes.origin), nil)
        }
        let enabled = CustomSSLProtocols.oldEnabled(attributes.items.compactMap { attribute in
            attribute.child("name").knownString.map { ($0, attribute.child("value").knownString) }
        })
        return (Located(.unknown(reason: "its SSL negotiation policy '\(Excerpt.quote(name))' is a custom one (its own protocols and ciphers), not one of the predefined security policies"),
                        at: policy.origin),
                enabled.isEmpty ? nil : Located((name, enabled), at: policy.origin))
    }
}

extension TerraformClassicListenerReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
