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
        // `!Sub '${Listener}'` and `!Join ['', [!Ref Listener]]` spell the listener's ARN and nothing else.
        if let written = arn.written, let id = wrappedListener(written, template: arn.resolver.template, depth: 0) {
            return Located(.known(id), at: arn.origin)
        }
        var ids: [String] = []
        // `ListenerArn` is required: a branch that leaves it out (`!Ref AWS::NoValue`) cannot be deployed, so the
        // listeners of the other branches decide.
        let values = arn.possibleValues.contains { !$0.isAbsent } ? arn.possibleValues.filter { !$0.isAbsent } : arn.possibleValues
        for alternative in values {
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

    /// The listener an expression that only wraps a listener's ARN names: `!Ref L`, `!GetAtt L.ListenerArn`,
    /// `!Sub '${L}'` (or `${L.ListenerArn}`), and `!Join ['', [one of these]]`.
    static func wrappedListener(_ node: SourceNode, template: Template, depth: Int) -> String? {
        guard depth < 8, let call = Intrinsic.parse(node) else { return nil }
        func listener(_ id: String) -> String? { template.resource(id)?.type == listenerType ? id : nil }
        switch call.function {
        case "Ref":
            return call.argument.string.flatMap(listener)
        case "Fn::GetAtt":
            let parts = call.argument.string.map { $0.split(separator: ".").map(String.init) }
                ?? call.argument.items?.compactMap(\.string) ?? []
            return parts.count == 2 && parts[1] == "ListenerArn" ? listener(parts[0]) : nil
        case "Fn::Sub":
            // Only the one-string form: a variables map (`!Sub ['${L}', {L: …}]`) may rebind the name.
            guard let text = call.argument.string,
                  text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
            let name = text.dropFirst(2).dropLast()
            guard !name.contains("$"), !name.contains("{"), !name.contains("}") else { return nil }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 1 { return listener(parts[0]) }
            return parts.count == 2 && parts[1] == "ListenerArn" ? listener(parts[0]) : nil
        case "Fn::Join":
            guard let items = call.argument.items, items.count == 2, items[0].string == "",
                  let list = items[1].items, list.count == 1 else { return nil }
            return wrappedListener(list[0], template: template, depth: depth + 1)
        default:
            return nil
        }
    }
}
