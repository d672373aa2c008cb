import PolicyCheckModel
import PolicyCheckSyntax

/// `AWS::ElasticLoadBalancing::LoadBalancer` (a Classic Load Balancer): each of its `Listeners` is a listener, judged
/// as an ELBv2 listener is (MMC-ENC-004), internal (`Scheme: internal`) or not.
///
/// - `Protocol` is `HTTP`, `HTTPS`, `TCP` or `SSL`
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-elb-listener.html):
///   `SSL` terminates TLS as an NLB's `TLS` does, `TCP` passes traffic through. A Classic Load Balancer has no
///   redirect actions, so an HTTP listener always forwards plain HTTP.
/// - The security policy of an HTTPS or SSL listener is the `SSLNegotiationPolicyType` policy of the load balancer's
///   `Policies` that its `PolicyNames` name (or whose `LoadBalancerPorts` hold its port), by that policy's
///   `Reference-Security-Policy` attribute
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-policies.html).
///   Without one, Elastic Load Balancing associates ELBSecurityPolicy-2016-08
///   (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html). A custom policy (its
///   own protocol and cipher attributes) or one the template does not decide cannot be verified — unless the custom
///   policy's attributes enable TLS 1.0, TLS 1.1 or SSL 3.0, which it then accepts (`CustomSSLProtocols`).
enum ClassicListenerMapper: ResourceMapper {
    static let types = ["AWS::ElasticLoadBalancing::LoadBalancer"]
    static let sslNegotiationPolicyType = "SSLNegotiationPolicyType"
    static let referenceAttribute = "Reference-Security-Policy"

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let policies = properties.child("Policies").items()
        // Stickiness policies are named in a listener's PolicyNames too.
        let stickiness = ["LBCookieStickinessPolicy", "AppCookieStickinessPolicy"].flatMap { key in
            properties.child(key).items().compactMap { $0.child("PolicyName").knownText }
        }
        for item in properties.child("Listeners").items() {
            let names = item.child("PolicyNames")
            var listener = LoadBalancerListener(component: context.component, origin: item.origin,
                                                sslPolicyOrigin: names.isAbsent ? item.origin : names.origin)
            listener.offersRedirects = false
            let protocolValue = item.child("Protocol")
            listener.protocolName = protocolValue.string(worst: { ListenerMapper.isPlainHTTP($0) ? 1 : 0 },
                                                         dominates: ListenerMapper.isPlainHTTP)
                ?? Located(.unknown(reason: "the template gives no Protocol"), at: protocolValue.origin)
            let chosen = securityPolicies(of: item, names: names, policies: policies, stickiness: stickiness)
            listener.sslPolicy = chosen.first?.reference
            listener.otherSSLPolicies = chosen.dropFirst().map(\.reference)
            listener.oldProtocolPolicies = chosen.compactMap(\.oldProtocols)
            deployment.listeners.append(listener)
        }
    }

    /// The predefined policies the listener's SSL negotiation policies refer to; empty when none is associated. A
    /// listener given several (by `PolicyNames` and a policy's `LoadBalancerPorts`) keeps one of them — a port's set
    /// is replaced whole ("Replaces the current set of policies for the specified load balancer port",
    /// https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_SetLoadBalancerPoliciesOfListener.html)
    /// — and the template does not say which: every one is returned, judged at the worst (before, the last won).
    private static func securityPolicies(of listener: PropertyValue, names: PropertyValue, policies: [PropertyValue],
                                         stickiness: [String]) -> [ChosenPolicy] {
        var named: Set<String> = []
        for name in names.items() {
            guard let text = name.knownText else {
                return [ChosenPolicy(Located(.unknown(reason: "the listener's PolicyNames are not known from the template"), at: name.origin))]
            }
            named.insert(text)
        }
        let port = listener.child("LoadBalancerPort").knownText
        var chosen: [PropertyValue] = []
        for policy in policies {
            let type = policy.child("PolicyType"), name = policy.child("PolicyName")
            guard let typeText = type.knownText, let nameText = name.knownText else {
                // A policy the template does not decide may be the listener's.
                return [ChosenPolicy(Located(.unknown(reason: "a policy of the load balancer's Policies is not known from the template"),
                                             at: policy.origin))]
            }
            guard typeText == sslNegotiationPolicyType else { continue }
            let ports = policy.child("LoadBalancerPorts").items().compactMap(\.knownText)
            if named.contains(nameText) || (port != nil && ports.contains(port!)) { chosen.append(policy) }
        }
        guard !chosen.isEmpty else {
            let declared = Set(policies.compactMap { $0.child("PolicyName").knownText } + stickiness)
            guard let other = named.subtracting(declared).sorted().first else { return [] }
            // A name the template declares nowhere may be any policy.
            return [ChosenPolicy(Located(.unknown(reason: "PolicyNames names '\(Excerpt.quote(other))', which is not a policy of the load balancer"),
                                         at: names.origin))]
        }
        return chosen.map(judge)
    }

    /// An SSL negotiation policy that may be the listener's: the predefined policy it refers to (unknown for a custom
    /// one), and, for a custom one, the old protocols its attributes enable.
    struct ChosenPolicy {
        let reference: Located<Fact<String>>
        var oldProtocols: Located<(name: String, protocols: [String])>?

        init(_ reference: Located<Fact<String>>, oldProtocols: Located<(name: String, protocols: [String])>? = nil) {
            self.reference = reference
            self.oldProtocols = oldProtocols
        }
    }

    /// The predefined policy an SSL negotiation policy refers to; unknown for a custom one, which is judged by the
    /// protocols its attributes enable (`CustomSSLProtocols`).
    private static func judge(_ policy: PropertyValue) -> ChosenPolicy {
        let name = policy.child("PolicyName").knownText ?? ""
        let attributes = policy.child("Attributes").items()
        for attribute in attributes where attribute.child("Name").knownText == referenceAttribute {
            return ChosenPolicy(attribute.child("Value").string()
                ?? Located(.unknown(reason: "its \(referenceAttribute) has no Value"), at: attribute.origin))
        }
        let enabled = CustomSSLProtocols.oldEnabled(attributes.compactMap { attribute in
            attribute.child("Name").knownText.map { ($0, attribute.child("Value").knownText) }
        })
        return ChosenPolicy(Located(.unknown(reason: "its SSL negotiation policy '\(Excerpt.quote(name))' is a custom one (its own protocols and ciphers), not one of the predefined security policies"),
                                    at: policy.origin),
                            oldProtocols: enabled.isEmpty ? nil : Located((name, enabled), at: policy.origin))
    }
}
