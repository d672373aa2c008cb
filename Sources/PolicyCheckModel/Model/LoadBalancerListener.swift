/// A load-balancer listener (`aws_lb_listener`, `AWS::ElasticLoadBalancingV2::Listener`, and each listener of a
/// Classic Load Balancer, `aws_elb`, `AWS::ElasticLoadBalancing::LoadBalancer`): the protocol clients connect with
/// and, for HTTPS, TLS and SSL, the security policy that sets the TLS versions and ciphers.
public struct LoadBalancerListener: Sendable {
    public var component: String
    public var origin: Origin
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE` (a Classic Load Balancer's `SSL` is its `TLS`); `nil`:
    /// not stated.
    public var protocolName: Located<Fact<String>>?
    /// The security policy (`ssl_policy`, `SslPolicy`); `nil`: not stated (AWS's default applies).
    public var sslPolicy: Located<Fact<String>>?
    /// Further security policies that may be the listener's: a Classic Load Balancer port given several SSL
    /// negotiation policies keeps one, which depends on the order they are applied (`SetLoadBalancerPoliciesOfListener`
    /// replaces the port's set). Judged with `sslPolicy`, at the worst.
    public var otherSSLPolicies: [Located<Fact<String>>] = []
    /// Custom SSL negotiation policies that may be the listener's and whose attributes enable TLS 1.0 or 1.1
    /// (`Protocol-TLSv1` or `Protocol-TLSv1.1` `true`), each as its name and the protocols it enables: whatever else the
    /// policy says, it accepts them. Judged with `sslPolicy`, at the worst.
    public var oldProtocolPolicies: [Located<(name: String, protocols: [String])>] = []
    /// Where a missing security policy belongs.
    public var sslPolicyOrigin: Origin
    /// The default actions (an Application Load Balancer's), performed when no rule's conditions are met.
    public var defaultActions: [ListenerAction] = []
    /// Whether the load balancer has redirect actions at all (a Classic Load Balancer has none).
    public var offersRedirects = true

    public init(component: String, origin: Origin, sslPolicyOrigin: Origin) {
        self.component = component
        self.origin = origin
        self.sslPolicyOrigin = sslPolicyOrigin
    }
}
