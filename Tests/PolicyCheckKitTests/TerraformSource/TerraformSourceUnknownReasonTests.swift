import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// A "cannot verify" read from source names what truly left the value unknown — a variable with no value here, a
/// function policycheck does not evaluate — not the first reference of the expression, and does not call it
/// "known only after apply" when apply has nothing to do with it.
@Suite struct TerraformSourceUnknownReasonTests {
    @Test func theUnknownVariableIsNamedNotTheKnownLocalBesideIt() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            variable "engine" { type = string }
            variable "replicate_source_db" {
              type    = string
              default = null
            }
            locals {
              is_replica = try(length(var.replicate_source_db), 0) > 0
            }
            resource "aws_db_instance" "db" {
              identifier              = "db"
              engine                  = local.is_replica ? null : var.engine
              instance_class          = "db.t3.micro"
              allocated_storage       = 20
              storage_encrypted       = true
              kms_key_id              = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
              backup_retention_period = 30
              enabled_cloudwatch_logs_exports = ["postgresql"]
            }
            """)
        let tls = try #require(findings.first { $0.ruleId == "MMC-ENC-003" })
        #expect(tls.message == "whether the database requires TLS cannot be verified: not known here (it comes from var.engine, which has no value here)")
        #expect("\(tls.line):\(tls.column)" == "2:1")
    }

    @Test func aValueKnownOnlyAfterApplyKeepsThePlansWording() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_s3_bucket" "b" {
              bucket = "b"
            }
            resource "aws_db_instance" "db" {
              engine            = "postgres"
              storage_encrypted = aws_s3_bucket.b.id == "x"
            }
            """)
        let encryption = findings.first { $0.ruleId == "MMC-ENC-001" }
        #expect(encryption?.message == "encryption at rest of the database cannot be verified: known only after apply (it comes from aws_s3_bucket.b.id)")
    }
}
