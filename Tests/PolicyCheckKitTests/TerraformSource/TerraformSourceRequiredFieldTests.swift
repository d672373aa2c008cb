@testable import PolicyCheckKit
import Testing

/// Configurations AWS refuses or drops for a missing required field (issue 18, the Checkov HCL yardstick's misses):
/// an ingress rule with no source, an S3 default encryption with no algorithm — flagged, never a silent pass.
@Suite struct TerraformSourceRequiredFieldTests {
    static func spelled(_ findings: [Finding], _ rules: Set<String>) -> [String] {
        findings.filter { rules.contains($0.ruleId) }
            .map { "\($0.ruleId) \($0.resource) \($0.line):\($0.column)\($0.cannotVerify ? " cannot-verify" : "")" }.sorted()
    }

    @Test func ingressRulesWithoutSourceFailCIDRSyntax() throws {
        let findings = try TerraformSourceFixture.findings("ingress-rules-without-source-fail")
        #expect(Self.spelled(findings, ["MMC-NET-002", "MMC-NET-008"]) == [
            "MMC-NET-002 aws_security_group.inline 3:3",
            "MMC-NET-002 aws_security_group_rule.rule 12:1",
            "MMC-NET-002 aws_vpc_security_group_ingress_rule.vpc_rule 22:1",
        ])
        let messages = findings.filter { $0.ruleId == "MMC-NET-002" }.map(\.message)
        #expect(messages.contains { $0.contains("EC2 adds no rule without a source") })
        #expect(messages.contains { $0.contains("exactly one of cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id") })
        // Nothing is admitted, so nothing is world-open.
        #expect(findings.allSatisfy { !["MMC-NET-001", "MMC-NET-011"].contains($0.ruleId) })
    }

    @Test func ingressRulesFromGroupsPrefixListsAndSelfHaveASource() throws {
        let findings = try TerraformSourceFixture.findings("ingress-rules-with-other-sources-pass")
            .filter { $0.category == .network }
        #expect(findings.filter { !$0.cannotVerify }.map { "\($0.ruleId) \($0.resource)" } == [])
        // The prefix list 'pl-12345678' is not declared in the module: its ranges cannot be verified (one entry).
        #expect(findings.map { "\($0.ruleId) \($0.line) \($0.cannotVerify)" } == ["MMC-NET-001 26 true"])
    }

    @Test func bucketEncryptionWithoutAlgorithmFailsAndIsNotAnotherBucketsByName() throws {
        let findings = try TerraformSourceFixture.findings("bucket-encryption-without-algorithm-fail")
        #expect(Self.spelled(findings, ["MMC-ENC-001", "MMC-ENC-002"]) == [
            "MMC-ENC-001 aws_s3_bucket.no_algorithm 12:5",
            "MMC-ENC-002 aws_s3_bucket.no_algorithm 12:5",
            // Its own: no configuration, so SSE-S3 by default and no customer key.
            "MMC-ENC-002 aws_s3_bucket.same_name 19:1",
        ])
        #expect(findings.contains { $0.ruleId == "MMC-ENC-001" && $0.message.contains("names no algorithm, which S3 requires") })
    }
}
