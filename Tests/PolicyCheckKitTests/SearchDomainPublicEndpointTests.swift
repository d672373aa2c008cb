import PolicyCheckKit
import Testing

/// An OpenSearch or Elasticsearch domain without VPC options has a public endpoint, reachable from the internet
/// behind its access policy alone: MMC-NET-012, as a publicly accessible database, in a plan, in source and in a
/// template; VPC options make it private (found by the tester: a public domain passed).
@Suite struct SearchDomainPublicEndpointTests {
    typealias CFN = CloudFormationTesting

    static let message = "the database has a public endpoint (the domain is not placed in a VPC), so only its access policy decides who reaches it; expected the domain in a VPC"

    static func publicStores(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-NET-012" }
            .map { "\($0.resource) \($0.path)\($0.cannotVerify ? " (cannot verify)" : "")" }
    }

    @Test func aDomainOutsideAVPCFailsInAPlan() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_opensearch_domain.public", "aws_opensearch_domain", after: ["vpc_options": [] as [Any]])
        plan.change("aws_opensearch_domain.private", "aws_opensearch_domain",
                    after: ["vpc_options": [["subnet_ids": ["subnet-1"], "security_group_ids": ["sg-1"]]]])
        plan.change("aws_elasticsearch_domain.legacy", "aws_elasticsearch_domain", after: ["domain_name": "legacy"])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(Self.publicStores(findings) == [
            "aws_opensearch_domain.public resource_changes[0].change.after.vpc_options",
            "aws_elasticsearch_domain.legacy resource_changes[2].change.after.vpc_options",
        ])
        #expect(findings.first { $0.ruleId == "MMC-NET-012" }?.message == Self.message)
    }

    @Test func aDomainOutsideAVPCFailsInSource() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            variable "subnets" {}
            resource "aws_opensearch_domain" "public" {
              domain_name = "public"
            }
            resource "aws_opensearch_domain" "private" {
              domain_name = "private"
              vpc_options { subnet_ids = var.subnets }
            }
            resource "aws_opensearch_domain" "maybe" {
              domain_name = "maybe"
              dynamic "vpc_options" {
                for_each = var.subnets
                content { subnet_ids = vpc_options.value }
              }
            }
            """)
        // The dynamic block over a variable without a value cannot be verified, located at the variable.
        #expect(findings.filter { $0.ruleId == "MMC-NET-012" }.map { "\($0.summary) \($0.cannotVerify)" } == [
            "MMC-NET-012 info 2:1 aws_opensearch_domain.maybe true",
            "MMC-NET-012 high 3:1 aws_opensearch_domain.public false",
        ])
    }

    @Test func aDomainOutsideAVPCFailsInATemplateAtItsWorst() throws {
        let template = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Public:
                Type: AWS::OpenSearchService::Domain
                Properties: {EngineVersion: OpenSearch_2.13}
              Private:
                Type: AWS::OpenSearchService::Domain
                Properties: {VPCOptions: {SubnetIds: [subnet-1]}}
              ProdOnly:
                Type: AWS::Elasticsearch::Domain
                Properties: {VPCOptions: !If [IsProd, {SubnetIds: [subnet-1]}, !Ref 'AWS::NoValue']}
              Imported:
                Type: AWS::OpenSearchService::Domain
                Properties: {VPCOptions: !ImportValue network-vpc-options}
            """
        let findings = try CFN.findings(template)
        #expect(Self.publicStores(findings) == [
            "Public Resources.Public.Properties.VPCOptions",
            "ProdOnly Resources.ProdOnly.Properties.VPCOptions",
            "Imported Resources.Imported.Properties.VPCOptions (cannot verify)",
        ])
        #expect(findings.first { $0.ruleId == "MMC-NET-012" }?.message == Self.message)
    }
}
