@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// An Ingress backend `service.name: <action>` with `port.name: use-annotation` takes its action from
/// `alb.ingress.kubernetes.io/actions.<action>`: a redirect to HTTPS or a fixed response does not forward plain HTTP,
/// a forward does, and text the controller refuses cannot be verified. Without a default backend the controller's
/// default action is a fixed 404 response.
@Suite struct AlbActionsAnnotationTests {
    typealias H = AdapterHarness

    static let redirect = #"alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'"#

    /// An internal ALB Ingress listening on HTTP:80 whose rule paths have the given backends.
    static func ingress(_ annotations: [String], backends: [String], defaultBackend: String? = nil) -> String {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
        text += #"    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}]'"# + "\n"
        text += annotations.map { "    \($0)\n" }.joined()
        text += "spec:\n  ingressClassName: alb\n"
        if let defaultBackend { text += "  defaultBackend:\n    service: \(defaultBackend)\n" }
        text += "  rules:\n  - http:\n      paths:\n"
        text += backends.map { "      - path: /\n        pathType: Prefix\n        backend:\n          service: \($0)\n" }.joined()
        return text
    }

    static let toRedirect = "{name: ssl-redirect, port: {name: use-annotation}}"
    static let toService = "{name: web, port: {number: 80}}"

    static func listenerFindings(_ text: String) throws -> [Finding] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).filter { $0.ruleId == "MMC-ENC-004" }
    }

    @Test("A rule that redirects to HTTPS or answers at the load balancer does not forward plain HTTP", arguments: [
        AlbActionsAnnotationTests.redirect,
        #"alb.ingress.kubernetes.io/actions.ssl-redirect: '{"type": "fixed-response", "fixedResponseConfig": {"statusCode": "503"}}'"#,
    ])
    func anAnswerAtTheLoadBalancerPasses(action: String) throws {
        #expect(try Self.listenerFindings(Self.ingress([action], backends: [Self.toRedirect])).isEmpty)
    }

    @Test func aForwardStillForwards() throws {
        // A rule to a Service beside the redirect forwards.
        let mixed = try Self.listenerFindings(Self.ingress([Self.redirect], backends: [Self.toRedirect, Self.toService]))
        #expect(mixed.count == 1 && mixed.first?.message.contains("plain HTTP and forwards it") == true)
        // So does a default backend to a Service, and an annotation that forwards.
        let defaulted = try Self.listenerFindings(Self.ingress([Self.redirect], backends: [Self.toRedirect],
                                                               defaultBackend: Self.toService))
        #expect(defaulted.count == 1)
        let forward = #"alb.ingress.kubernetes.io/actions.ssl-redirect: '{"type": "forward", "targetGroupARN": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/b"}'"#
        #expect(try Self.listenerFindings(Self.ingress([forward], backends: [Self.toRedirect])).count == 1)
        // A redirect that keeps HTTP does not secure it.
        let http = #"alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Path": "/new", "StatusCode": "HTTP_301"}}'"#
        #expect(try Self.listenerFindings(Self.ingress([http], backends: [Self.toRedirect])).count == 1)
    }

    @Test("An action the controller refuses cannot be verified", arguments: [
        [String](),
        [#"alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS"}}'"#],
        [#"alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "Redirect", "RedirectConfig": {"Protocol": "HTTPS", "StatusCode": "HTTP_301"}}'"#],
        ["alb.ingress.kubernetes.io/actions.ssl-redirect: 'not json'"],
    ])
    func aRefusedActionCannotBeVerified(annotations: [String]) throws {
        let findings = try Self.listenerFindings(Self.ingress(annotations, backends: [Self.toRedirect]))
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("cannot be verified") == true, "\(findings.map(\.message))")
    }
}
