import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// Findings on Terraform source name places as the configuration does, and a region the source leaves to the
/// environment or to a variable without a value is "cannot verify", never a silent pass.
@Suite struct TerraformSourceRegionAndPathTests {
    static func findings(_ files: [String: String]) throws -> [Finding] {
        try TerraformSourceFixture.findings(files: files)
    }

    @Test func pathsAreTheConfigurationsNotAPlanFiles() throws {
        let findings = try Self.findings(["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_rds_cluster" "db" {
              engine = "postgres"
            }
            """])
        let encryption = try #require(findings.first { $0.ruleId == "MMC-ENC-001" })
        #expect(encryption.path == "aws_rds_cluster.db.storage_encrypted")
        #expect(encryption.message == "no encryption at rest is declared for the database; expected 'aws_rds_cluster.db.storage_encrypted' to turn it on")
        #expect(!findings.contains { $0.path.contains("resource_changes") || $0.message.contains("resource_changes") })
    }

    /// A `dynamic` block whose `for_each` is empty generates no block: the finding on the missing block points at
    /// the dynamic block (line 6), not at the file's first byte (terraform-aws-ec2-instance's root volume).
    @Test func aMissingBlockADynamicBlockDidNotGenerateIsFoundAtTheDynamicBlock() throws {
        let findings = try Self.findings(["main.tf": """
            provider "aws" { region = "us-east-1" }
            variable "root" { default = null }
            resource "aws_instance" "web" {
              ami           = "ami-12345678"
              instance_type = "t3.micro"
              dynamic "root_block_device" {
                for_each = var.root != null ? [var.root] : []
                content {
                  encrypted = root_block_device.value.encrypted
                }
              }
            }
            """]).filter { $0.ruleId == "MMC-ENC-001" }
        #expect(findings.map { "\($0.line):\($0.column)" } == ["6:3"], "\(findings)")
    }

    @Test func aRegionLeftToTheEnvironmentOrToAVariableWithoutAValueCannotBeVerified() throws {
        let cases: [(String, String)] = [
            ("provider \"aws\" {}\n", "the provider names no region, so it takes AWS_REGION or the shared configuration's when Terraform runs"),
            ("provider \"aws\" {\n  region = \"\"\n}\n", "the provider's region is empty, so it takes AWS_REGION or the shared configuration's when Terraform runs"),
            ("variable \"region\" {}\nprovider \"aws\" {\n  region = var.region\n}\n", "the provider's region comes from var.region, which has no value here"),
        ]
        for (provider, reason) in cases {
            let findings = try Self.findings(["main.tf": provider + "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n"])
                .filter { $0.ruleId == "MMC-RES-001" }
            #expect(findings.map(\.message) == ["provider region cannot be verified: \(reason)"], "\(provider)")
            #expect(findings.allSatisfy { $0.cannotVerify && $0.resource == "provider.aws" }, "\(provider)")
        }
        let named = try Self.findings(["main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\nprovider \"google\" {}\n"])
        #expect(!named.contains { $0.ruleId == "MMC-RES-001" }, "a named region passes; other providers' regions are no AWS region")
    }

    /// A resource with no instances (`count = 0`) still names its provider configuration, as Terraform writes its
    /// `provider_config_key`: read as the type's default provider, it was taken for the first user of an unconfigured
    /// `aws` and the finding was placed on it rather than on the resource that uses the default (tester round 29,
    /// aws-ia/terraform-aws-rds-aurora).
    @Test func aResourceWithNoInstancesKeepsTheProviderItNames() throws {
        let noInstances = """
            provider "aws" {
              alias  = "primary"
              region = "us-east-1"
            }
            resource "aws_db_subnet_group" "b" {
              provider   = aws.primary
              count      = 0
              name       = "b"
              subnet_ids = ["subnet-1"]
            }

            """
        let findings = try Self.findings(["main.tf": noInstances + """
            resource "aws_iam_role" "r" {
              assume_role_policy = "{}"
            }
            """]).filter { $0.ruleId == "MMC-RES-001" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.resource)" } == ["11:1 provider.aws"], "\(findings)")
        let none = try Self.findings(["main.tf": noInstances]).filter { $0.ruleId == "MMC-RES-001" }
        #expect(none.isEmpty, "the only resource uses the configured alias: no unconfigured provider \(none)")
    }

    @Test func aKnownForeignRegionStillFailsBesideAnUnknownOne() throws {
        let findings = try Self.findings(["main.tf": """
            variable "r" {}
            provider "aws" {
              region = "eu-west-1"
            }
            resource "aws_kms_key" "k" {
              region = var.r
              enable_key_rotation = true
            }
            """]).filter { $0.ruleId == "MMC-RES-001" }
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" }.sorted() == ["aws_kms_key.k true", "provider.aws false"])
    }

    /// Terraform plans `{ a = uuid() } != null` as true: a known object is not null however unknown its attributes.
    /// Modules gate resources on `var.group != null`; judged unknown, a parameter group that turns TLS off was only
    /// "cannot verify" (terraform-aws-rds-aurora's examples).
    @Test func aKnownObjectWithUnknownAttributesIsNotNull() throws {
        let findings = try Self.findings(["main.tf": """
            provider "aws" { region = "us-east-1" }
            variable "pg" {
              default = { name = "ex", parameters = [{ name = "require_secure_transport", value = "OFF" }] }
            }
            locals {
              pg        = merge(var.pg, { name = "ex-${uuid()}" })
              create_pg = local.pg != null
              unknown   = uuid() != null
            }
            resource "aws_rds_cluster_parameter_group" "this" {
              count  = local.create_pg ? 1 : 0
              name   = local.pg.name
              family = "aurora-mysql8.0"
              dynamic "parameter" {
                for_each = local.pg.parameters
                content {
                  name  = parameter.value.name
                  value = parameter.value.value
                }
              }
            }
            resource "aws_rds_cluster" "db" {
              engine                          = "aurora-mysql"
              storage_encrypted               = true
              db_cluster_parameter_group_name = local.create_pg ? aws_rds_cluster_parameter_group.this[0].name : null
            }
            """]).filter { $0.ruleId == "MMC-ENC-003" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.cannotVerify)" } == ["high false"], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("require_secure_transport is 'OFF'") == true, "\(findings.map(\.message))")
    }

    /// Terraform refuses a second configuration of one provider key: it is said (a warning at the second block),
    /// and the first is checked, as for a resource declared twice — never dropped without a word.
    @Test func aProviderConfiguredTwiceIsSaid() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            provider "aws" { region = "us-east-1" }
            provider "aws" { region = "eu-west-1" }
            resource "aws_s3_bucket" "b" { bucket = "x" }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        #expect(outcome.errors.isEmpty)
        #expect(outcome.notices.map { "\($0.location?.line ?? 0): \($0.message)" }
            == ["2: provider aws is configured twice in the module, which Terraform refuses; the first configuration is checked"])
    }
}
