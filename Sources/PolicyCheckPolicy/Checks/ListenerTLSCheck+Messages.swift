import PolicyCheckSyntax

extension ListenerTLSCheck {
    /// The check's finding texts, in one place.
    enum Message {
        static let expectedRouting = "expected HTTPS, or default actions and rules that only redirect to HTTPS or answer with a fixed response"
        /// The policy to name: a Classic Load Balancer has no TLS 1.3 policies (its predefined policies,
        /// https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html), so
        /// ELBSecurityPolicy-TLS-1-2-2017-01 is the one to name there.
        static func expectedPolicy(classic: Bool) -> String {
            classic
                ? "a security policy with TLS 1.2 as its minimum, such as ELBSecurityPolicy-TLS-1-2-2017-01 (a Classic Load Balancer has no TLS 1.3 policies)"
                : "a security policy with TLS 1.2 or later as its minimum, such as ELBSecurityPolicy-TLS13-1-2-2021-06"
        }

        static func protocolUnknown(_ reason: String) -> String {
            "the listener's protocol cannot be verified: \(reason)"
        }

        static let classicPlainHTTP =
            "the listener accepts plain HTTP and forwards it; expected HTTPS or SSL (a Classic Load Balancer has no redirect actions)"

        static let forwardsPlainHTTP = "the listener accepts plain HTTP and forwards it; \(expectedRouting)"

        static func redirectsWithoutHTTPS(_ named: String?) -> String {
            "the listener accepts plain HTTP and redirects it without moving to HTTPS (\(redirectProtocol(named))); expected HTTPS, or a redirect to HTTPS"
        }

        static func defaultActionUnknown(_ reason: String) -> String {
            "what the listener's default actions do with plain HTTP cannot be verified: \(reason)"
        }

        // MARK: - Rules

        static func ruleForwardsPlainHTTP(_ listener: String) -> String {
            "the rule forwards plain HTTP: its listener \(listener) accepts HTTP, and rules are evaluated before the default actions; expected the listener to use HTTPS, or the rule to redirect to HTTPS or answer with a fixed response"
        }

        static func ruleRedirectsWithoutHTTPS(_ listener: String, _ named: String?) -> String {
            "the rule redirects plain HTTP from its listener \(listener) without moving to HTTPS (\(redirectProtocol(named))); expected a redirect to HTTPS"
        }

        static func ruleActionUnknown(_ listener: String, _ reason: String) -> String {
            "what the rule does with plain HTTP from its listener \(listener) cannot be verified: \(reason)"
        }

        static func ruleListenerUnknown(_ reason: String) -> String {
            "the rule does not only redirect to HTTPS or answer with a fixed response, and its listener cannot be told, so whether it serves plain HTTP cannot be verified: \(reason)"
        }

        static func ruleListenerNotRead(_ listener: String) -> String {
            "the rule does not only redirect to HTTPS or answer with a fixed response, and its listener \(listener) is not an Application Load Balancer listener of this input, so whether it serves plain HTTP cannot be verified"
        }

        // MARK: - Security policy

        static func noPolicy(classic: Bool) -> String {
            "no security policy is named, so AWS applies \(ListenerTLSCheck.apiDefaultPolicy), which accepts TLS 1.0 and 1.1; expected \(expectedPolicy(classic: classic))"
        }

        static func policyNotCurrent(_ name: String, classic: Bool) -> String {
            "the listener uses the security policy '\(Excerpt.quote(name))', which is not a current policy; expected \(expectedPolicy(classic: classic))"
        }

        static func notAClassicPolicy(_ name: String) -> String {
            "the listener names the security policy '\(Excerpt.quote(name))', which Classic Load Balancers do not have: AWS refuses it, so the listener does not get it; expected \(expectedPolicy(classic: true))"
        }

        static func customPolicyEnablesOldProtocols(_ name: String, _ protocols: [String], classic: Bool) -> String {
            "the listener's SSL negotiation policy '\(Excerpt.quote(name))' is a custom one that enables \(protocols.joined(separator: " and ")), so it accepts TLS older than 1.2; expected \(expectedPolicy(classic: classic))"
        }

        static func policyUnknown(_ reason: String) -> String {
            "the listener's security policy cannot be verified: \(reason)"
        }

        private static func redirectProtocol(_ named: String?) -> String {
            guard let named else { return "the redirect names no protocol, so it keeps the request's" }
            return "the redirect's protocol is '\(Excerpt.quote(named))'"
        }
    }
}
