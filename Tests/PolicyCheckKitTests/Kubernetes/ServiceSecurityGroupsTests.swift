@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// With `service.beta.kubernetes.io/aws-load-balancer-security-groups` both AWS controllers attach the named groups
/// instead of building one from the source ranges: the load balancer's allowlist cannot be verified.
@Suite struct ServiceSecurityGroupsTests {
    typealias H = AdapterHarness

    static func service(_ annotations: [String], loadBalancerClass: String? = nil) -> String {
        LoadBalancerServiceText.make(name: "web", namespace: "prod", annotations: annotations, loadBalancerClass: loadBalancerClass,
                                     sourceRanges: "52.20.12.0/24", port: 443)
    }

    static let groups = "service.beta.kubernetes.io/aws-load-balancer-security-groups: sg-0123456789abcdef0"
    static let lbcScheme = "service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing"

    @Test("Source ranges are not credited when security groups are named", arguments: [
        ServiceSecurityGroupsTests.service([groups]),
        ServiceSecurityGroupsTests.service([groups, lbcScheme], loadBalancerClass: "service.k8s.aws/nlb"),
    ])
    func sourceRangesAreNotCreditedWhenSecurityGroupsAreNamed(text: String) throws {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let allowlist = try #require(read.deployments.first?.allowlists.first)
        #expect(allowlist.internetFacing && allowlist.entries.count == 1)
        #expect(allowlist.entries.first?.cidr.value.known == nil, "unknown: the named groups are not in the manifest")
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == ["MMC-NET-011 7:67 Service/prod/web"])
        #expect(findings.first?.message.contains("cannot be verified") == true)
    }

    @Test func withoutNamedGroupsTheSourceRangesAreTheAllowlist() throws {
        let blank = H.read(text: Self.service(["service.beta.kubernetes.io/aws-load-balancer-security-groups: ' , '"]))
        #expect(blank.deployments.first?.allowlists.first?.entries.map(\.cidr.value.known) == ["52.20.12.0/24"])
        // A class another implementation reconciles does not read the AWS annotation.
        let other = H.read(text: Self.service([Self.groups], loadBalancerClass: "example.com/metallb"))
        #expect(other.deployments.first?.allowlists.first?.entries.map(\.cidr.value.known) == ["52.20.12.0/24"])
        // An internal load balancer with named groups has no allowlist here.
        let internalNLB = H.read(text: Self.service([Self.groups], loadBalancerClass: "service.k8s.aws/nlb"))
        #expect(internalNLB.deployments.first?.allowlists.isEmpty == true)
    }

    /// The in-tree controller's NLB takes no named groups (they are "valid only for Classic Load Balancers"): a
    /// world-open NLB naming one was an info before, and passed (tester, round 34).
    @Test func anInTreeNLBIgnoresNamedGroups() throws {
        let text = LoadBalancerServiceText.make(name: "ssh", namespace: "prod", annotations: [
            "service.beta.kubernetes.io/aws-load-balancer-type: nlb", Self.groups,
        ], loadBalancerClass: nil, port: 22)
        let findings = try H.findings(H.read(text: text).deployments)
        #expect(findings.map { "\($0.ruleId) \($0.severity) \($0.cannotVerify)" } == ["MMC-NET-001 critical false"])
    }

    /// A Classic Load Balancer's extra groups admit what they admit beside its own group's source ranges: one entry
    /// that cannot be verified (before, never read: a silent pass).
    @Test func extraGroupsOfAClassicLoadBalancerCannotBeVerified() throws {
        let extra = "service.beta.kubernetes.io/aws-load-balancer-extra-security-groups: sg-0123456789abcdef0"
        let read = H.read(text: Self.service([extra]))
        let allowlist = try #require(read.deployments.first?.allowlists.first)
        #expect(allowlist.entries.map { $0.cidr.value.known ?? "unknown" } == ["52.20.12.0/24", "unknown"])
        let findings = try H.findings(read.deployments)
        #expect(findings.map { "\($0.ruleId) \($0.cannotVerify)" } == ["MMC-NET-011 true"])
        // An AWS Load Balancer Controller NLB does not read the in-tree annotation.
        let lbc = H.read(text: Self.service([extra, Self.lbcScheme], loadBalancerClass: "service.k8s.aws/nlb"))
        #expect(lbc.deployments.first?.allowlists.first?.entries.map(\.cidr.value.known) == ["52.20.12.0/24"])
    }
}
