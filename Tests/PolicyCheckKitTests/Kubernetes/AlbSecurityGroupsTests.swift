@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// With `alb.ingress.kubernetes.io/security-groups` the AWS Load Balancer Controller builds no security group from
/// `inbound-cidrs`: the ALB's allowlist is the named groups', outside the manifest, so it cannot be verified.
@Suite struct AlbSecurityGroupsTests {
    typealias H = AdapterHarness

    static func ingress(scheme: String, groups: String?) -> String {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
        text += "    alb.ingress.kubernetes.io/scheme: \(scheme)\n    alb.ingress.kubernetes.io/inbound-cidrs: 52.20.12.0/24\n"
        if let groups { text += "    alb.ingress.kubernetes.io/security-groups: \(groups)\n" }
        return text + "spec:\n  ingressClassName: alb\n"
    }

    @Test func inboundCIDRsAreNotCreditedWhenSecurityGroupsAreNamed() throws {
        let read = H.read(text: Self.ingress(scheme: "internet-facing", groups: "sg-0123456789abcdef0"))
        let allowlist = try #require(read.deployments.first?.allowlists.first)
        #expect(allowlist.internetFacing && allowlist.entries.count == 1)
        #expect(allowlist.entries.first?.cidr.value.known == nil, "unknown: the named groups are not in the manifest")
        // Its HTTP listener is judged apart (AlbListenerTests).
        let findings = try H.findings(read.deployments).filter { $0.ruleId != "MMC-ENC-004" }
        #expect(H.summary(findings) == ["MMC-NET-011 9:48 Ingress/prod/web"])
        #expect(findings.first?.message.contains("cannot be verified") == true)
        #expect(findings.first?.message.contains("security-groups") == true)
    }

    @Test func withoutTheAnnotationInboundCIDRsAreTheAllowlist() throws {
        let read = H.read(text: Self.ingress(scheme: "internet-facing", groups: nil))
        #expect(read.deployments.first?.allowlists.first?.entries.map(\.cidr.value.known) == ["52.20.12.0/24"])
        #expect(try H.findings(read.deployments).filter { $0.ruleId != "MMC-ENC-004" }.isEmpty)
        // An internal ALB with named groups has no allowlist here.
        #expect(H.read(text: Self.ingress(scheme: "internal", groups: "sg-1")).deployments.first?.allowlists.isEmpty == true)
    }
}
