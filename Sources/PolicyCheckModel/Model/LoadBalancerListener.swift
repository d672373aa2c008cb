/// A load-balancer listener (`aws_lb_listener`, `AWS::ElasticLoadBalancingV2::Listener`): the protocol clients
/// connect with and, for HTTPS and TLS, the security policy that sets the TLS versions and ciphers.
public struct LoadBalancerListener: Sendable {
    public var component: String
    public var origin: Origin
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`; `nil`: not stated.
    public var protocolName: Located<Fact<String>>?
    /// The security policy (`ssl_policy`, `SslPolicy`); `nil`: not stated (AWS's default applies).
    public var sslPolicy: Located<Fact<String>>?
    /// Where a missing security policy belongs.
    public var sslPolicyOrigin: Origin
    /// Whether every default action redirects to HTTPS (an HTTP listener that only redirects carries no data).
    public var redirectsToHTTPS = false

    public init(component: String, origin: Origin, sslPolicyOrigin: Origin) {
        self.component = component
        self.origin = origin
        self.sslPolicyOrigin = sslPolicyOrigin
    }
}
