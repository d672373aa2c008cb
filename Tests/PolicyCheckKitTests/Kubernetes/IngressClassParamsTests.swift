@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// An ALB Ingress's class may point to an `IngressClassParams` whose `scheme` and `inboundCIDRs` win over the
/// Ingress's annotations; parameters the input does not hold cannot be verified, never a silent pass.
@Suite struct IngressClassParamsTests {
    typealias H = AdapterHarness

    static func input(parameters: [String]?, ingressAnnotations: [String], parametersName: String = "public-alb") -> String {
        var text = ""
        if let parameters {
            text += "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata:\n  name: public-alb\nspec:\n"
            text += parameters.map { "  \($0)\n" }.joined() + "---\n"
        }
        text += "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public-alb\nspec:\n"
        text += "  controller: ingress.k8s.aws/alb\n  parameters:\n    apiGroup: elbv2.k8s.aws\n    kind: IngressClassParams\n"
        text += "    name: \(parametersName)\n---\n"
        text += "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n"
        if !ingressAnnotations.isEmpty { text += "  annotations:\n" + ingressAnnotations.map { "    \($0)\n" }.joined() }
        return text + "spec:\n  ingressClassName: public-alb\n"
    }

    static let internetFacing = "alb.ingress.kubernetes.io/scheme: internet-facing"
    static let restricted = "alb.ingress.kubernetes.io/inbound-cidrs: 52.20.12.0/24"

    static func networkFindings(_ text: String) throws -> [Finding] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).filter { $0.ruleId.hasPrefix("MMC-NET") }
    }

    @Test func theParametersSchemeMakesTheALBInternetFacing() throws {
        let findings = try Self.networkFindings(Self.input(parameters: ["scheme: internet-facing"], ingressAnnotations: []))
        #expect(H.summary(findings) == ["MMC-NET-011 6:11 Ingress/prod/web"], "world-open, at the parameters' scheme")
        // The parameters' scheme wins over the annotation.
        let internalByClass = Self.input(parameters: ["scheme: internal"], ingressAnnotations: [Self.internetFacing])
        #expect(H.read(text: internalByClass).deployments.first?.allowlists.isEmpty == true, "internal: no world-open default")
        #expect(try Self.networkFindings(internalByClass).isEmpty)
    }

    @Test func theParametersInboundCIDRsReplaceTheAnnotation() throws {
        let text = Self.input(parameters: ["scheme: internet-facing", "inboundCIDRs:", "  - 0.0.0.0/0"],
                              ingressAnnotations: [Self.internetFacing, Self.restricted])
        let read = H.read(text: text)
        #expect(read.deployments.first?.allowlists.first?.entries.map(\.cidr.value.known) == ["0.0.0.0/0"])
        #expect(H.summary(try Self.networkFindings(text)) == ["MMC-NET-011 8:7 Ingress/prod/web"])
        // Without inboundCIDRs in the parameters, the annotation is the allowlist.
        let annotated = Self.input(parameters: ["scheme: internet-facing"], ingressAnnotations: [Self.restricted])
        #expect(try Self.networkFindings(annotated).isEmpty)
        // Parameters with no settings (the controller chart's default) leave the annotations to decide.
        let empty = Self.input(parameters: [], ingressAnnotations: [Self.internetFacing, Self.restricted])
        #expect(try Self.networkFindings(empty.replacingOccurrences(of: "spec:\n---", with: "---")).isEmpty)
    }

    @Test func theParametersListenerSettingsWinOverTheAnnotations() throws {
        let parameters = ["certificateArn: [arn:aws:acm:us-east-1:123456789012:certificate/abc]",
                          "sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06", "sslRedirectPort: '443'"]
        let ports = #"alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'"#
        let text = Self.input(parameters: parameters,
                              ingressAnnotations: [ports, "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-2016-08"])
        let findings = try H.findings(H.read(text: text).deployments)
        #expect(findings.filter { $0.ruleId == "MMC-ENC-004" }.isEmpty, "\(H.summary(findings))")
        // The parameters' certificate makes the default listener HTTPS:443, on the parameters' policy.
        let defaults = try H.findings(H.read(text: Self.input(parameters: parameters, ingressAnnotations: [])).deployments)
        #expect(defaults.filter { $0.ruleId == "MMC-ENC-004" }.isEmpty, "\(H.summary(defaults))")
    }

    @Test func parametersTheInputDoesNotHoldCannotBeVerified() throws {
        let text = Self.input(parameters: nil, ingressAnnotations: [Self.internetFacing, Self.restricted],
                              parametersName: "elsewhere")
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let findings = try H.findings(read.deployments)
        let network = findings.filter { $0.ruleId == "MMC-NET-011" }
        #expect(H.summary(network) == ["MMC-NET-011 8:5 Ingress/prod/web"], "at the class's parameters")
        #expect(network.first?.message.contains("cannot be verified") == true)
        #expect(network.first?.message.contains("elsewhere") == true)
        let listener = findings.filter { $0.ruleId == "MMC-ENC-004" }
        #expect(listener.count == 1 && listener.first?.message.contains("cannot be verified") == true)
    }

    @Test func aClassTheInputDoesNotHoldLeavesTheAnnotationsToDecide() throws {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
        text += "    \(Self.internetFacing)\n    \(Self.restricted)\nspec:\n  ingressClassName: public-alb\n"
        #expect(try Self.networkFindings(text).isEmpty)
    }

    /// The legacy class annotation beside `ingressClassName` (Kubernetes accepts both when equal) wins, and the AWS
    /// Load Balancer Controller then loads no parameters: the Ingress's own annotations decide (before, the class's
    /// `scheme: internal` hid a world-open internet-facing ALB; tester, round 34).
    @Test func theLegacyClassAnnotationLeavesTheParametersOut() throws {
        let text = Self.input(parameters: ["scheme: internal"],
                              ingressAnnotations: ["kubernetes.io/ingress.class: public-alb", Self.internetFacing])
            .replacingOccurrences(of: "kubernetes.io/ingress.class: public-alb", with: "kubernetes.io/ingress.class: alb")
            .replacingOccurrences(of: "ingressClassName: public-alb", with: "ingressClassName: alb")
            .replacingOccurrences(of: "  name: public-alb\nspec:\n  controller", with: "  name: alb\nspec:\n  controller")
        let findings = try Self.networkFindings(text)
        #expect(findings.map(\.ruleId) == ["MMC-NET-011"], "\(H.summary(findings))")
        #expect(findings.first?.message.contains("'0.0.0.0/0' admits every IPv4 address") == true)
    }
}
