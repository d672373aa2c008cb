import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// RDS for Oracle encrypts connections only through its option group; with none of its own it accepts plaintext.
/// It was not judged at all (terraform-aws-rds's complete-oracle example).
@Suite struct OracleTransportTests {
    private func transport(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-003" }.map { "\($0.resource) \($0.cannotVerify)" }.sorted()
    }

    @Test func terraform() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_db_instance" "plain" {
              engine            = "oracle-ee"
              instance_class    = "db.m5.large"
              storage_encrypted = true
            }
            resource "aws_db_instance" "own" {
              engine            = "oracle-se2"
              instance_class    = "db.m5.large"
              storage_encrypted = true
              option_group_name = "nne-required"
            }
            """])
        #expect(transport(findings) == ["aws_db_instance.own true", "aws_db_instance.plain false"])
        #expect(findings.contains { $0.message.contains("expected an option group whose NATIVE_NETWORK_ENCRYPTION option sets SQLNET.ENCRYPTION_SERVER to REQUIRED") })
    }

    @Test func cloudFormation() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Plain:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: oracle-ee, DBInstanceClass: db.m5.large, StorageEncrypted: true, OptionGroupName: 'default:oracle-ee-19'}
              Own:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: oracle-ee-cdb, DBInstanceClass: db.m5.large, StorageEncrypted: true, OptionGroupName: nne}
            """)
        #expect(transport(findings) == ["Own true", "Plain false"])
    }
}
