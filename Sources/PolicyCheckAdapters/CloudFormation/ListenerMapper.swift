import PolicyCheckModel

/// `AWS::ElasticLoadBalancingV2::Listener`: protocol, security policy, and the default actions (`ListenerActionReader`)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html).
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
        listener.defaultActions = ListenerActionReader.read(properties.child("DefaultActions"))
        deployment.listeners.append(listener)
    }

    /// Plain HTTP: no protocol is worse, so a branch that is HTTP is the listener's whatever the others are.
    static func isPlainHTTP(_ text: String) -> Bool { text.uppercased() == "HTTP" }
}
