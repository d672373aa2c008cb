@testable import PolicyCheckKit
import Testing

/// A second local name of the AWS provider is, to Terraform, an alias spelt another way (hashicorp/terraform#31218):
/// each resource using it gets its own residency finding, so an ignore at its provider block covers no resource a
/// later pull request adds (tester round 33).
struct TerraformProviderLocalNameTests {
    @Test func eachResourceOfAnotherLocalNameHasItsOwnResidencyFinding() throws {
        let main = """
            terraform {
              required_providers {
                aws    = { source = "hashicorp/aws" }
                amazon = { source = "hashicorp/aws" }
              }
            }
            provider "aws" {
              region = "us-east-1"
            }
            provider "amazon" {
              region = "eu-west-1"
            }
            resource "aws_cloudwatch_log_group" "canary" {
              provider = amazon
              name     = "canary"
            }
            resource "aws_s3_bucket" "data" {
              provider = amazon
              bucket   = "data"
            }

            """
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": main]).filter { $0.ruleId == "MMC-RES-001" }
        let resources = Set(findings.map(\.resource))
        #expect(resources.isSuperset(of: ["aws_cloudwatch_log_group.canary", "aws_s3_bucket.data"]), "\(findings.map(\.resource))")
    }

    /// Another provider's own configuration (`google`) is no alias of the AWS provider: its resources get no
    /// finding of their own (regression tester, round 33).
    @Test func anotherProvidersResourcesAreNotJudgedAsAnAlias() throws {
        let main = """
            provider "aws" {
              region = "us-east-1"
            }
            provider "google" {
              region = "us-central1"
            }
            resource "google_compute_network" "n" {
              name = "n"
            }

            """
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": main]).filter { $0.ruleId == "MMC-RES-001" }
        #expect(!findings.contains { $0.message.contains("the resource uses provider") }, "\(findings.map(\.message))")
    }
}
