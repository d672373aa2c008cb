import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A DocumentDB cluster's TLS is its cluster parameter group's `tls` (enabled by default): `disabled` fails
/// MMC-ENC-003 in Terraform and CloudFormation alike (it passed silently). A group of the input that states `enabled`
/// accepts TLS 1.0 and 1.1 and fails too (it passed silently before round 22); the default group is left as it was
/// (docs/policies.md, MMC-ENC-003).
@Suite struct DocumentDBTransportTests {
    private func transit(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-003" }.map { "\($0.resource) \($0.severity.rawValue): \($0.message)" }.sorted()
    }

    @Test func terraformClusterParameterGroups() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_docdb_cluster_parameter_group" "off" {
              family = "docdb5.0"
              parameter {
                name  = "tls"
                value = "disabled"
              }
            }
            resource "aws_docdb_cluster_parameter_group" "strict" {
              family = "docdb5.0"
              parameter {
                name  = "tls"
                value = "tls1.3+"
              }
            }
            resource "aws_docdb_cluster" "off" {
              storage_encrypted               = true
              db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.off.name
            }
            resource "aws_docdb_cluster" "strict" {
              storage_encrypted               = true
              db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.strict.name
            }
            resource "aws_docdb_cluster" "default" {
              storage_encrypted = true
            }
            resource "aws_docdb_cluster_parameter_group" "legacy" {
              family = "docdb5.0"
              name   = "legacy"
              parameter {
                name  = "tls"
                value = "enabled"
              }
            }
            resource "aws_docdb_cluster" "legacy" {
              storage_encrypted               = true
              db_cluster_parameter_group_name = "legacy"
            }
            resource "aws_docdb_cluster" "elsewhere" {
              storage_encrypted               = true
              db_cluster_parameter_group_name = "team-shared"
            }
            """])
        #expect(transit(findings) == [
            "aws_docdb_cluster.elsewhere info: whether the database requires TLS cannot be verified: the parameter group 'team-shared' is not in the plan",
            "aws_docdb_cluster.legacy high: the database accepts connections over TLS 1.0 and 1.1 (tls is 'enabled' in aws_docdb_cluster_parameter_group.legacy, which accepts TLS 1.0 to 1.3); expected the cluster parameter group to set tls to tls1.2+ (or tls1.3+)",
            "aws_docdb_cluster.off high: the database accepts connections without TLS (tls is 'disabled' in aws_docdb_cluster_parameter_group.off); expected the cluster parameter group to require TLS (tls tls1.2+, tls1.3+ or fips-140-3)",
        ])
    }

    @Test func templateClusterParameterGroups() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Off:
                Type: AWS::DocDB::DBClusterParameterGroup
                Properties:
                  Description: x
                  Family: docdb5.0
                  Parameters:
                    tls: disabled
              Docs:
                Type: AWS::DocDB::DBCluster
                Properties:
                  StorageEncrypted: true
                  DBClusterParameterGroupName: !Ref Off
              Plain:
                Type: AWS::DocDB::DBCluster
                Properties:
                  StorageEncrypted: true
              Legacy:
                Type: AWS::DocDB::DBClusterParameterGroup
                Properties: {Description: x, Family: docdb5.0, Parameters: {tls: enabled}}
              Old:
                Type: AWS::DocDB::DBCluster
                Properties: {StorageEncrypted: true, DBClusterParameterGroupName: !Ref Legacy}
              Graph:
                Type: AWS::Neptune::DBCluster
                Properties:
                  StorageEncrypted: true
            """)
        #expect(transit(findings) == [
            "Docs high: the database accepts connections without TLS (tls is 'disabled' in Off); expected the cluster parameter group to require TLS (tls tls1.2+, tls1.3+ or fips-140-3)",
            "Old high: the database accepts connections over TLS 1.0 and 1.1 (tls is 'enabled' in Legacy, which accepts TLS 1.0 to 1.3); expected the cluster parameter group to set tls to tls1.2+ (or tls1.3+)",
        ])
    }

    /// A database may name its group by the group's own name rather than `!Ref` (review): the template's group is
    /// found by that name and its type, for DocumentDB (`Name`) and RDS (`DBParameterGroupName`) alike; a group of
    /// another type with the same name, earlier in the template, does not stand in for it (second review).
    @Test func templateGroupsNamedByTheirOwnName() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Off:
                Type: AWS::DocDB::DBClusterParameterGroup
                Properties: {Description: x, Family: docdb5.0, Name: MyGroup, Parameters: {tls: disabled}}
              Docs:
                Type: AWS::DocDB::DBCluster
                DependsOn: Off
                Properties: {StorageEncrypted: true, DBClusterParameterGroupName: mygroup}
              Decoy:
                Type: AWS::RDS::DBClusterParameterGroup
                Properties: {Description: a cluster group taking the instance group's name, Family: aurora-postgresql16, DBClusterParameterGroupName: loose, Parameters: {rds.force_ssl: "1"}}
              Loose:
                Type: AWS::RDS::DBParameterGroup
                Properties: {Description: x, Family: postgres16, DBParameterGroupName: loose, Parameters: {rds.force_ssl: "0"}}
              Db:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: postgres, EngineVersion: "16.3", DBInstanceClass: db.t3.micro, StorageEncrypted: true, DBParameterGroupName: loose}
            """)
        #expect(transit(findings).map { String($0.prefix(while: { $0 != ":" })) } == ["Db high", "Docs high"])
    }
}
