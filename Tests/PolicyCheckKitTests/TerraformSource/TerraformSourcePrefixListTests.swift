@testable import PolicyCheckKit
import Testing

/// In source, a rule names a prefix list of the module by reference (its id is known only after apply); the list's
/// `entry` blocks and its `aws_ec2_managed_prefix_list_entry` resources are the rule's sources.
@Suite struct TerraformSourcePrefixListTests {
    @Test func theEntriesOfAReferencedListAreJudgedAtTheRulesPorts() throws {
        let findings = try TerraformSourceFixture.findings("prefix-list-world-open-fail")
            .filter { $0.ruleId.hasPrefix("MMC-NET-0") && ($0.severity >= .high || $0.cannotVerify) }
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue) \($0.line):\($0.column) \($0.resource)" } == [
            "MMC-NET-001 critical 11:19 aws_security_group.db",
            "MMC-NET-011 high 41:20 aws_security_group_rule.office",
            "MMC-NET-011 info 65:23 aws_vpc_security_group_ingress_rule.s3",
            "MMC-NET-011 info 74:23 aws_vpc_security_group_ingress_rule.cloudfront",
        ])
        #expect(findings[0].message == "'0.0.0.0/0' admits every IPv4 address on port 5432; expected only the ranges that need access")
        #expect(findings[2].message.contains("comes from data.aws_ec2_managed_prefix_list.s3.id, which is not a managed prefix list"),
                "\(findings[2].message)")
        #expect(findings[3].message.contains("prefix list 'pl-3b927c52' is not declared in this input"), "\(findings[3].message)")
    }

    @Test func aRuleNamingAListOfTheModuleAndADataSourceCannotBeVerifiedForTheOther() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            data "aws_ec2_managed_prefix_list" "s3" { name = "com.amazonaws.us-east-1.s3" }
            resource "aws_ec2_managed_prefix_list" "office" {
              name           = "office"
              address_family = "IPv4"
              max_entries    = 1
              entry { cidr = "10.20.0.0/16" }
            }
            resource "aws_security_group" "db" {
              name = "db"
              ingress {
                description     = "office and s3"
                from_port       = 443
                to_port         = 443
                protocol        = "tcp"
                prefix_list_ids = [aws_ec2_managed_prefix_list.office.id, data.aws_ec2_managed_prefix_list.s3.id]
              }
            }
            """).filter { $0.ruleId.hasPrefix("MMC-NET-0") && $0.cannotVerify }
        #expect(findings.map { "\($0.ruleId) \($0.resource)" } == ["MMC-NET-011 aws_security_group.db"], "\(findings.map(\.message))")
    }
}
