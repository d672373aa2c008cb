import PolicyCheckModel

/// Where a listener's actions — its default actions, or one rule's — send a request that arrived over plain HTTP,
/// judged at the worst action (the first of equals, so findings do not move): what MMC-ENC-004 asks of an HTTP
/// listener is that no request goes on to a target unencrypted.
///
/// A redirect to HTTPS and a fixed response both answer at the load balancer: a `fixed-response` action drops the
/// request and returns the configured response
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html, "Fixed-response
/// actions"), so no target receives it. A `forward` sends the request on as received; a redirect whose protocol is
/// `HTTP`, `#{protocol}` or not set keeps plain HTTP (components a redirect does not set keep their values,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RedirectActionConfig.html).
/// Authentication and JWT actions only precede a routing action (and are for HTTPS listeners).
enum ListenerRouting {
    /// Every routing action answers at the load balancer.
    case answersAtLoadBalancer
    /// An action forwards the request to targets (or no routing action is given: AWS requires one, so the worst).
    case forwards(Origin)
    /// A redirect keeps plain HTTP; `named` is the protocol it names, `nil` when it names none.
    case redirectsWithoutHTTPS(Origin, named: String?)
    /// An action's type or redirect protocol is not known.
    case unknown(reason: String, at: Origin)

    /// The routing of `actions`; `origin` stands for a list with no routing action.
    init(_ actions: [ListenerAction], none origin: Origin) {
        var worst: ListenerRouting?
        for action in actions {
            guard let routing = Self.routing(of: action) else { continue }
            if worst == nil || routing.rank > worst!.rank { worst = routing }
        }
        self = worst ?? .forwards(origin)
    }

    /// What one action does; `nil` for actions that do not route (authentication, JWT validation).
    private static func routing(of action: ListenerAction) -> ListenerRouting? {
        switch action.type.value {
        case .unknown(let reason):
            return .unknown(reason: reason, at: action.type.origin)
        case .known("forward"):
            return .forwards(action.origin)
        case .known("fixed-response"):
            return .answersAtLoadBalancer
        case .known("redirect"):
            guard let stated = action.redirectProtocol else { return .redirectsWithoutHTTPS(action.origin, named: nil) }
            switch stated.value {
            case .unknown(let reason): return .unknown(reason: reason, at: stated.origin)
            case .known(let name) where name.uppercased() == "HTTPS": return .answersAtLoadBalancer
            case .known(let name): return .redirectsWithoutHTTPS(action.origin, named: name)
            }
        case .known:
            return nil
        }
    }

    /// Known bad before unknown before good.
    private var rank: Int {
        switch self {
        case .answersAtLoadBalancer: 0
        case .unknown: 1
        case .redirectsWithoutHTTPS: 2
        case .forwards: 3
        }
    }
}
