import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A replication group that leaves at-rest encryption unset is encrypted when its engine is Valkey (AWS's default
/// there) and not when it is Redis OSS; it was critical MMC-ENC-001 for both.
@Suite struct ValkeyAtRestDefaultTests {
    private func atRest(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-001" }.map { "\($0.resource) \($0.cannotVerify)" }.sorted()
    }

    @Test func templates() throws {
        let findings = try CloudFormationTesting.findings("""
            Parameters:
              Engine: {Type: String, AllowedValues: [valkey, redis], Default: valkey}
              Given: {Type: String}
            Resources:
              Valkey:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {ReplicationGroupDescription: x, Engine: valkey, TransitEncryptionEnabled: true}
              Redis:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {ReplicationGroupDescription: x, Engine: redis, TransitEncryptionEnabled: true}
              Default:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {ReplicationGroupDescription: x, TransitEncryptionEnabled: true}
              Either:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {ReplicationGroupDescription: x, Engine: !Ref Engine, TransitEncryptionEnabled: true}
              Unknown:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {ReplicationGroupDescription: x, Engine: !Ref Given, TransitEncryptionEnabled: true}
              ValkeyOff:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {ReplicationGroupDescription: x, Engine: valkey, AtRestEncryptionEnabled: false, TransitEncryptionEnabled: true}
            """)
        #expect(atRest(findings) == ["Default false", "Either false", "Redis false", "Unknown true", "ValkeyOff false"])
    }

    @Test func terraformSource() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            variable "engine" {}
            resource "aws_elasticache_replication_group" "valkey" {
              replication_group_id = "a"
              description          = "x"
              engine               = "valkey"
              transit_encryption_enabled = true
            }
            resource "aws_elasticache_replication_group" "redis" {
              replication_group_id = "b"
              description          = "x"
              transit_encryption_enabled = true
            }
            resource "aws_elasticache_replication_group" "unknown" {
              replication_group_id = "c"
              description          = "x"
              engine               = var.engine
              transit_encryption_enabled = true
            }
            """])
        #expect(atRest(findings) == ["aws_elasticache_replication_group.redis false", "aws_elasticache_replication_group.unknown true"])
    }
}
