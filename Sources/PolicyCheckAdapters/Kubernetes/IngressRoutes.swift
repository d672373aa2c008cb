import PolicyCheckModel
import PolicyCheckSyntax

/// What the AWS Load Balancer Controller does with the requests an Ingress routes: its default action and one
/// action per rule path, as the HTTP listener of its ALB performs them.
///
/// As the controller builds them (its `buildListenerDefaultActions` and `EnhancedBackendBuilder.Build`): an Ingress
/// with `spec.defaultBackend` has that backend's action as the listener's default action, one without it "a fixed 404
/// response" (`build404Action`); each `spec.rules[].http.paths[]` is a listener rule with its backend's action. A
/// backend `service.name: <action>` with `port.name: use-annotation` takes its action from the JSON annotation
/// `alb.ingress.kubernetes.io/actions.<action>`
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#actions): a
/// `redirect` (its `redirectConfig.protocol`), a `fixed-response` or a `forward`; any other backend forwards to its
/// Service. The controller decodes the JSON with Go's `encoding/json` (keys matched without regard to case, so
/// `"Type"` is `type`), and refuses an action annotation that is missing, not JSON, of another type, or a redirect or
/// fixed response without a `statusCode` (`Action.validate`): then what the rule does cannot be verified.
struct IngressRoutes {
    /// The HTTP listener's default action.
    var defaultAction: ListenerAction
    /// One action per rule path, in the order written.
    var ruleActions: [ListenerAction]

    static let useAnnotation = "use-annotation"
    static let actionsPrefix = "alb.ingress.kubernetes.io/actions."

    /// The routes of an Ingress; `nil` when it has neither rule paths nor a default backend (such an Ingress is judged
    /// as forwarding: a rule added later would be).
    init?(_ ingress: IngressDefinition) {
        guard ingress.defaultBackend != nil || !ingress.pathBackends.isEmpty else { return nil }
        if let defaultBackend = ingress.defaultBackend {
            defaultAction = Self.action(of: defaultBackend, in: ingress)
        } else {
            let origin = ingress.defaultBackendOrigin
            defaultAction = ListenerAction(type: Located(.known("fixed-response"), at: origin), origin: origin)
        }
        ruleActions = ingress.pathBackends.map { Self.action(of: $0, in: ingress) }
    }

    /// The action of one backend.
    static func action(of backend: IngressBackend, in ingress: IngressDefinition) -> ListenerAction {
        let origin = backend.origin
        if let reason = backend.unknown { return unknown(reason, at: origin) }
        guard backend.namesService else {
            return unknown("the backend names no Service, which the controller refuses (\"missing required "
                           + "\\\"service\\\" field\")", at: origin)
        }
        guard backend.portName == useAnnotation, let name = backend.serviceName else {
            return ListenerAction(type: Located(.known("forward"), at: origin), origin: origin)
        }
        let key = actionsPrefix + name
        if let value = ingress.unknownAnnotations[key] {
            return unknown("the backend takes its action from '\(key)', which is not known: \(value.value)", at: value.origin)
        }
        guard let value = ingress.annotations[key] else {
            return unknown("the backend takes its action from '\(key)', which is not annotated: the controller "
                           + "refuses the Ingress", at: origin)
        }
        return annotationAction(value, key: key)
    }

    /// The action an `actions.<name>` annotation describes.
    static func annotationAction(_ value: Located<String>, key: String) -> ListenerAction {
        let origin = value.origin
        let refused = unknown("'\(key)' is not an action the controller accepts (a JSON object with a type of "
                              + "redirect, fixed-response or forward, and a statusCode for the first two)", at: origin)
        guard let node = try? JSONReader.parse(Array(value.value.utf8)), node.entries != nil,
              let type = field(node, "type")?.string else { return refused }
        switch type {
        case "forward":
            return ListenerAction(type: Located(.known("forward"), at: origin), origin: origin)
        case "fixed-response":
            guard let config = field(node, "fixedResponseConfig"), hasStatusCode(config) else { return refused }
            return ListenerAction(type: Located(.known("fixed-response"), at: origin), origin: origin)
        case "redirect":
            guard let config = field(node, "redirectConfig"), hasStatusCode(config) else { return refused }
            // A protocol not stated keeps the request's own (plain HTTP on the HTTP listener).
            let stated = field(config, "protocol").map { node -> Located<Fact<String>> in
                guard let text = node.string else {
                    return Located(.unknown(reason: "the redirect's protocol is not a string"), at: origin)
                }
                return Located(.known(text), at: origin)
            }
            return ListenerAction(type: Located(.known("redirect"), at: origin), redirectProtocol: stated, origin: origin)
        default:
            return refused
        }
    }

    /// A redirect or fixed response's `statusCode`, a non-empty string (`validate`).
    private static func hasStatusCode(_ config: SourceNode) -> Bool {
        guard let code = field(config, "statusCode") else { return false }
        return code.string.map { !$0.isEmpty } ?? false
    }

    /// A key of a JSON object as Go's `encoding/json` matches a field: exactly, else without regard to ASCII case;
    /// the last such key wins, as Go decodes duplicates.
    private static func field(_ node: SourceNode, _ name: String) -> SourceNode? {
        guard let entries = node.entries else { return nil }
        if let exact = entries.last(where: { $0.key == name }) { return exact.value }
        return entries.last { $0.key.lowercased() == name.lowercased() }?.value
    }

    private static func unknown(_ reason: String, at origin: Origin) -> ListenerAction {
        ListenerAction(type: Located(.unknown(reason: reason), at: origin), origin: origin)
    }
}
