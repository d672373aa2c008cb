import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// `aws_backup_plan` written in source: a rule's and a copy's `lifecycle` are the provider's nested blocks, not the
/// resource's `lifecycle` meta-argument, so MMC-AVL-001 judges them as it does in a plan.
@Suite struct TerraformSourceBackupPlanTests {
    static let native = """
        provider "aws" { region = "us-east-1" }
        resource "aws_backup_plan" "p" {
          name = "p"
          rule {
            rule_name         = "short"
            target_vault_name = "v"
            schedule          = "cron(0 5 * * ? *)"
            lifecycle {
              delete_after = 3
            }
          }
          lifecycle {
            create_before_destroy = true
          }
        }
        """

    static func retention(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-AVL-001" }
            .map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column) \($0.message) [\($0.resource)]" }
    }

    @Test func aRulesNestedLifecycleIsItsRetentionNotTheMetaArgument() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.native)
        #expect(Self.retention(findings) == ["main.tf:9:22 backups are kept 3 days; at least 30 are required [aws_backup_plan.p]"])
    }

    @Test func aRulesNestedLifecycleIsReadFromJSONSyntax() throws {
        let json = """
            {"provider":{"aws":{"region":"us-east-1"}},
             "resource":{"aws_backup_plan":{"p":{"name":"p","lifecycle":{"create_before_destroy":true},
               "rule":[{"rule_name":"short","target_vault_name":"v","schedule":"cron(0 5 * * ? *)","lifecycle":{"delete_after":3}}]}}}}
            """
        let findings = try TerraformSourceFixture.findings(files: ["main.tf.json": json])
        #expect(Self.retention(findings) == ["main.tf.json:3:116 backups are kept 3 days; at least 30 are required [aws_backup_plan.p]"])
    }

    @Test func aKnownShortRuleFailsBesideAnUnknownOne() throws {
        let text = """
            provider "aws" { region = "us-east-1" }
            variable "days" {}
            resource "aws_backup_plan" "p" {
              name = "p"
              rule {
                rule_name         = "short"
                target_vault_name = "v"
                lifecycle { delete_after = 3 }
              }
              rule {
                rule_name         = "other"
                target_vault_name = "v"
                lifecycle { delete_after = var.days }
              }
            }
            """
        let findings = try TerraformSourceFixture.findings(main: text)
        #expect(Self.retention(findings) == ["main.tf:8:32 backups are kept 3 days; at least 30 are required [aws_backup_plan.p]"])
    }

    @Test func aCopysOwnLifecycleIsItsRetention() throws {
        let text = """
            provider "aws" { region = "us-east-1" }
            resource "aws_backup_plan" "p" {
              name = "p"
              rule {
                rule_name         = "daily"
                target_vault_name = "v"
                lifecycle { delete_after = 35 }
                copy_action {
                  destination_vault_arn = "arn:aws:backup:us-east-1:111122223333:backup-vault:copy"
                  lifecycle { delete_after = 5 }
                }
              }
            }
            """
        let findings = try TerraformSourceFixture.findings(main: text)
        #expect(Self.retention(findings) == ["main.tf:10:34 backups are kept 5 days; at least 30 are required [aws_backup_plan.p]"])
    }
}
