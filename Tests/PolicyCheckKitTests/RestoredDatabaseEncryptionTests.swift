import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A database made from another's data — a snapshot, a point-in-time restore, a read replica — is encrypted as that
/// data is, with its key, when it states no encryption of its own: cannot be verified, in Terraform as in
/// CloudFormation (a restored instance without `storage_encrypted` read as unencrypted, with an AWS managed key).
@Suite struct RestoredDatabaseEncryptionTests {
    private func summary(_ findings: [Finding]) -> [String] {
        findings.filter { ["MMC-ENC-001", "MMC-ENC-002"].contains($0.ruleId) }
            .map { "\($0.resource) \($0.ruleId) \($0.severity.rawValue)" }.sorted()
    }

    @Test func terraformSourceRestoresInheritTheirEncryption() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_db_instance" "restored" {
              engine              = "postgres"
              snapshot_identifier = "nightly"
            }
            resource "aws_db_instance" "replica" {
              engine              = "postgres"
              replicate_source_db = aws_db_instance.restored.identifier
            }
            resource "aws_rds_cluster" "pitr" {
              engine = "aurora-postgresql"
              restore_to_point_in_time {
                source_cluster_identifier = "prod"
              }
            }
            resource "aws_db_instance" "stated_on" {
              engine              = "postgres"
              snapshot_identifier = "nightly"
              storage_encrypted   = true
              kms_key_id          = "arn:aws:kms:us-east-1:111122223333:key/0b72567e-e545-2cc3-4f6f-4f3045625792"
            }
            resource "aws_rds_cluster" "restored_with_key" {
              engine              = "aurora-postgresql"
              snapshot_identifier = "nightly"
              kms_key_id          = "arn:aws:kms:us-east-1:111122223333:key/0b72567e-e545-2cc3-4f6f-4f3045625792"
            }
            resource "aws_rds_cluster" "replica_stated_off" {
              engine                        = "aurora-postgresql"
              replication_source_identifier = "arn:aws:rds:us-east-1:111122223333:cluster:prod"
              storage_encrypted             = false
            }
            resource "aws_db_instance" "plain" {
              engine = "postgres"
            }
            """])
        #expect(summary(findings) == [
            "aws_db_instance.plain MMC-ENC-001 critical", "aws_db_instance.plain MMC-ENC-002 high",
            "aws_db_instance.replica MMC-ENC-001 info", "aws_db_instance.replica MMC-ENC-002 info",
            "aws_db_instance.restored MMC-ENC-001 info", "aws_db_instance.restored MMC-ENC-002 info",
            // An instance restored from a snapshot takes neither flag nor key of its own (RestoreDBInstanceFromDBSnapshot
            // has neither): stating them does not make it encrypted (the review's evasion).
            "aws_db_instance.stated_on MMC-ENC-001 info", "aws_db_instance.stated_on MMC-ENC-002 info",
            "aws_rds_cluster.pitr MMC-ENC-001 info", "aws_rds_cluster.pitr MMC-ENC-002 info",
            // A cluster created as a replica takes its own settings: stated off is off.
            "aws_rds_cluster.replica_stated_off MMC-ENC-001 critical",
            // A restored cluster naming a key is encrypted with it: no finding.
        ])
        let restored = try #require(findings.first { $0.resource == "aws_db_instance.restored" && $0.ruleId == "MMC-ENC-001" })
        #expect(restored.message == "encryption at rest of the database cannot be verified: the store is made from snapshot_identifier 'nightly', whose encryption it inherits")
    }

    /// In a plan the provider's default `false` stands where the configuration says nothing: still inherited.
    @Test func aPlansDefaultFlagDoesNotHideTheSnapshot() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_db_instance.restored", "aws_db_instance",
                    after: ["engine": "postgres", "snapshot_identifier": "nightly", "storage_encrypted": false])
        plan.configure("aws_db_instance.restored", ["engine": TerraformPlanBuilder.constant("postgres"),
                                                    "snapshot_identifier": TerraformPlanBuilder.constant("nightly")])
        #expect(summary(try TerraformFixture.findings("MMC-ENC-001", json: plan.json) + TerraformFixture.findings("MMC-ENC-002", json: plan.json))
            == ["aws_db_instance.restored MMC-ENC-001 info", "aws_db_instance.restored MMC-ENC-002 info"])
    }

    @Test func templateRestoresHaveTheSnapshotsKey() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  DBSnapshotIdentifier: nightly
            """)
        #expect(summary(findings) == ["Db MMC-ENC-001 info", "Db MMC-ENC-002 info"])
    }

    @Test func templateRestoresIgnoreTheirOwnSwitchUnlessAClusterNamesAKey() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Stated:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  DBSnapshotIdentifier: nightly
                  StorageEncrypted: true
                  KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/0b72567e-e545-2cc3-4f6f-4f3045625792
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  SnapshotIdentifier: nightly
                  StorageEncrypted: true
              KeyedCluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  SnapshotIdentifier: nightly
                  KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/0b72567e-e545-2cc3-4f6f-4f3045625792
              Docs:
                Type: AWS::DocDB::DBCluster
                Properties:
                  SnapshotIdentifier: nightly
                  StorageEncrypted: true
            """)
        #expect(summary(findings) == [
            "Cluster MMC-ENC-001 info", "Cluster MMC-ENC-002 info",
            "Docs MMC-ENC-001 info", "Docs MMC-ENC-002 info",
            "Stated MMC-ENC-001 info", "Stated MMC-ENC-002 info",
        ])
    }
}
