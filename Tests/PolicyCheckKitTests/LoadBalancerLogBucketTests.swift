import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckKit
import Testing

/// A bucket an Application Load Balancer writes access logs to can use SSE-S3 only
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html): MMC-ENC-002 still
/// fails it — naming a data bucket as a log bucket must not exempt it unseen — but asks for what AWS can do, a bucket
/// of its own and a waiver, not a customer key that would stop the logs. A Network Load Balancer's logs take a key.
@Suite struct LoadBalancerLogBucketTests {
    static let remedy = "receives Application Load Balancer access logs, which AWS writes only to buckets encrypted with SSE-S3"

    @Test func cloudFormation() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Logs: {Type: AWS::S3::Bucket}
              Data: {Type: AWS::S3::Bucket}
              Alb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  LoadBalancerAttributes:
                    - {Key: access_logs.s3.enabled, Value: "true"}
                    - {Key: access_logs.s3.bucket, Value: !Ref Logs}
              Nlb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  LoadBalancerAttributes:
                    - {Key: access_logs.s3.enabled, Value: "true"}
                    - {Key: access_logs.s3.bucket, Value: !Ref Data}
            """).filter { $0.ruleId == "MMC-ENC-002" }
        #expect(findings.map(\.resource) == ["Logs", "Data"])
        #expect(findings.first?.message.contains(Self.remedy) == true, "\(findings.map(\.message))")
        #expect(findings.last?.message.contains(Self.remedy) == false)
    }

    @Test func terraform() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_s3_bucket" "logs" { bucket = "alb-logs" }
            resource "aws_s3_bucket" "off" { bucket = "off-logs" }
            resource "aws_lb" "web" {
              internal = true
              access_logs {
                bucket  = aws_s3_bucket.logs.id
                enabled = true
              }
            }
            resource "aws_lb" "quiet" {
              internal = true
              access_logs { bucket = aws_s3_bucket.off.id }
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        let deployment = try #require(outcome.deployment, "\(outcome.errors)")
        let findings = try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-ENC-002" }
        #expect(findings.map(\.resource).sorted() == ["aws_s3_bucket.logs", "aws_s3_bucket.off"])
        #expect(findings.first { $0.resource == "aws_s3_bucket.logs" }?.message.contains(Self.remedy) == true,
                "\(findings.map(\.message))")
        #expect(findings.first { $0.resource == "aws_s3_bucket.off" }?.message.contains(Self.remedy) == false,
                "access_logs.enabled defaults to false: no logs are written there")
    }
}
