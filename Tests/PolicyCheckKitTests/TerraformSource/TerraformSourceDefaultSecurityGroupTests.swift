@testable import PolicyCheckKit
import Testing

/// A VPC's default security group (`aws_default_security_group`) is judged as an `aws_security_group` is: EC2 attaches
/// it to every interface in the VPC launched without a group of its own, so its world-open ingress is no less open.
@Suite struct TerraformSourceDefaultSecurityGroupTests {
    @Test func worldOpenIngressOfTheDefaultGroupAndItsCompanionRulesFail() throws {
        let findings = try TerraformSourceFixture.findings("default-security-group-world-open-fail")
            .filter { ["MMC-NET-001", "MMC-NET-011"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue) \($0.line):\($0.column) \($0.resource)" } == [
            "MMC-NET-001 critical 18:20 aws_default_security_group.this",
            "MMC-NET-001 critical 36:23 aws_vpc_security_group_ingress_rule.rdp",
            "MMC-NET-011 high 46:24 aws_security_group_rule.web",
        ])
        #expect(findings.first?.message == "'0.0.0.0/0' admits every IPv4 address on port 22; expected only the ranges that need access")
    }
}
