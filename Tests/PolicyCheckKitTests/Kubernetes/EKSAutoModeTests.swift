@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// EKS Auto Mode's load balancers (`loadBalancerClass: eks.amazonaws.com/nlb`; IngressClass controller
/// `eks.amazonaws.com/alb` with `eks.amazonaws.com/v1` IngressClassParams) are read as AWS documents them: the
/// scheme annotation and parameters count, the undocumented default scheme and what AWS documents both as supported
/// and not (the source-ranges annotation) cannot be verified, undocumented parameters cannot be verified.
@Suite struct EKSAutoModeTests {
    typealias H = AdapterHarness

    static func service(_ annotations: [String], sourceRanges: String? = nil, port: Int = 5432) -> String {
        LoadBalancerServiceText.make(name: "db", namespace: "prod", annotations: annotations,
                                     loadBalancerClass: "eks.amazonaws.com/nlb", sourceRanges: sourceRanges, port: port)
    }

    static let scheme = "service.beta.kubernetes.io/aws-load-balancer-scheme"

    static func entries(_ text: String) -> [AllowlistEntry]? {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return read.deployments.first.map { $0.allowlists.flatMap(\.entries) }
    }

    @Test func theSchemeAnnotationDecidesAnAutoModeNLB() throws {
        #expect(Self.entries(Self.service(["\(Self.scheme): internal"]))?.isEmpty == true, "internal: no allowlist")
        let open = Self.entries(Self.service(["\(Self.scheme): internet-facing"]))
        #expect(open?.map(\.cidr.value.known) == ["0.0.0.0/0"])
        let dualStack = Self.entries(Self.service(["\(Self.scheme): internet-facing",
                                                   "service.beta.kubernetes.io/aws-load-balancer-ip-address-type: dualstack"]))
        #expect(dualStack?.map(\.cidr.value.known) == ["0.0.0.0/0", "::/0"])
        // No scheme, or only the unsupported internal flag: the default is not documented.
        for annotations in [[String](), ["service.beta.kubernetes.io/aws-load-balancer-internal: \"true\""]] {
            let unknown = Self.entries(Self.service(annotations))
            #expect(unknown?.count == 1 && unknown?.first?.cidr.value.known == nil, "\(annotations)")
        }
    }

    @Test func onlySpecSourceRangesAreCredited() throws {
        let annotated = Self.service(["\(Self.scheme): internet-facing",
                                      "service.beta.kubernetes.io/load-balancer-source-ranges: 52.20.12.0/24"], port: 443)
        let entries = Self.entries(annotated)
        #expect(entries?.count == 1 && entries?.first?.cidr.value.known == nil, "not credited: cannot be verified")
        let findings = try H.findings(H.read(text: annotated).deployments).filter { $0.ruleId.hasPrefix("MMC-NET") }
        #expect(findings.map(\.ruleId) == ["MMC-NET-011"])
        #expect(findings.first?.message.contains("cannot be verified") == true)
        let spec = Self.service(["\(Self.scheme): internet-facing"], sourceRanges: "52.20.12.0/24")
        #expect(Self.entries(spec)?.map(\.cidr.value.known) == ["52.20.12.0/24"])
    }

    static func alb(parameters: [String], ingressAnnotations: [String] = []) -> String {
        var text = "apiVersion: eks.amazonaws.com/v1\nkind: IngressClassParams\nmetadata:\n  name: public\nspec:\n"
        text += parameters.map { "  \($0)\n" }.joined() + "---\n"
        text += "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\nspec:\n"
        text += "  controller: eks.amazonaws.com/alb\n  parameters:\n    apiGroup: eks.amazonaws.com\n"
        text += "    kind: IngressClassParams\n    name: public\n---\n"
        text += "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: game\n  namespace: prod\n"
        if !ingressAnnotations.isEmpty { text += "  annotations:\n" + ingressAnnotations.map { "    \($0)\n" }.joined() }
        return text + "spec:\n  ingressClassName: public\n"
    }

    @Test func anAutoModeALBIsReadWithItsParameters() throws {
        let text = Self.alb(parameters: ["scheme: internet-facing"])
        let findings = try H.findings(H.read(text: text).deployments)
        #expect(H.summary(findings) == ["MMC-NET-011 6:11 Ingress/prod/game", "MMC-ENC-004 25:21 Ingress/prod/game"])
        // A certificate in certificateARNs makes the default listener HTTPS:443.
        let https = Self.alb(parameters: ["scheme: internet-facing", "certificateARNs: [arn:aws:acm:us-east-1:123456789012:certificate/a]"],
                             ingressAnnotations: ["alb.ingress.kubernetes.io/inbound-cidrs: 52.20.12.0/24",
                                                  "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06"])
        #expect(try H.findings(H.read(text: https).deployments).isEmpty)
        #expect(Self.entries(Self.alb(parameters: ["scheme: internal"]))?.isEmpty == true)
    }

    @Test func whatAWSDoesNotDocumentCannotBeVerified() throws {
        // No scheme anywhere: Auto Mode's default is not documented.
        let noScheme = Self.entries(Self.alb(parameters: ["ipAddressType: ipv4"]))
        #expect(noScheme?.count == 1 && noScheme?.first?.cidr.value.known == nil)
        // A field AWS does not document for Auto Mode's parameters (the controller's inboundCIDRs).
        let undocumented = Self.entries(Self.alb(parameters: ["scheme: internet-facing", "inboundCIDRs: [10.0.0.0/8]"]))
        #expect(undocumented?.count == 1 && undocumented?.first?.cidr.value.known == nil)
    }
}
