@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The listeners an AWS controller gives a `type: LoadBalancer` Service — TLS with `aws-load-balancer-ssl-cert`,
/// plain HTTP with `aws-load-balancer-backend-protocol: http` on a Classic Load Balancer — are judged by MMC-ENC-004
/// as CloudFormation and Terraform listeners are. Without `aws-load-balancer-ssl-negotiation-policy` a TLS listener
/// gets ELBSecurityPolicy-2016-08 (TLS 1.0), which passed silently before.
@Suite struct ServiceListenerTests {
    typealias H = AdapterHarness

    static let certificate = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:us-east-1:123456789012:certificate/abc"
    static let currentPolicy = "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS13-1-2-2021-06"
    static let classicPolicy = "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS-1-2-2017-01"
    static let internalScheme = "service.beta.kubernetes.io/aws-load-balancer-internal: \"true\""

    static func service(_ annotations: [String], loadBalancerClass: String? = nil,
                        ports: [String] = ["{name: https, port: 443}"]) -> String {
        var text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
        text += ([Self.internalScheme] + annotations).map { "    \($0)\n" }.joined()
        text += "spec:\n  type: LoadBalancer\n"
        if let loadBalancerClass { text += "  loadBalancerClass: \(loadBalancerClass)\n" }
        return text + "  ports:\n" + ports.map { "  - \($0)\n" }.joined()
    }

    static func listenerFindings(_ text: String) throws -> [Finding] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).filter { $0.ruleId == "MMC-ENC-004" }
    }

    @Test func aClassicSSLListenerWithoutAPolicyGetsAWSsDefault() throws {
        let findings = try Self.listenerFindings(Self.service([Self.certificate]))
        #expect(H.summary(findings) == ["MMC-ENC-004 8:60 Service/prod/web"], "at the certificate that makes it SSL")
        #expect(findings.first?.message.contains("ELBSecurityPolicy-2016-08") == true)
        // A Classic Load Balancer has no TLS 1.3 policies: the policy named is one it has.
        #expect(findings.first?.message.contains("such as ELBSecurityPolicy-TLS-1-2-2017-01") == true)
        #expect(findings.first?.remediation.contains("Classic Load Balancer has neither redirect actions nor TLS 1.3 policies") == true)
        #expect(findings.first?.path == "metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy']")
        #expect(try Self.listenerFindings(Self.service([Self.certificate, Self.classicPolicy])).isEmpty)
        // A TLS 1.3 policy is not one a Classic Load Balancer has: AWS refuses it.
        let tls13 = try Self.listenerFindings(Self.service([Self.certificate, Self.currentPolicy]))
        #expect(tls13.first?.message.contains("which Classic Load Balancers do not have") == true, "\(tls13)")
        let old = try Self.listenerFindings(Self.service([Self.certificate,
            "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-2016-08"]))
        #expect(H.summary(old) == ["MMC-ENC-004 9:74 Service/prod/web"], "at the named policy")
    }

    @Test func withoutACertificateAPortIsTCPAndPassesThrough() throws {
        #expect(try Self.listenerFindings(Self.service([])).isEmpty)
        #expect(try Self.listenerFindings(Self.service(["service.beta.kubernetes.io/aws-load-balancer-type: nlb"])).isEmpty)
        // A Service of another implementation's class does not read AWS's annotations.
        #expect(try Self.listenerFindings(Self.service([Self.certificate], loadBalancerClass: "example.com/lb")).isEmpty)
    }

    /// The Kubernetes documentation's example: a certificate on 443 only, the backend speaking HTTP; port 80 is then
    /// a plain HTTP listener, which a Classic Load Balancer cannot redirect.
    @Test func theClassicBackendProtocolMakesHTTPAndHTTPSListeners() throws {
        let text = Self.service([Self.certificate, Self.classicPolicy,
                                 "service.beta.kubernetes.io/aws-load-balancer-backend-protocol: http",
                                 "service.beta.kubernetes.io/aws-load-balancer-ssl-ports: \"443\""],
                                ports: ["{name: http, port: 80}", "{name: https, port: 443}"])
        let findings = try Self.listenerFindings(text)
        #expect(findings.count == 1)
        #expect(findings.first?.line == 10, "at the backend protocol that makes it HTTP")
        #expect(findings.first?.message.contains("HTTP") == true)
        // Named by the port's name (the classic controller lowercases the port's name, not the annotation's).
        let byName = text.replacingOccurrences(of: "ssl-ports: \"443\"", with: "ssl-ports: https")
        #expect(try Self.listenerFindings(byName).count == 1)
        // An item with a space is not trimmed by the in-tree controller: it names no port, so 443 is HTTP too.
        let spaced = text.replacingOccurrences(of: "ssl-ports: \"443\"", with: "ssl-ports: \"80, 443\"")
        #expect(try Self.listenerFindings(spaced).count == 1, "80 is SSL, ' 443' names nothing: 443 is plain HTTP")
        // A backend protocol the controller refuses beside a certificate cannot be verified.
        let refused = Self.service([Self.certificate, "service.beta.kubernetes.io/aws-load-balancer-backend-protocol: grpc"])
        #expect(try Self.listenerFindings(refused).map(\.cannotVerify) == [true])
    }

    @Test func theLoadBalancerControllersNLBHasTLSListenersOnTheNamedPorts() throws {
        let controller = "service.beta.kubernetes.io/aws-load-balancer-type: external"
        let ports = ["{name: https, port: 443}", "{name: metrics, port: 9000}", "{name: dns, port: 53, protocol: UDP}"]
        // Every port but UDP is TLS without ssl-ports, on the default policy: one finding for the certificate's ports.
        #expect(try Self.listenerFindings(Self.service([controller, Self.certificate], ports: ports)).count == 1)
        // ssl-ports names ports (trimmed, by name or number); the others stay TCP.
        let named = Self.service([controller, Self.certificate,
                                  "service.beta.kubernetes.io/aws-load-balancer-ssl-ports: \" https , 8443\""], ports: ports)
        #expect(try Self.listenerFindings(named).count == 1)
        #expect(try Self.listenerFindings(Self.service([controller, Self.certificate, Self.currentPolicy], ports: ports)).isEmpty)
        // The class selects the same controller.
        let byClass = Self.service([Self.certificate], loadBalancerClass: "service.k8s.aws/nlb", ports: ports)
        #expect(try Self.listenerFindings(byClass).count == 1)
    }

    @Test func theInTreeNLBReadsTheSameAnnotations() throws {
        let nlb = "service.beta.kubernetes.io/aws-load-balancer-type: nlb"
        let findings = try Self.listenerFindings(Self.service([nlb, Self.certificate]))
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("ELBSecurityPolicy-2016-08") == true)
        #expect(findings.first?.message.contains("such as ELBSecurityPolicy-TLS13-1-2-2021-06") == true)
        #expect(try Self.listenerFindings(Self.service([nlb, Self.certificate, Self.currentPolicy])).isEmpty)
        // The in-tree NLB compares a port's name as written: `HTTPS` in ssl-ports does not name `https`.
        let upper = Self.service([nlb, Self.certificate, "service.beta.kubernetes.io/aws-load-balancer-ssl-ports: HTTPS"])
        #expect(try Self.listenerFindings(upper).isEmpty)
    }

    // MARK: - Found by review

    /// The ports a certificate covers share its policy: one finding, not one per port at the same place.
    @Test func tlsPortsSharingACertificateAreOneFinding() throws {
        let ports = ["{name: https, port: 443}", "{name: alt, port: 8443}"]
        #expect(try Self.listenerFindings(Self.service([Self.certificate], ports: ports)).count == 1)
        let controller = "service.beta.kubernetes.io/aws-load-balancer-type: external"
        #expect(try Self.listenerFindings(Self.service([controller, Self.certificate], ports: ports)).count == 1)
    }

    /// A Service of another class is that implementation's, whatever `aws-load-balancer-type` says
    /// (the controller's `IsServiceSupported`).
    @Test func anotherClassWithTheControllersTypeAnnotationIsNotAWSs() throws {
        let text = Self.service(["service.beta.kubernetes.io/aws-load-balancer-type: external", Self.certificate],
                                loadBalancerClass: "example.com/other")
        #expect(try Self.listenerFindings(text).isEmpty)
    }

    /// With `enable-tcp-udp-listener`, a port given for TCP and UDP is one TCP_UDP listener, never TLS.
    @Test func aTCPUDPListenerIsNotTLS() throws {
        let ports = ["{name: tcp, port: 443, protocol: TCP}", "{name: udp, port: 443, protocol: UDP}"]
        let text = Self.service(["service.beta.kubernetes.io/aws-load-balancer-type: external", Self.certificate,
                                 "service.beta.kubernetes.io/aws-load-balancer-enable-tcp-udp-listener: \"true\""], ports: ports)
        #expect(try Self.listenerFindings(text).isEmpty)
        #expect(try Self.listenerFindings(text.replacingOccurrences(of: "listener: \"true\"", with: "listener: \"false\"")).count == 1)
    }

    /// The in-tree controller keeps an `ssl-ports` number as an int32 (`getPortSets`): 4294967739 wraps to 443.
    @Test func anSSLPortNumberWrapsAsTheInTreeControllerKeepsIt() throws {
        let text = Self.service([Self.certificate, "service.beta.kubernetes.io/aws-load-balancer-ssl-ports: \"4294967739\""])
        #expect(try Self.listenerFindings(text).count == 1)
        #expect(try Self.listenerFindings(text.replacingOccurrences(of: "4294967739", with: "4294967738")).isEmpty)
    }

    /// The AWS Load Balancer Controller takes a NodePort or ClusterIP Service told to by its type annotation: its
    /// feature gate for LoadBalancer-only Services is off by default.
    @Test func theControllerTakesANodePortServiceItIsToldTo() throws {
        let text = Self.service(["service.beta.kubernetes.io/aws-load-balancer-type: external",
                                 "service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing", Self.certificate])
        for type in ["NodePort", "ClusterIP"] {
            let typed = text.replacingOccurrences(of: "type: LoadBalancer", with: "type: \(type)")
            let read = H.read(text: typed)
            let rules = try H.findings(read.deployments).map(\.ruleId).sorted()
            #expect(rules == ["MMC-ENC-004", "MMC-NET-011"], "\(type)")
        }
        // Without the annotation a NodePort Service has no load balancer.
        let plain = Self.service([Self.certificate]).replacingOccurrences(of: "type: LoadBalancer", with: "type: NodePort")
        #expect(try H.findings(H.read(text: plain).deployments).isEmpty)
    }
}
