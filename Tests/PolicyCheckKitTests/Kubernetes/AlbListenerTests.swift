@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The listeners the AWS Load Balancer Controller gives an ALB Ingress (`listen-ports`, by default HTTP:80 or, with
/// `certificate-arn`, HTTPS:443; `ssl-redirect`; `ssl-policy`, by default ELBSecurityPolicy-2016-08) are judged by
/// MMC-ENC-004 as CloudFormation and Terraform listeners are.
@Suite struct AlbListenerTests {
    typealias H = AdapterHarness

    static func ingress(_ annotations: [String]) -> String {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
        text += "    alb.ingress.kubernetes.io/scheme: internet-facing\n    alb.ingress.kubernetes.io/inbound-cidrs: 52.20.12.0/24\n"
        text += annotations.map { "    \($0)\n" }.joined()
        return text + "spec:\n  ingressClassName: alb\n"
    }

    static let certificate = "alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc"
    static let bothPorts = #"alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'"#
    static let currentPolicy = "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06"

    static func listenerFindings(_ text: String) throws -> [Finding] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).filter { $0.ruleId == "MMC-ENC-004" }
    }

    @Test func theDefaultHTTPListenerForwardsPlainHTTP() throws {
        let findings = try Self.listenerFindings(Self.ingress([]))
        #expect(H.summary(findings) == ["MMC-ENC-004 10:21 Ingress/prod/web"], "at the class that makes it an ALB")
        #expect(findings.first?.message.contains("plain HTTP and forwards it") == true)
        #expect(findings.first?.path == "metadata.annotations['alb.ingress.kubernetes.io/listen-ports']")
    }

    @Test func aCertificateMakesTheDefaultListenerHTTPSWithTheControllersDefaultPolicy() throws {
        let findings = try Self.listenerFindings(Self.ingress([Self.certificate]))
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("ELBSecurityPolicy-2016-08") == true)
        #expect(findings.first?.path == "metadata.annotations['alb.ingress.kubernetes.io/ssl-policy']")
        #expect(try Self.listenerFindings(Self.ingress([Self.certificate, Self.currentPolicy])).isEmpty)
        let old = try Self.listenerFindings(Self.ingress([Self.certificate, "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-2016-08"]))
        #expect(H.summary(old) == ["MMC-ENC-004 10:43 Ingress/prod/web"], "at the named policy")
    }

    @Test func aCertificateListOfNothingIsNoCertificate() throws {
        // The controller drops empty items: `''` names no certificate, so the default listener is plain HTTP:80
        // (it was read as HTTPS:443, and the plain listener went unjudged).
        for empty in ["''", "' , '"] {
            let findings = try Self.listenerFindings(Self.ingress(["alb.ingress.kubernetes.io/certificate-arn: \(empty)"]))
            #expect(findings.map { $0.message.contains("plain HTTP and forwards it") } == [true], "\(empty)")
        }
    }

    @Test func sslRedirectTurnsHTTPListenersIntoRedirects() throws {
        let redirected = Self.ingress([Self.certificate, Self.bothPorts, Self.currentPolicy,
                                       "alb.ingress.kubernetes.io/ssl-redirect: '443'"])
        #expect(try Self.listenerFindings(redirected).isEmpty)
        // Without ssl-redirect the HTTP listener forwards; the HTTPS one passes.
        let forwarding = try Self.listenerFindings(Self.ingress([Self.certificate, Self.bothPorts, Self.currentPolicy]))
        #expect(H.summary(forwarding) == ["MMC-ENC-004 10:45 Ingress/prod/web"])
        // A redirect port that is not an HTTPS listen port is refused by the controller: no redirect.
        let wrongPort = Self.ingress([Self.certificate, Self.bothPorts, Self.currentPolicy,
                                      "alb.ingress.kubernetes.io/ssl-redirect: '8443'"])
        #expect(try Self.listenerFindings(wrongPort).count == 1)
    }

    @Test func listenPortsTheControllerRefusesCannotBeVerified() throws {
        let findings = try Self.listenerFindings(Self.ingress([#"alb.ingress.kubernetes.io/listen-ports: '[{"http": 80}]'"#]))
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("cannot be verified") == true)
    }

    static func mattermost(_ settings: [String]) -> String {
        var text = "apiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata:\n  name: acme\n  namespace: web\n"
        text += "spec:\n  awsLoadBalancerController:\n    enabled: true\n"
        return text + settings.map { "    \($0)\n" }.joined()
    }

    @Test func theMattermostOperatorsALBListenersAreItsAnnotations() throws {
        // Without a certificate the operator's ALB listens on HTTP:8065 and forwards.
        let plain = try Self.listenerFindings(Self.mattermost([]))
        #expect(H.summary(plain) == ["MMC-ENC-004 8:14 Mattermost/web/acme"])
        let read = H.read(text: Self.mattermost(["internetFacing: true"]))
        #expect(read.deployments.first?.allowlists.first?.entries.first?.allPorts == [PortRange(8065, 8065)])
        // With one: HTTP:80 redirects to HTTPS:443, whose policy the operator leaves to the default.
        let certificate = "certificateARN: arn:aws:acm:us-east-1:123456789012:certificate/abc"
        let tls = try Self.listenerFindings(Self.mattermost([certificate]))
        #expect(tls.count == 1 && tls.first?.message.contains("ELBSecurityPolicy-2016-08") == true)
        let current = Self.mattermost([certificate, "annotations:", "  \(Self.currentPolicy)"])
        #expect(try Self.listenerFindings(current).isEmpty)
    }
}
