import Foundation
@testable import PolicyCheckKit
import Testing

/// A reference with an instance key (`aws_s3_bucket.origin[0].id`) to a block whose `count` is unknown reaches the
/// one instance standing for its instances. cloudposse modules (`count = module.this.enabled ? 1 : 0`, the label
/// module being remote) wrote their bucket policy and versioning this way, and the bucket was reported as having
/// neither (terraform-aws-cloudfront-s3-cdn, round 21).
@Suite struct TerraformSourceStandInReferenceTests {
    static func module(companions: String) -> String {
        """
        provider "aws" { region = "us-east-1" }
        variable "enabled" { type = bool }
        resource "aws_s3_bucket" "origin" {
          count  = var.enabled ? 1 : 0
          bucket = "origin"
        }
        \(companions)
        """
    }

    static func outcome(_ findings: [Finding], _ rule: String) -> Finding? {
        findings.first { $0.ruleId == rule && $0.resource == "aws_s3_bucket.origin" }
    }

    @Test func aPolicyNamingTheStandInWithAKeyIsItsPolicy() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.module(companions: """
            data "aws_iam_policy_document" "ssl_only" {}
            resource "aws_s3_bucket_policy" "origin" {
              count  = var.enabled ? 1 : 0
              bucket = aws_s3_bucket.origin[0].id
              policy = data.aws_iam_policy_document.ssl_only.json
            }
            """))
        // The policy document is empty (policycheck evaluates `aws_iam_policy_document` as the provider does): the
        // bucket's policy is found through the stand-in, and denies nothing.
        let transit = try #require(Self.outcome(findings, "MMC-ENC-003"))
        #expect(!transit.cannotVerify)
        #expect(transit.message.contains("denies no request"), "\(transit.message)")
    }

    @Test func versioningNamingTheStandInWithAKeyIsItsVersioning() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.module(companions: """
            resource "aws_s3_bucket_versioning" "origin" {
              count  = var.enabled ? 1 : 0
              bucket = aws_s3_bucket.origin[0].id
              versioning_configuration { status = "Enabled" }
            }
            """))
        #expect(Self.outcome(findings, "MMC-AVL-004") == nil, "\(findings.map(\.message))")
    }

    @Test func suspendedVersioningThroughTheStandInStillFails() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.module(companions: """
            resource "aws_s3_bucket_versioning" "origin" {
              count  = var.enabled ? 1 : 0
              bucket = aws_s3_bucket.origin[0].id
              versioning_configuration { status = "Suspended" }
            }
            """))
        let versioning = try #require(Self.outcome(findings, "MMC-AVL-004"))
        #expect(!versioning.cannotVerify)
        #expect(versioning.message.contains("'Suspended'"), "\(versioning.message)")
    }

    @Test func aKeyNamedThroughTheStandInIsTheStoresKey() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            variable "enabled" { type = bool }
            resource "aws_kms_key" "k" {
              count                   = var.enabled ? 1 : 0
              enable_key_rotation     = true
              deletion_window_in_days = 30
            }
            resource "aws_db_instance" "db" {
              engine            = "postgres"
              storage_encrypted = true
              kms_key_id        = aws_kms_key.k[0].arn
            }
            """)
        let key = findings.first { $0.ruleId == "MMC-ENC-002" && $0.resource == "aws_db_instance.db" }
        #expect(key == nil, "\(key?.message ?? "")")
    }
}
