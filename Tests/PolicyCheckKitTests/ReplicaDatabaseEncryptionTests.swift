import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A read replica (`replicate_source_db`) of a database in the same input is encrypted as its source is: RDS makes
/// neither an encrypted replica of an unencrypted instance nor an unencrypted replica of an encrypted one
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations).
/// A source outside the input still cannot be verified.
@Suite struct ReplicaDatabaseEncryptionTests {
    static let source = """
        provider "aws" { region = "us-east-1" }
        resource "aws_db_instance" "master" {
          identifier        = "master"
          engine            = "postgres"
          instance_class    = "db.t3.micro"
          allocated_storage = 20
          storage_encrypted = false
        }
        resource "aws_db_instance" "replica" {
          identifier          = "replica"
          replicate_source_db = aws_db_instance.master.identifier
          instance_class      = "db.t3.micro"
        }
        resource "aws_db_instance" "elsewhere" {
          identifier          = "elsewhere"
          replicate_source_db = "arn:aws:rds:us-east-1:111122223333:db:other"
          instance_class      = "db.t3.micro"
        }
        """

    private static func encryption(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-001" }
            .map { "\($0.resource) \($0.cannotVerify ? "cannot verify" : $0.severity.rawValue)" }.sorted()
    }

    @Test func aReplicaOfAnUnencryptedSourceInTheSameModuleIsUnencrypted() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.source)
        #expect(Self.encryption(findings) == [
            "aws_db_instance.elsewhere cannot verify", "aws_db_instance.master critical", "aws_db_instance.replica critical",
        ])
        let replica = findings.first { $0.ruleId == "MMC-ENC-001" && $0.resource == "aws_db_instance.replica" }
        #expect(replica?.message == "encryption at rest is off for the database (it is a read replica of aws_db_instance.master, whose storage_encrypted is false); expected it to be on")
        #expect(replica.map { "\($0.line):\($0.column)" } == "7:23", "at the source's flag, which decides it")
        #expect(!findings.contains { $0.ruleId == "MMC-ENC-002" && $0.resource == "aws_db_instance.replica" },
                "an unencrypted replica has no key to judge, as its source has none")
    }

    @Test func aReplicaOfAnEncryptedSourceIsEncrypted() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.source.replacingOccurrences(
            of: "storage_encrypted = false", with: "storage_encrypted = true"))
        #expect(Self.encryption(findings) == ["aws_db_instance.elsewhere cannot verify"])
    }

    @Test func aPlanReplicaOfAnUnencryptedSourceIsUnencrypted() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_db_instance.master", "aws_db_instance",
                    after: ["identifier": "master", "engine": "postgres", "storage_encrypted": false])
        plan.change("aws_db_instance.replica", "aws_db_instance",
                    after: ["identifier": "replica", "replicate_source_db": "master", "storage_encrypted": false])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(Self.encryption(findings) == ["aws_db_instance.master critical", "aws_db_instance.replica critical"])
    }
}
