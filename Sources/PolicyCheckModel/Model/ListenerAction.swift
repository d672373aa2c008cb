/// One action of an Application Load Balancer listener's default actions or of one of its rules: its type, and for a
/// redirect the protocol it moves the request to. Types are AWS's, lowercased: `forward`, `redirect`,
/// `fixed-response`, `authenticate-oidc`, `authenticate-cognito`, `jwt-validation`
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html).
public struct ListenerAction: Sendable {
    /// The action's type, lowercased; unknown when the input does not decide it.
    public var type: Located<Fact<String>>
    /// A redirect's protocol (`HTTPS`, `HTTP`, `#{protocol}`); `nil`: not stated, so AWS keeps the request's own
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RedirectActionConfig.html: "Any
    /// components that you do not modify retain their original values").
    public var redirectProtocol: Located<Fact<String>>?
    /// The action as a whole, where a finding about what it does belongs.
    public var origin: Origin

    /// A known `type` is lowercased (the inputs' case varies).
    public init(type: Located<Fact<String>>, redirectProtocol: Located<Fact<String>>? = nil, origin: Origin) {
        if case .known(let name) = type.value {
            self.type = Located(.known(name.lowercased()), at: type.origin)
        } else {
            self.type = type
        }
        self.redirectProtocol = redirectProtocol
        self.origin = origin
    }
}
