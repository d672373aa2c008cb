import PolicyCheckModel

/// The actions of an `AWS::ElasticLoadBalancingV2::Listener`'s `DefaultActions` or a `ListenerRule`'s `Actions`:
/// each one's `Type` and, for a redirect, `RedirectConfig.Protocol`
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listenerrule.html).
/// Values an `!If` or a parameter chooses between are judged at their worst: a `forward`, a protocol other than HTTPS.
enum ListenerActionReader {
    static func read(_ actions: PropertyValue) -> [ListenerAction] {
        actions.items().map { item in
            let typeValue = item.child("Type")
            let type = typeValue.string(worst: typeRank, dominates: { $0.lowercased() == "forward" })
                ?? Located(.unknown(reason: "the action gives no Type"), at: typeValue.origin)
            var action = ListenerAction(type: type, origin: item.origin)
            if action.type.value.known == "redirect" {
                action.redirectProtocol = item.child("RedirectConfig", "Protocol")
                    .string(worst: { isHTTPS($0) ? 0 : 1 }, dominates: { !isHTTPS($0) })
            }
            return action
        }
    }

    /// A forward serves plain HTTP; a redirect may; the other types answer at the load balancer or only precede one.
    private static func typeRank(_ type: String) -> Int {
        switch type.lowercased() {
        case "forward": 2
        case "redirect": 1
        default: 0
        }
    }

    private static func isHTTPS(_ name: String) -> Bool { name.uppercased() == "HTTPS" }
}
