import Foundation
@testable import PolicyCheckKit
import Testing

/// S3 accepts only AES256, aws:kms and aws:kms:dsse as a bucket's default algorithm, and uses the named KMS key
/// only with the KMS ones (docs/terraform-source.md, "Checked against Checkov").
@Suite struct S3EncryptionAlgorithmTests {
    static func findings(algorithm: String, key: Bool) throws -> [String] {
        let keyLine = key ? "\n      kms_master_key_id = aws_kms_key.k.arn" : ""
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            resource "aws_kms_key" "k" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
            }
            resource "aws_s3_bucket" "b" {
              bucket = "b"
            }
            resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
              bucket = aws_s3_bucket.b.id
              rule {
                apply_server_side_encryption_by_default {
                  sse_algorithm = "\(algorithm)"\(keyLine)
                }
              }
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        let deployment = try #require(outcome.deployment, "\(outcome.errors)")
        return try TerraformFixture.findings(deployment).withoutLoggingTransitRecovery
            .filter { $0.resource == "aws_s3_bucket.b" && $0.ruleId.hasPrefix("MMC-ENC") }
            .map { "\($0.ruleId) \($0.line):\($0.column)" }.sorted()
    }

    @Test func anAlgorithmS3RefusesIsNotEncryption() throws {
        #expect(try Self.findings(algorithm: "metallica", key: true) == ["MMC-ENC-001 12:23", "MMC-ENC-002 12:23"])
        #expect(try Self.findings(algorithm: "aws:KMS", key: false) == ["MMC-ENC-001 12:23", "MMC-ENC-002 12:23"])
    }

    @Test func aKeyBesideAES256IsNotUsed() throws {
        #expect(try Self.findings(algorithm: "AES256", key: true) == ["MMC-ENC-002 12:23"])
        #expect(try Self.findings(algorithm: "AES256", key: false) == ["MMC-ENC-002 12:23"])
    }

    @Test func kmsAlgorithmsWithACustomerKeyPass() throws {
        #expect(try Self.findings(algorithm: "aws:kms", key: true) == [])
        #expect(try Self.findings(algorithm: "aws:kms:dsse", key: true) == [])
    }
}
