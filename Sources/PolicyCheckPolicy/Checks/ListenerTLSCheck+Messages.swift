import PolicyCheckSyntax

extension ListenerTLSCheck {
    /// The check's finding texts, in one place.
    enum Message {
        static let expectedRouting = "expected HTTPS, or default actions that only redirect to HTTPS or answer with a fixed response"
        static let expectedPolicy = "a security policy with TLS 1.2 or later as its minimum, such as ELBSecurityPolicy-TLS13-1-2-2021-06"

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

        // MARK: - Security policy

        static let noPolicy =
            "no security policy is named, so AWS applies \(ListenerTLSCheck.apiDefaultPolicy), which accepts TLS 1.0 and 1.1; expected \(expectedPolicy)"

        static func policyNotCurrent(_ name: String) -> String {
            "the listener uses the security policy '\(Excerpt.quote(name))', which is not a current policy; expected \(expectedPolicy)"
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
