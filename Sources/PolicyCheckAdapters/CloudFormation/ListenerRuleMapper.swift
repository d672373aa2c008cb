import PolicyCheckModel
import PolicyCheckSyntax

/// `AWS::ElasticLoadBalancingV2::ListenerRule`: the listener it is added to and its `Actions`, judged with that
/// listener (MMC-ENC-004), since AWS evaluates a listener's rules before its default actions
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html;
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listenerrule.html).
///
/// `ListenerArn` names the listener by `!Ref` (a listener's `Ref` is its ARN) or `!GetAtt Listener.ListenerArn`,
/// resolved through the template's resources by logical id. Anything else — a parameter, an `!ImportValue`, a literal
/// ARN, an `!If` between listeners — leaves the listener unknown.
enum ListenerRuleMapper: ResourceMapper {
    static let types = ["AWS::ElasticLoadBalancingV2::ListenerRule"]
    static let listenerType = "AWS::ElasticLoadBalancingV2::Listener"

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        var rule = LoadBalancerListenerRule(component: context.component, origin: context.modelOrigin,
                                            listener: listener(properties.child("ListenerArn")))
        rule.actions = ListenerActionReader.read(properties.child("Actions"))
        deployment.listenerRules.append(rule)
    }

    /// The logical id of the listener `ListenerArn` names, located at `ListenerArn`.
    static func listener(_ arn: PropertyValue) -> Located<Fact<String>> {
        var ids: [String] = []
        for alternative in arn.possibleValues {
            guard case .resource(let id, listenerType, let attribute) = alternative,
                  attribute == nil || attribute == "ListenerArn" else {
                let reason = alternative.isAbsent ? "the rule gives no ListenerArn"
                    : "ListenerArn names no listener of this template: \(alternative.unknownReason(expected: "a listener of this template"))"
                return Located(.unknown(reason: reason), at: arn.origin)
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard ids.count == 1 else {
            let shown = ids.prefix(4).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
            return Located(.unknown(reason: "ListenerArn depends on a condition: one of \(shown)"), at: arn.origin)
        }
        return Located(.known(ids[0]), at: arn.origin)
    }
}
