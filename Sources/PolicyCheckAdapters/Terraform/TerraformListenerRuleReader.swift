import PolicyCheckModel
import PolicyCheckSyntax

/// Reads `aws_lb_listener_rule` (and its alias `aws_alb_listener_rule`): the listener it is added to and its
/// actions, judged with that listener (MMC-ENC-004), since AWS evaluates a listener's rules before its default actions
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html).
///
/// The listener is the one `listener_arn` refers to in the configuration (`aws_lb_listener.http.arn`, also through
/// module variables and outputs): in a plan the ARN of a listener created with the rule is known only after apply.
/// Without such a reference, the listener of the input whose known `arn` it is. Otherwise (a variable, a data source,
/// a listener the input does not hold) the listener cannot be told.
struct TerraformListenerRuleReader {
    static let ruleTypes: Set<String> = ["aws_lb_listener_rule", "aws_alb_listener_rule"]
    static let listenerTypes: Set<String> = ["aws_lb_listener", "aws_alb_listener"]

    let input: any TerraformResourceGraph
    /// The listeners' addresses by their known ARNs, indexed once per input (a rule looks its listener up here
    /// rather than scan the listeners).
    private let listenersByARN: [String: String]

    init(input: any TerraformResourceGraph) {
        self.input = input
        var byARN: [String: String] = [:]
        if input.count(ofType: Self.ruleTypes) > 0 {
            for listener in input.resources(ofType: Self.listenerTypes) {
                if let arn = listener["arn"].knownString, byARN[arn] == nil { byARN[arn] = listener.address }
            }
        }
        listenersByARN = byARN
    }

    func read(into deployment: inout Deployment) {
        for resource in input.resources(ofType: Self.ruleTypes) {
            var rule = LoadBalancerListenerRule(component: resource.address, origin: resource.rawOrigin,
                                                listener: listener(of: resource))
            rule.actions = TerraformListenerActions.read(resource["action"])
            deployment.listenerRules.append(rule)
        }
    }

    /// The address of the listener the rule is added to, located at `listener_arn`.
    private func listener(of rule: TerraformResource) -> Located<Fact<String>> {
        let reference = rule["listener_arn"]
        if let listener = input.referenced(by: reference, of: rule, types: Self.listenerTypes) {
            return Located(.known(listener.address), at: reference.origin)
        }
        if let arn = reference.knownString {
            if let address = listenersByARN[arn] { return Located(.known(address), at: reference.origin) }
            return Located(.unknown(reason: "listener_arn '\(Excerpt.quote(arn))' is no listener of this input"),
                           at: reference.origin)
        }
        if reference.isUnknown {
            return Located(.unknown(reason: "listener_arn is \(reference.unknownReason)"), at: reference.origin)
        }
        return Located(.unknown(reason: "the rule gives no listener_arn"), at: reference.fieldOrigin)
    }
}

extension TerraformListenerRuleReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
