/// A rule added to an Application Load Balancer listener (`aws_lb_listener_rule`,
/// `AWS::ElasticLoadBalancingV2::ListenerRule`): the listener it belongs to and its actions. AWS evaluates a
/// listener's rules before its default actions, so a rule's actions serve the requests the listener receives just as
/// the default actions do (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html).
public struct LoadBalancerListenerRule: Sendable {
    public var component: String
    public var origin: Origin
    /// The component of the listener it is added to (a `LoadBalancerListener` of the same deployment); unknown when
    /// the input does not say which listener that is (a variable, another stack's listener), located at the reference.
    public var listener: Located<Fact<String>>
    /// The rule's actions, in the order written.
    public var actions: [ListenerAction] = []

    public init(component: String, origin: Origin, listener: Located<Fact<String>>) {
        self.component = component
        self.origin = origin
        self.listener = listener
    }
}
