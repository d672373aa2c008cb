import Foundation
@testable import PolicyCheckKit
import Testing

/// An `aws_rds_cluster` that states no engine (bridgecrewio/terragoat's nine clusters): AWS provider 5.0 refuses it and
/// earlier versions create `aurora`, whose require_secure_transport is OFF by default, so whether it requires TLS
/// cannot be verified. It passed silently: no MMC-ENC-003 finding at all (round 21).
@Suite struct TerraformSourceClusterEngineTests {
    @Test func aClusterWithoutAnEngineCannotBeVerified() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_rds_cluster" "bare" {
              storage_encrypted = true
            }
            resource "aws_rds_cluster_parameter_group" "pg" {
              family = "aurora-postgresql16"
              parameter {
                name  = "rds.force_ssl"
                value = "1"
              }
            }
            resource "aws_rds_cluster" "family" {
              storage_encrypted               = true
              db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.pg.name
            }
            """)
        let transit = findings.filter { $0.ruleId == "MMC-ENC-003" }
            .map { "\($0.line):\($0.column) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : ""): \($0.message)" }
        #expect(transit == [
            "2:1 aws_rds_cluster.bare (cannot verify): whether the database requires TLS cannot be verified: the cluster states no engine, which AWS provider 5.0 and later require (earlier versions create aurora, whose require_secure_transport is OFF by default)",
        ], "the group's family names the engine of the other: \(transit)")
    }

    /// So is an instance whose engine is null (cloudposse/terraform-aws-rds's default): it had no verdict at all
    /// (tester, round 36).
    @Test func anInstanceWithoutAnEngineCannotBeVerified() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            variable "engine" { default = null }
            resource "aws_db_instance" "bare" {
              engine            = var.engine
              instance_class    = "db.t4g.micro"
              storage_encrypted = true
            }
            resource "aws_db_instance" "stated" {
              engine            = "postgres"
              engine_version    = "16.3"
              instance_class    = "db.t4g.micro"
              storage_encrypted = true
            }
            """)
        let transit = findings.filter { $0.ruleId == "MMC-ENC-003" }
        #expect(transit.map(\.resource) == ["aws_db_instance.bare"], "\(transit.map(\.message))")
        #expect(transit.first?.cannotVerify == true)
        #expect(transit.first?.message.contains("the instance states no engine") == true)
    }
}
