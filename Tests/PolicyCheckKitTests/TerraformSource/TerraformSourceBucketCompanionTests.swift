import PolicyCheckKit
import Testing

/// Several `aws_s3_bucket_versioning` or `aws_s3_bucket_logging` resources of one bucket each replace its setting,
/// in an order the plan does not fix, so each must meet the rule (round 24: only the first written was read, and
/// an Enabled one written first hid a Suspended one after it).
@Suite struct TerraformSourceBucketCompanionTests {
    private static let header = """
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_s3_bucket" "data" {
          bucket = "chat-data"
        }
        resource "aws_s3_bucket" "logs" {
          bucket = "chat-logs"
        }

        """

    private func findings(_ main: String, rule: String) throws -> [String] {
        try TerraformSourceFixture.findings(main: Self.header + main)
            .filter { $0.ruleId == rule && $0.resource == "aws_s3_bucket.data" }
            .map { "\($0.severity) \($0.cannotVerify ? "cannot verify" : "fails")" }
    }

    private static func versioning(_ name: String, _ status: String) -> String {
        """
        resource "aws_s3_bucket_versioning" "\(name)" {
          bucket = aws_s3_bucket.data.id
          versioning_configuration {
            status = "\(status)"
          }
        }

        """
    }

    private static func logging(_ name: String, _ target: String) -> String {
        """
        resource "aws_s3_bucket_logging" "\(name)" {
          bucket        = aws_s3_bucket.data.id
          target_bucket = \(target)
          target_prefix = "data/"
        }

        """
    }

    @Test func everyVersioningResourceOfTheBucketMustEnableIt() throws {
        #expect(try findings(Self.versioning("on", "Enabled"), rule: "MMC-AVL-004").isEmpty)
        #expect(try findings(Self.versioning("on", "Enabled") + Self.versioning("off", "Suspended"),
                             rule: "MMC-AVL-004") == ["medium fails"])
        #expect(try findings(Self.versioning("on", "Enabled") + Self.versioning("again", "Enabled"),
                             rule: "MMC-AVL-004").isEmpty)
    }

    @Test func everyLoggingResourceOfTheBucketMustLogElsewhere() throws {
        #expect(try findings(Self.logging("elsewhere", "aws_s3_bucket.logs.id"), rule: "MMC-LOG-003").isEmpty)
        #expect(try findings(Self.logging("elsewhere", "aws_s3_bucket.logs.id") + Self.logging("itself", "aws_s3_bucket.data.id"),
                             rule: "MMC-LOG-003") == ["medium fails"])
    }

    private static func block(_ name: String, off: Bool) -> String {
        """
        resource "aws_s3_bucket_public_access_block" "\(name)" {
          bucket                  = aws_s3_bucket.data.id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = \(!off)
        }

        """
    }

    private static func acl(_ name: String, _ acl: String) -> String {
        """
        resource "aws_s3_bucket_acl" "\(name)" {
          bucket = aws_s3_bucket.data.id
          acl    = "\(acl)"
        }

        """
    }

    @Test func everyPublicAccessBlockAndACLOfTheBucketIsJudged() throws {
        #expect(try findings(Self.block("full", off: false), rule: "MMC-NET-012").isEmpty)
        #expect(try findings(Self.block("full", off: false) + Self.block("partial", off: true),
                             rule: "MMC-NET-012") == ["high fails"])
        #expect(try findings(Self.acl("private", "private"), rule: "MMC-NET-012").isEmpty)
        #expect(try findings(Self.acl("private", "private") + Self.acl("public", "public-read"),
                             rule: "MMC-NET-012") == ["high fails"])
    }

    private static func encryption(_ name: String, _ settings: String) -> String {
        """
        resource "aws_s3_bucket_server_side_encryption_configuration" "\(name)" {
          bucket = aws_s3_bucket.data.id
          rule {
            apply_server_side_encryption_by_default {
              \(settings)
            }
          }
        }

        """
    }

    @Test func everyEncryptionConfigurationOfTheBucketMustNameItsKey() throws {
        let key = """
            resource "aws_kms_key" "data" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
            }

            """
        let kms = Self.encryption("kms", "sse_algorithm = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.data.arn")
        #expect(try findings(key + kms, rule: "MMC-ENC-002").isEmpty)
        #expect(try findings(key + kms + Self.encryption("s3", "sse_algorithm = \"AES256\""), rule: "MMC-ENC-002")
            == ["high fails"])
    }
}
