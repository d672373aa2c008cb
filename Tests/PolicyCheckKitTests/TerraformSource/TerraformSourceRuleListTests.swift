@testable import PolicyCheckKit
import Testing

/// Security-group rules made from a list a module takes (`for_each` over `var.rules`), when whether they exist is
/// known only at apply: every attribute of the one instance standing for them comes from `each.value`.
@Suite struct TerraformSourceRuleListTests {
    private static func summary(_ findings: [Finding]) -> [String] {
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
