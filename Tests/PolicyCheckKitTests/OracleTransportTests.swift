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

    /// An option group the input declares is read: only NATIVE_NETWORK_ENCRYPTION with SQLNET.ENCRYPTION_SERVER
    /// REQUIRED refuses plaintext; an empty group downgraded the finding to "cannot verify" (review).
    @Test func optionGroupsOfTheInputAreRead() throws {
        func instance(_ name: String, _ group: String) -> String {
            "resource \"aws_db_instance\" \"\(name)\" {\n  engine = \"oracle-ee\"\n  instance_class = \"db.m5.large\"\n  storage_encrypted = true\n  option_group_name = \(group)\n}\n"
        }
        func group(_ name: String, _ options: String) -> String {
            "resource \"aws_db_option_group\" \"\(name)\" {\n  name = \"\(name)\"\n  engine_name = \"oracle-ee\"\n  major_engine_version = \"19\"\n\(options)}\n"
        }
        let nne = { (value: String) in "  option {\n    option_name = \"NATIVE_NETWORK_ENCRYPTION\"\n    option_settings {\n      name = \"SQLNET.ENCRYPTION_SERVER\"\n      value = \"\(value)\"\n    }\n  }\n" }
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": "provider \"aws\" { region = \"us-east-1\" }\n"
            + group("empty", "") + group("required", nne("REQUIRED")) + group("requested", nne("REQUESTED"))
            + group("ssl", "  option {\n    option_name = \"SSL\"\n    port = 2484\n  }\n")
            + instance("a", "aws_db_option_group.empty.name") + instance("b", "aws_db_option_group.required.name")
            + instance("c", "\"requested\"") + instance("d", "aws_db_option_group.ssl.name")])
        #expect(transport(findings) == ["aws_db_instance.a false", "aws_db_instance.c false", "aws_db_instance.d false"])
        let template = try CloudFormationTesting.findings("""
            Resources:
              Required:
                Type: AWS::RDS::OptionGroup
                Properties:
                  EngineName: oracle-ee
                  MajorEngineVersion: '19'
                  OptionGroupDescription: nne
                  OptionConfigurations:
                    - OptionName: NATIVE_NETWORK_ENCRYPTION
                      OptionSettings: [{Name: SQLNET.ENCRYPTION_SERVER, Value: REQUIRED}]
              Empty:
                Type: AWS::RDS::OptionGroup
                Properties: {EngineName: oracle-ee, MajorEngineVersion: '19', OptionGroupDescription: none, OptionGroupName: ora-empty}
              Good:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: oracle-ee, DBInstanceClass: db.m5.large, StorageEncrypted: true, OptionGroupName: !Ref Required}
              Bad:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: oracle-ee, DBInstanceClass: db.m5.large, StorageEncrypted: true, OptionGroupName: ora-empty}
            """)
        #expect(transport(template) == ["Bad false"])
    }
}
