@testable import PolicyCheckKit
import Testing

/// Security-group rules made from a list a module takes (`for_each` over `var.rules`), when whether they exist is
/// known only at apply: every attribute of the one instance standing for them comes from `each.value`.
@Suite struct TerraformSourceRuleListTests {
    fileprivate static func summary(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-NET-") }
            .map { "\($0.ruleId) \($0.severity.rawValue) \($0.line):\($0.column) \($0.resource)" }
    }

    /// cloudposse/terraform-aws-security-group's example with its fixtures gave no finding for its world-open SSH
    /// rule: a rule whose `type` is not known was left out as if it were egress.
    @Test func aRuleWhoseTypeIsUnknownCannotBeVerified() throws {
        let findings = try TerraformSourceFixture.findings("security-group-rule-type-unknown-cannot-verify")
        #expect(Self.summary(findings) == ["MMC-NET-001 info 28:23 aws_security_group_rule.r"])
        let message = try #require(findings.first { $0.ruleId == "MMC-NET-001" }?.message)
        #expect(message.contains("cannot be verified"))
        #expect(message.contains("var.enabled"))
    }
}

extension TerraformSourceRuleListTests {
    /// The same rule with a literal type: its block cannot be verified, and its description, known only at apply
    /// like everything else of it, was reported missing (a low MMC-NET-008, which fails the run at the default gate).
    @Test func aDescriptionKnownOnlyAtApplyIsNotAMissingOne() throws {
        let findings = try TerraformSourceFixture.findings("security-group-rule-description-unknown-cannot-verify")
        #expect(Self.summary(findings) == ["MMC-NET-001 info 27:23 aws_security_group_rule.r"])
    }

    /// A description left out is still missing.
    @Test func aDescriptionLeftOutIsStillMissing() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_security_group_rule" "r" {
              security_group_id = "sg-1"
              type              = "ingress"
              from_port         = 443
              to_port           = 443
              protocol          = "tcp"
              cidr_blocks       = ["34.192.0.0/24"]
            }
            """)
        #expect(Self.summary(findings) == ["MMC-NET-008 low 4:1 aws_security_group_rule.r"])
    }
}
