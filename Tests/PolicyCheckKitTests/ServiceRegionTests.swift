import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// Regions that a multi-Region DSQL cluster's witness, a cross-Region interface endpoint, a Global Accelerator
/// endpoint group and an OpenSearch cross-cluster connection name: each passed residency silently.
@Suite struct ServiceRegionTests {
    private func residency(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-RES-001" }.map { "\($0.resource): \($0.message)" }.sorted()
    }

    @Test func terraformAttributes() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_dsql_cluster" "c" {
              multi_region_properties { witness_region = "us-west-2" }
            }
            resource "aws_dsql_cluster_peering" "p" {
              identifier     = aws_dsql_cluster.c.identifier
              clusters       = []
              witness_region = "us-east-1"
            }
            resource "aws_vpc_endpoint" "s3" {
              vpc_id            = "vpc-1"
              service_name      = "com.amazonaws.eu-west-1.s3"
              service_region    = "eu-west-1"
              vpc_endpoint_type = "Interface"
            }
            variable "group_region" {}
            resource "aws_globalaccelerator_endpoint_group" "g" {
              listener_arn          = "arn:aws:globalaccelerator::111122223333:accelerator/a/listener/l"
              endpoint_group_region = var.group_region
            }
            resource "aws_opensearch_outbound_connection" "o" {
              connection_alias = "eu"
              local_domain_info {
                owner_id    = "111122223333"
                region      = "us-east-1"
                domain_name = "local"
              }
              remote_domain_info {
                owner_id    = "111122223333"
                region      = "eu-west-3"
                domain_name = "remote"
              }
            }
            """])
        #expect(residency(findings) == [
            "aws_dsql_cluster.c: witness region is 'us-west-2': a copy of the data would be kept in a region outside the allowed us-east-1",
            "aws_globalaccelerator_endpoint_group.g: endpoint group region cannot be verified: not known here (it comes from var.group_region, which has no value here)",
            "aws_opensearch_outbound_connection.o: remote domain region is 'eu-west-3': it places data in a region outside the allowed us-east-1",
            "aws_vpc_endpoint.s3: endpoint service region is 'eu-west-1': it places data in a region outside the allowed us-east-1",
        ])
    }

    @Test func templateProperties() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Cluster:
                Type: AWS::DSQL::Cluster
                Properties:
                  MultiRegionProperties: {WitnessRegion: us-west-2}
              Group:
                Type: AWS::GlobalAccelerator::EndpointGroup
                Properties:
                  ListenerArn: arn:aws:globalaccelerator::111122223333:accelerator/a/listener/l
                  EndpointGroupRegion: eu-west-1
              Endpoint:
                Type: AWS::EC2::VPCEndpoint
                Properties: {VpcId: vpc-1, ServiceName: com.amazonaws.eu-west-2.s3, ServiceRegion: eu-west-2, VpcEndpointType: Interface}
            """)
        #expect(residency(findings) == [
            "Cluster: WitnessRegion is 'us-west-2': a copy of the data would be kept in a region outside the allowed us-east-1",
            "Endpoint: ServiceRegion is 'eu-west-2': it places data in a region outside the allowed us-east-1",
            "Group: EndpointGroupRegion is 'eu-west-1': it places data in a region outside the allowed us-east-1",
        ])
    }
}
