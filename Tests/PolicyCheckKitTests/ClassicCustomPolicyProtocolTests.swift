@testable import PolicyCheckKit
import Testing

/// MMC-ENC-004: a Classic Load Balancer's custom SSL negotiation policy that enables TLS 1.0 or 1.1 accepts them —
/// a finding, not "cannot be verified"; one that enables TLS 1.2 only stays unverifiable (its ciphers are its own).
@Suite struct ClassicCustomPolicyProtocolTests {
    typealias CFN = CloudFormationTesting

    private func listenerTLS(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-004" }.map { "\($0.severity.rawValue) \($0.resource) \($0.cannotVerify)" }
    }

    @Test func cloudFormationCustomPolicyEnablingOldTLSFails() throws {
        let findings = try CFN.findings(try CFN.fixture("fail-classic-custom-policy-enables-old-tls.yaml"))
        #expect(listenerTLS(findings) == ["high Elb false"])
        let message = try #require(findings.first { $0.ruleId == "MMC-ENC-004" }?.message)
        #expect(message.contains("'Custom' is a custom one that enables Protocol-TLSv1 and Protocol-TLSv1.1"))
    }

    @Test func cloudFormationCustomPolicyOfTLS12OnlyCannotBeVerified() throws {
        let findings = try CFN.findings(try CFN.fixture("cannot-verify-classic-custom-policy-tls12-only.yaml"))
        #expect(listenerTLS(findings) == ["info Elb true"])
    }

    @Test func terraformSourceCustomPoliciesEnablingOldTLSFail() throws {
        let findings = try TerraformSourceFixture.findings("classic-custom-policy-enables-old-tls-fail")
        #expect(listenerTLS(findings) == ["high aws_elb.web false", "high aws_elb.web false"])
    }
}
