import PolicyCheckModel
import PolicyCheckSyntax

/// Load-balancer listeners must carry data over TLS with a current security policy: HTTPS or TLS (an HTTP listener
/// whose default actions and rules only redirect to HTTPS or answer with a fixed response carries none to its
/// targets), with a policy whose minimum is TLS 1.2. An HTTPS or TLS listener created without a policy outside the
/// console gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html).
///
/// A listener's rules are evaluated before its default actions
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html), so each rule of an HTTP
/// listener is judged too, as its own resource, at the action that forwards.
public struct ListenerTLSCheck: Check {
    public static let name = "encryption.tls-listener"

    /// The security policy AWS applies when none is given (CLI, CloudFormation, Terraform).
    static let apiDefaultPolicy = "ELBSecurityPolicy-2016-08"
    /// Protocols that pass traffic through without terminating TLS at the load balancer: what they carry is the
    /// targets' business.
    static let passThrough: Set<String> = ["TCP", "UDP", "TCP_UDP", "GENEVE"]

    let acceptedPolicies: [String]
    /// The accepted policies a Classic Load Balancer has: it has no TLS 1.3 or FS policies
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html), so naming one
    /// there is refused by AWS and leaves the listener without it. `acceptedPolicies` when the pack does not say.
    let acceptedClassicPolicies: [String]

    public init(parameters: CheckParameters) {
        acceptedPolicies = parameters.strings("acceptedPolicies", default: [])
        acceptedClassicPolicies = parameters.strings("acceptedClassicPolicies", default: acceptedPolicies)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        var results = deployment.listeners.map { listener in CheckResult(listener.component, outcome(listener)) }
        guard !deployment.listenerRules.isEmpty else { return results }
        // Each rule finds its listener here, once per deployment, rather than by a scan of the listeners.
        var listeners: [String: LoadBalancerListener] = [:]
        for listener in deployment.listeners where listener.offersRedirects && listeners[listener.component] == nil {
            listeners[listener.component] = listener
        }
        results += deployment.listenerRules.map { rule in CheckResult(rule.component, outcome(rule, listeners)) }
        return results
    }

    private func outcome(_ listener: LoadBalancerListener) -> CheckOutcome {
        guard let stated = listener.protocolName else { return .notApplicable }
        switch stated.value {
        case .unknown(let reason):
            return .cannotVerify([Evidence(Message.protocolUnknown(reason), at: stated.origin)])
        case .known(let name):
            let upper = name.uppercased()
            if Self.passThrough.contains(upper) { return .notApplicable }
            if upper == "HTTP" {
                guard listener.offersRedirects else {
                    return .fail([Evidence(Message.classicPlainHTTP, at: stated.origin)])
                }
                switch ListenerRouting(listener.defaultActions, none: stated.origin) {
                case .answersAtLoadBalancer: return .pass
                case .forwards: return .fail([Evidence(Message.forwardsPlainHTTP, at: stated.origin)])
                case .redirectsWithoutHTTPS(_, let named):
                    return .fail([Evidence(Message.redirectsWithoutHTTPS(named), at: stated.origin)])
                case .unknown(let reason, let origin):
                    return .cannotVerify([Evidence(Message.defaultActionUnknown(reason), at: origin)])
                }
            }
            return policyOutcome(listener)
        }
    }

    /// A rule is judged only on an HTTP listener: on HTTPS its requests arrived encrypted, and the listener's
    /// protocol is judged on the listener. A rule that answers at the load balancer passes whatever its listener.
    private func outcome(_ rule: LoadBalancerListenerRule, _ listeners: [String: LoadBalancerListener]) -> CheckOutcome {
        let routing = ListenerRouting(rule.actions, none: rule.origin)
        if case .answersAtLoadBalancer = routing { return .pass }
        let name: String
        switch rule.listener.value {
        case .unknown(let reason):
            return .cannotVerify([Evidence(Message.ruleListenerUnknown(reason), at: rule.listener.origin)])
        case .known(let component):
            guard let listener = listeners[component] else {
                return .cannotVerify([Evidence(Message.ruleListenerNotRead(component), at: rule.listener.origin)])
            }
            guard listener.protocolName?.value.known?.uppercased() == "HTTP" else { return .notApplicable }
            name = component
        }
        switch routing {
        case .answersAtLoadBalancer: return .pass
        case .forwards(let origin): return .fail([Evidence(Message.ruleForwardsPlainHTTP(name), at: origin)])
        case .redirectsWithoutHTTPS(let origin, let named):
            return .fail([Evidence(Message.ruleRedirectsWithoutHTTPS(name, named), at: origin)])
        case .unknown(let reason, let origin):
            return .cannotVerify([Evidence(Message.ruleActionUnknown(name, reason), at: origin)])
        }
    }

    private func policyOutcome(_ listener: LoadBalancerListener) -> CheckOutcome {
        guard let policy = listener.sslPolicy else {
            return .fail([Evidence(Message.noPolicy(classic: !listener.offersRedirects), at: listener.sslPolicyOrigin)])
        }
        let classic = !listener.offersRedirects
        // A custom policy that enables TLS 1.0 or 1.1 accepts them, whatever its ciphers: known, not "cannot verify".
        if !listener.oldProtocolPolicies.isEmpty {
            return .fail(listener.oldProtocolPolicies.map { policy in
                Evidence(Message.customPolicyEnablesOldProtocols(policy.value.name, policy.value.protocols, classic: classic),
                         at: policy.origin)
            })
        }
        guard !listener.otherSSLPolicies.isEmpty else { return policyOutcome(policy, classic: classic) }
        // Several policies may be the listener's: the worst is judged (a failing one, else one not known).
        let outcomes = ([policy] + listener.otherSSLPolicies).map { policyOutcome($0, classic: classic) }
        return outcomes.first { if case .fail = $0 { true } else { false } }
            ?? outcomes.first { if case .cannotVerify = $0 { true } else { false } } ?? outcomes[0]
    }

    private func policyOutcome(_ policy: Located<Fact<String>>, classic: Bool) -> CheckOutcome {
        switch policy.value {
        case .known(let name) where (classic ? acceptedClassicPolicies : acceptedPolicies).contains(name):
            return .pass
        case .known(let name) where classic && acceptedPolicies.contains(name):
            return .fail([Evidence(Message.notAClassicPolicy(name), at: policy.origin)])
        case .known(let name):
            return .fail([Evidence(Message.policyNotCurrent(name, classic: classic), at: policy.origin)])
        case .unknown(let reason):
            return .cannotVerify([Evidence(Message.policyUnknown(reason), at: policy.origin)])
        }
    }
}
