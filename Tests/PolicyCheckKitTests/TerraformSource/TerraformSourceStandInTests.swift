import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// The one instance that stands for an unknown `count` or `for_each`: a value its body cannot compute — an error
/// no real instance may meet, since Terraform evaluates the body once per instance and not at all when there are
/// none — is unknown, reported as cannot verify; never an input error (exit 2), never a silent pass.
@Suite struct TerraformSourceStandInTests {
    /// terraform-aws-apigateway-v2's shape: a for_each Terraform finds empty, whose body reads `this[0]` of a
    /// resource with `count = 0` (here the for_each is unknown because its map comes from a variable without a value).
    static let emptyForEach = """
        provider "aws" { region = "us-east-1" }
        variable "create" { default = false }
        variable "records" {}
        resource "aws_s3_bucket" "this" {
          count  = var.create ? 1 : 0
          bucket = "x"
        }
        resource "aws_route53_record" "this" {
          for_each = { for k, v in var.records : k => v if var.create }
          zone_id  = "Z1"
          name     = aws_s3_bucket.this[0].bucket
          type     = "A"
        }
        """

    @Test func anErrorInsideTheStandInIsAnUnknownValue() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": Self.emptyForEach])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (root, _) = try TerraformSourceFixture.evaluate(directory: directory)
        defer { root.dismantle() }
        let record = try #require(root.instances["aws_route53_record.this"]?.first)
        let name = try #require(record.values["name"])
        #expect(name.unknownReason?.hasPrefix("the instances of aws_route53_record.this depend on a value unknown before apply") == true)
        #expect(name.unknownReason?.contains("index 0 is out of range") == true, "\(name.unknownReason ?? "known")")
        #expect(TerraformSourceFixture.spell(record.values["type"]!) == #""A""#, "what needs no missing instance is still known")
    }

    @Test func aRuleOnTheFailedValueCannotVerifyRatherThanStopTheRun() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            variable "names" {}
            resource "aws_db_instance" "primary" {
              count             = 0
              engine            = "postgres"
              storage_encrypted = true
            }
            resource "aws_db_instance" "db" {
              for_each          = var.names
              engine            = "postgres"
              storage_encrypted = aws_db_instance.primary[0].storage_encrypted
            }
            """)
        let encryption = findings.filter { $0.ruleId == "MMC-ENC-001" && $0.resource.hasPrefix("aws_db_instance.db") }
        #expect(encryption.count == 1)
        #expect(encryption.first?.cannotVerify == true)
    }

    @Test func anErrorInAStandInModuleCallsArgumentIsAnUnknownValue() throws {
        let findings = try TerraformSourceFixture.findings(files: [
            "main.tf": """
                provider "aws" { region = "us-east-1" }
                variable "names" {}
                resource "aws_db_instance" "primary" {
                  count             = 0
                  storage_encrypted = true
                }
                module "db" {
                  source    = "./db"
                  for_each  = var.names
                  encrypted = aws_db_instance.primary[0].storage_encrypted
                }
                """,
            "db/main.tf": """
                variable "encrypted" {}
                resource "aws_db_instance" "this" {
                  engine            = "postgres"
                  storage_encrypted = var.encrypted
                }
                """,
        ])
        let encryption = findings.filter { $0.ruleId == "MMC-ENC-001" && $0.resource.hasPrefix("module.db") }
        #expect(encryption.map(\.cannotVerify) == [true])
    }

    @Test func aStaticErrorInsideTheStandInStillStopsTheRun() throws {
        let errors = try TerraformSourceHostileTests.errors(["main.tf": """
            variable "names" {}
            resource "aws_s3_bucket" "b" {
              for_each = var.names
              bucket   = local.missing
            }
            """])
        #expect(errors == ["main.tf:4:14: local.missing is not declared in the module"])
    }

    @Test func anErrorInARealInstanceStillStopsTheRun() throws {
        let errors = try TerraformSourceHostileTests.errors(["main.tf": """
            resource "aws_s3_bucket" "a" {
              count  = 0
              bucket = "a"
            }
            resource "aws_s3_bucket" "b" {
              bucket = aws_s3_bucket.a[0].bucket
            }
            """])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("out of range") == true, "\(errors)")
    }
}
