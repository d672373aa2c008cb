@testable import PolicyCheckKit
import Testing

/// MMC-KEY-010: an `aws:PrincipalArn` pattern binds principal `"*"` only when its account field is a literal
/// account id; `arn:aws:iam::*:role/*` is every role of every account.
@Suite struct KeyPolicyPrincipalArnTests {
    typealias CFN = CloudFormationTesting

    @Test func patternsOfAnyAccountFail() throws {
        let findings = try CFN.findings(try CFN.fixture("fail-key-policy-principal-arn-any-account.yaml"))
            .filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource)" } == [
            "high AnyRoleAnywhere", "high AnyAccountRoot", "high PartlyWildAccount",
        ])
    }

    @Test func patternsOfOneAccountPass() throws {
        let findings = try CFN.findings(try CFN.fixture("pass-key-policy-principal-arn-one-account.yaml"))
        #expect(!findings.contains { $0.ruleId == "MMC-KEY-010" })
    }

    @Test func terraformSourcePatternOfAnyAccountFails() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_kms_key" "k" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
              policy = jsonencode({
                Version = "2012-10-17"
                Statement = [{
                  Effect    = "Allow"
                  Principal = "*"
                  Action    = ["kms:Decrypt"]
                  Resource  = "*"
                  Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/*" } }
                }]
              })
            }
            """).filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource)" } == ["high aws_kms_key.k"])
    }
}
