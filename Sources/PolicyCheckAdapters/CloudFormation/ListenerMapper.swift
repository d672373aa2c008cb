import PolicyCheckModel

/// `AWS::ElasticLoadBalancingV2::Listener`: protocol, security policy, and whether every default action redirects to
/// HTTPS (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html).
enum ListenerMapper: ResourceMapper {
    static let types = ["AWS::ElasticLoadBalancingV2::Listener"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let policy = properties.child("SslPolicy")
        var listener = LoadBalancerListener(component: context.component, origin: context.modelOrigin,
                                            sslPolicyOrigin: policy.origin)
        let protocolValue = properties.child("Protocol")
        listener.protocolName = protocolValue.string(worst: { isPlainHTTP($0) ? 1 : 0 }, dominates: isPlainHTTP)
            ?? Located(.unknown(reason: "the template gives no Protocol"), at: protocolValue.origin)
        listener.sslPolicy = policy.string()
        let actions = properties.child("DefaultActions").items()
        listener.redirectsToHTTPS = !actions.isEmpty && actions.allSatisfy { action in
            action.child("Type").knownText?.lowercased() == "redirect"
                && action.child("RedirectConfig", "Protocol").knownText?.uppercased() == "HTTPS"
        }
        deployment.listeners.append(listener)
    }

    /// Plain HTTP: no protocol is worse, so a branch that is HTTP is the listener's whatever the others are.
    static func isPlainHTTP(_ text: String) -> Bool { text.uppercased() == "HTTP" }
}
