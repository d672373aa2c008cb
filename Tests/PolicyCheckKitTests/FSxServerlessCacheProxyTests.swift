import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// FSx file systems, ElastiCache Serverless caches and RDS Proxies were not read: an FSx or serverless cache with
/// AWS's own key, and a proxy taking plaintext connections, passed silently (terraform-aws-fsx, terraform-aws-rds-proxy).
@Suite struct FSxServerlessCacheProxyTests {
    private func summary(_ findings: [Finding]) -> [String] {
        findings.filter { ["MMC-ENC-001", "MMC-ENC-002", "MMC-ENC-003"].contains($0.ruleId) }
            .map { "\($0.ruleId) \($0.resource)\($0.message.contains("scratch") ? " scratch" : "")" }.sorted()
    }

    @Test func terraform() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_fsx_lustre_file_system" "scratch" {
              storage_capacity = 1200
              subnet_ids       = ["subnet-1"]
            }
            resource "aws_fsx_lustre_file_system" "persistent" {
              storage_capacity            = 1200
              subnet_ids                  = ["subnet-1"]
              deployment_type             = "PERSISTENT_2"
              per_unit_storage_throughput = 125
              kms_key_id                  = "arn:aws:kms:us-east-1:111122223333:key/0b3d4c5e-6f70-4a1b-8c2d-3e4f5a6b7c8d"
            }
            resource "aws_fsx_ontap_file_system" "ontap" {
              storage_capacity    = 1024
              subnet_ids          = ["subnet-1"]
              deployment_type     = "SINGLE_AZ_1"
              throughput_capacity = 128
              preferred_subnet_id = "subnet-1"
            }
            resource "aws_elasticache_serverless_cache" "cache" {
              engine = "valkey"
              name   = "cache"
            }
            resource "aws_db_proxy" "open" {
              name           = "open"
              engine_family  = "POSTGRESQL"
              role_arn       = "arn:aws:iam::111122223333:role/proxy"
              vpc_subnet_ids = ["subnet-1"]
              auth {
                auth_scheme = "SECRETS"
                secret_arn  = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"
              }
            }
            resource "aws_db_proxy" "tls" {
              name           = "tls"
              engine_family  = "POSTGRESQL"
              role_arn       = "arn:aws:iam::111122223333:role/proxy"
              vpc_subnet_ids = ["subnet-1"]
              require_tls    = true
              auth {
                auth_scheme = "SECRETS"
                secret_arn  = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"
              }
            }
            """])
        #expect(summary(findings) == [
            "MMC-ENC-002 aws_elasticache_serverless_cache.cache",
            "MMC-ENC-002 aws_fsx_lustre_file_system.scratch scratch",
            "MMC-ENC-002 aws_fsx_ontap_file_system.ontap",
            "MMC-ENC-003 aws_db_proxy.open",
        ])
        #expect(findings.first { $0.resource == "aws_db_proxy.open" }?.message.contains("expected the proxy to require TLS") == true)
    }

    @Test func cloudFormation() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Scratch:
                Type: AWS::FSx::FileSystem
                Properties: {FileSystemType: LUSTRE, StorageCapacity: 1200, SubnetIds: [subnet-1]}
              Persistent:
                Type: AWS::FSx::FileSystem
                Properties:
                  FileSystemType: LUSTRE
                  StorageCapacity: 1200
                  SubnetIds: [subnet-1]
                  KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/0b3d4c5e-6f70-4a1b-8c2d-3e4f5a6b7c8d
                  LustreConfiguration: {DeploymentType: PERSISTENT_2, PerUnitStorageThroughput: 125}
              Windows:
                Type: AWS::FSx::FileSystem
                Properties: {FileSystemType: WINDOWS, StorageCapacity: 32, SubnetIds: [subnet-1]}
              Cache:
                Type: AWS::ElastiCache::ServerlessCache
                Properties: {Engine: valkey, ServerlessCacheName: c}
              Open:
                Type: AWS::RDS::DBProxy
                Properties: {DBProxyName: p, EngineFamily: MYSQL, RoleArn: r, VpcSubnetIds: [s], Auth: [{AuthScheme: SECRETS, SecretArn: x}]}
              Tls:
                Type: AWS::RDS::DBProxy
                Properties: {DBProxyName: q, EngineFamily: MYSQL, RequireTLS: true, RoleArn: r, VpcSubnetIds: [s], Auth: [{AuthScheme: SECRETS, SecretArn: x}]}
            """)
        #expect(summary(findings) == ["MMC-ENC-002 Cache", "MMC-ENC-002 Scratch scratch", "MMC-ENC-002 Windows", "MMC-ENC-003 Open"])
    }
}
