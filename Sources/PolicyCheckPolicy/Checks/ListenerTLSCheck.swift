import PolicyCheckModel
import PolicyCheckSyntax

/// Load-balancer listeners must carry data over TLS with a current security policy: HTTPS or TLS (an HTTP listener
/// whose every default action redirects to HTTPS carries none), with a policy whose minimum is TLS 1.2. An HTTPS or
/// TLS listener created without a policy outside the console gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html).
public struct ListenerTLSCheck: Check {
    public static let name = "encryption.tls-listener"

    /// The security policy AWS applies when none is given (CLI, CloudFormation, Terraform).
    static let apiDefaultPolicy = "ELBSecurityPolicy-2016-08"
    /// Protocols that pass traffic through without terminating TLS at the load balancer: what they carry is the
    /// targets' business.
    static let passThrough: Set<String> = ["TCP", "UDP", "TCP_UDP", "GENEVE"]

    let acceptedPolicies: [String]

    public init(parameters: CheckParameters) {
        acceptedPolicies = parameters.strings("acceptedPolicies", default: [])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.listeners.map { listener in CheckResult(listener.component, outcome(listener)) }
    }

    private func outcome(_ listener: LoadBalancerListener) -> CheckOutcome {
        guard let stated = listener.protocolName else { return .notApplicable }
        switch stated.value {
        case .unknown(let reason):
            return .cannotVerify([Evidence("the listener's protocol cannot be verified: \(reason)", at: stated.origin)])
        case .known(let name):
            let upper = name.uppercased()
            if Self.passThrough.contains(upper) { return .notApplicable }
            if upper == "HTTP" {
                if listener.redirectsToHTTPS { return .pass }
                guard listener.offersRedirects else {
                    return .fail([Evidence("the listener accepts plain HTTP and forwards it; expected HTTPS or SSL (a Classic Load Balancer has no redirect actions)",
                                           at: stated.origin)])
                }
                return .fail([Evidence("the listener accepts plain HTTP and forwards it; expected HTTPS, or every default action a redirect to HTTPS",
                                       at: stated.origin)])
            }
            return policyOutcome(listener)
        }
    }

    private func policyOutcome(_ listener: LoadBalancerListener) -> CheckOutcome {
        let expected = "a security policy with TLS 1.2 or later as its minimum, such as ELBSecurityPolicy-TLS13-1-2-2021-06"
        guard let policy = listener.sslPolicy else {
            return .fail([Evidence("no security policy is named, so AWS applies \(Self.apiDefaultPolicy), which accepts TLS 1.0 and 1.1; expected \(expected)",
                                   at: listener.sslPolicyOrigin)])
        }
        switch policy.value {
        case .known(let name) where acceptedPolicies.contains(name):
            return .pass
        case .known(let name):
            return .fail([Evidence("the listener uses the security policy '\(Excerpt.quote(name))', which is not a current policy; expected \(expected)",
                                   at: policy.origin)])
        case .unknown(let reason):
            return .cannotVerify([Evidence("the listener's security policy cannot be verified: \(reason)", at: policy.origin)])
        }
    }
}
