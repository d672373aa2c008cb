import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// DocumentDB and Neptune clusters keep automated backups 1 to 35 days (default 1) and restore to any point in that
/// period, as RDS does: MMC-AVL-005 judges them too. bridgecrewio/terragoat's `aws_neptune_cluster` with
/// `backup_retention_period = 5` passed silently (round 21).
@Suite struct DocumentGraphRecoveryTests {
    private func recovery(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-AVL-005" }
            .map { "\($0.resource)\($0.cannotVerify ? " (cannot verify)" : ""): \($0.message)" }.sorted()
    }

    @Test func terraformClusters() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            variable "days" {}
            resource "aws_neptune_cluster" "short" {
              storage_encrypted       = true
              backup_retention_period = 5
            }
            resource "aws_neptune_cluster" "week" {
              storage_encrypted       = true
              backup_retention_period = 7
            }
            resource "aws_docdb_cluster" "unset" {
              storage_encrypted = true
            }
            resource "aws_docdb_cluster" "given" {
              storage_encrypted       = true
              backup_retention_period = var.days
            }
            """)
        #expect(recovery(findings) == [
            "aws_docdb_cluster.given (cannot verify): the backup retention of the database cannot be verified: not known here (it comes from var.days, which has no value here)",
            "aws_docdb_cluster.unset: the database can be restored to a point in time only 1 day back (backup_retention_period is not set, and DocumentDB then keeps 1 day); expected automated backups kept at least 7 days",
            "aws_neptune_cluster.short: the database can be restored to a point in time only 5 days back; expected automated backups kept at least 7 days",
        ])
    }

    @Test func templateClusters() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Graph:
                Type: AWS::Neptune::DBCluster
                Properties:
                  StorageEncrypted: true
                  BackupRetentionPeriod: 5
              Docs:
                Type: AWS::DocDB::DBCluster
                Properties:
                  StorageEncrypted: true
              Kept:
                Type: AWS::DocDB::DBCluster
                Properties:
                  StorageEncrypted: true
                  BackupRetentionPeriod: 35
            """)
        #expect(recovery(findings) == [
            "Docs: the database can be restored to a point in time only 1 day back (BackupRetentionPeriod is not set, and DocumentDB then keeps 1 day); expected automated backups kept at least 7 days",
            "Graph: the database can be restored to a point in time only 5 days back; expected automated backups kept at least 7 days",
        ])
    }
}
