import Foundation
@testable import PolicyCheckKit
import Testing

/// A bucket policy whose text is known only after apply — its `Resource` is the bucket's ARN, as almost every
/// bucket policy's is — is judged by what its known parts say (MMC-ENC-003), whether written with `jsonencode` or an
/// `aws_iam_policy_document`: an Allow cannot refuse requests without TLS whatever its resources turn out to be.
@Suite struct TerraformSourceBucketPolicyTests {
    private static let header = """
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_s3_bucket" "logs" {
          bucket = "chat-logs"
        }

        """

    private func transit(_ policy: String) throws -> [String] {
        try TerraformSourceFixture.findings(main: Self.header + policy)
            .filter { $0.ruleId == "MMC-ENC-003" }
            .map { "\($0.severity) \($0.cannotVerify ? "cannot verify" : "fails")" }
    }

    /// A bucket policy resource for the bucket whose document is `jsonencode` of one statement (HCL object fields).
    private static func policy(_ statement: String) -> String {
        """
        resource "aws_s3_bucket_policy" "logs" {
          bucket = aws_s3_bucket.logs.id
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
        \(statement)
            }]
          })
        }
        """
    }

    @Test func anAllowOnlyJSONEncodedPolicyOnTheBucketsARNFails() throws {
        #expect(try transit(Self.policy("""
              Effect    = "Allow"
              Principal = { Service = "delivery.logs.amazonaws.com" }
              Action    = "s3:PutObject"
              Resource  = "${aws_s3_bucket.logs.arn}/*"
              """)) == ["high fails"])
    }

    @Test func aTLSOnlyDenyPassesOnKnownResourcesAndIsUnverifiableOnTheUnknownARN() throws {
        #expect(try transit(Self.policy("""
              Effect    = "Deny"
              Principal = "*"
              Action    = "s3:*"
              Resource  = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
              Condition = { Bool = { "aws:SecureTransport" = "false" } }
              """)) == ["info cannot verify"], "its resources are known only after apply: they may name one prefix")
        #expect(try transit(Self.policy("""
              Effect    = "Deny"
              Principal = "*"
              Action    = "s3:*"
              Resource  = ["arn:aws:s3:::chat-logs", "arn:aws:s3:::chat-logs/*"]
              Condition = { Bool = { "aws:SecureTransport" = "false" } }
              """)).isEmpty)
    }

    @Test func aDenyNarrowedByAnotherConditionOrNotResourceOrNotActionFails() throws {
        for statement in [
            #"Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::chat-logs/*", Condition = { Bool = { "aws:SecureTransport" = "false" }, StringEquals = { "aws:SourceVpce" = "vpce-1" } }"#,
            #"Effect = "Deny", Principal = "*", Action = "s3:*", NotResource = "arn:aws:s3:::chat-logs/*", Condition = { Bool = { "aws:SecureTransport" = "false" } }"#,
            #"Effect = "Deny", Principal = "*", NotAction = ["s3:GetObject"], Resource = "arn:aws:s3:::chat-logs/*", Condition = { Bool = { "aws:SecureTransport" = "false" } }"#,
        ] {
            #expect(try transit("""
                resource "aws_s3_bucket_policy" "logs" {
                  bucket = aws_s3_bucket.logs.id
                  policy = jsonencode({ Statement = [{ \(statement) }] })
                }
                """) == ["high fails"], "\(statement)")
        }
    }

    @Test func anAllowWhoseConditionIsKnownOnlyAfterApplyStillDeniesNothing() throws {
        #expect(try transit(Self.policy("""
              Effect    = "Allow"
              Principal = { Service = "delivery.logs.amazonaws.com" }
              Action    = "s3:PutObject"
              Resource  = "${aws_s3_bucket.logs.arn}/*"
              Condition = { StringEquals = { "aws:SourceAccount" = aws_s3_bucket.logs.id } }
              """)) == ["high fails"])
    }

    @Test func aStatementWhoseEffectIsUnknownCannotBeVerified() throws {
        #expect(try transit(Self.policy("""
              Effect    = aws_s3_bucket.logs.id == "x" ? "Deny" : "Allow"
              Principal = "*"
              Action    = "s3:*"
              Resource  = aws_s3_bucket.logs.arn
              Condition = { Bool = { "aws:SecureTransport" = "false" } }
              """)) == ["info cannot verify"])
    }

    @Test func aPolicyDocumentOfAllowsFailsAndOneDenyingPlainHTTPPasses() throws {
        let document = """
            data "aws_iam_policy_document" "files" {
              statement {
                sid       = "ReadForApp"
                actions   = ["s3:GetObject"]
                resources = ["${aws_s3_bucket.logs.arn}/*"]
                principals {
                  type        = "AWS"
                  identifiers = ["arn:aws:iam::123456789012:role/app"]
                }
              }
              %@
            }
            resource "aws_s3_bucket_policy" "logs" {
              bucket = aws_s3_bucket.logs.id
              policy = data.aws_iam_policy_document.files.json
            }
            """
        #expect(try transit(document.replacingOccurrences(of: "%@", with: "")) == ["high fails"])
        #expect(try transit(document.replacingOccurrences(of: "%@", with: """
            statement {
                effect    = "Deny"
                actions   = ["s3:*"]
                resources = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
                principals {
                  type        = "*"
                  identifiers = ["*"]
                }
                condition {
                  test     = "Bool"
                  variable = "aws:SecureTransport"
                  values   = ["false"]
                }
              }
            """)) == ["info cannot verify"])
    }

    @Test func aPolicyDocumentMergingOthersStaysUnknown() throws {
        #expect(try transit("""
            data "aws_iam_policy_document" "files" {
              source_policy_documents = [var.extra]
              statement {
                actions   = ["s3:GetObject"]
                resources = ["${aws_s3_bucket.logs.arn}/*"]
              }
            }
            variable "extra" {
              type = string
            }
            resource "aws_s3_bucket_policy" "logs" {
              bucket = aws_s3_bucket.logs.id
              policy = data.aws_iam_policy_document.files.json
            }
            """) == ["info cannot verify"])
    }

    @Test func aTLSOnlyDenyOfSomeObjectsOnlyFails() throws {
        #expect(try transit(Self.policy("""
              Effect    = "Deny"
              Principal = "*"
              Action    = "s3:*"
              Resource  = "arn:aws:s3:::chat-logs/exports/*"
              Condition = { Bool = { "aws:SecureTransport" = "false" } }
              """)) == ["high fails"])
    }

    /// The severities of MMC-ENC-003 for a template bucket whose policy is one TLS-only Deny with these action and
    /// resource lines.
    private func templateTransit(action: String = "Action: \"s3:*\"", resource: String) throws -> [String] {
        try CloudFormationTesting.findings("""
            Resources:
              Logs:
                Type: AWS::S3::Bucket
              LogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Logs
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        Principal: "*"
                        \(action)
                        \(resource)
                        Condition: {Bool: {"aws:SecureTransport": "false"}}
            """).filter { $0.ruleId == "MMC-ENC-003" }.map(\.severity.rawValue)
    }

    @Test func theCloudFormationDenyMustCoverEveryObjectToo() throws {
        #expect(try templateTransit(resource: "Resource: [!GetAtt Logs.Arn, !Sub \"${Logs.Arn}/*\"]").isEmpty)
        #expect(try templateTransit(resource: "Resource: !Sub \"${Logs.Arn}/exports/*\"") == ["high"])
    }

    @Test func aCloudFormationDenyOfNotActionOrNotResourceFails() throws {
        #expect(try templateTransit(action: "NotAction: [s3:GetObject, s3:PutObject]",
                                    resource: "Resource: !Sub \"${Logs.Arn}/*\"") == ["high"], "NotAction")
        #expect(try templateTransit(resource: "NotResource: !Sub \"${Logs.Arn}/*\"") == ["high"], "NotResource")
    }

    /// Round 24: each `aws_s3_bucket_policy` of a bucket replaces its one policy, in an order the plan does not fix;
    /// only the first written was read, so a TLS-only one written first hid an Allow-only one after it.
    @Test func twoPoliciesOfOneBucketMustBothDenyPlainHTTP() throws {
        let tls = """
            resource "aws_s3_bucket_policy" "tls" {
              bucket = aws_s3_bucket.logs.id
              policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*",
                Resource = ["arn:aws:s3:::chat-logs", "arn:aws:s3:::chat-logs/*"],
                Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
            }

            """
        let allow = """
            resource "aws_s3_bucket_policy" "delivery" {
              bucket = aws_s3_bucket.logs.id
              policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "logging.s3.amazonaws.com" },
                Action = "s3:PutObject", Resource = "arn:aws:s3:::chat-logs/*" }] })
            }

            """
        #expect(try transit(tls).isEmpty)
        #expect(try transit(tls + allow) == ["high fails"])
        #expect(try transit(allow + tls) == ["high fails"])
        #expect(try transit(tls + tls.replacingOccurrences(of: "\"tls\"", with: "\"tls_again\"")).isEmpty)
    }

    /// As Terraform's (above): two `AWS::S3::BucketPolicy` of one bucket must both deny plain HTTP.
    @Test func twoCloudFormationPoliciesOfOneBucketMustBothDenyPlainHTTP() throws {
        let tls = """
            Resources:
              Logs:
                Type: AWS::S3::Bucket
              LogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Logs
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        Principal: "*"
                        Action: "s3:*"
                        Resource: [!GetAtt Logs.Arn, !Sub "${Logs.Arn}/*"]
                        Condition: {Bool: {"aws:SecureTransport": "false"}}

            """
        let delivery = """
              DeliveryPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Logs
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: logging.s3.amazonaws.com}
                        Action: "s3:PutObject"
                        Resource: !Sub "${Logs.Arn}/*"
            """
        let transit = { (template: String) in
            try CloudFormationTesting.findings(template).filter { $0.ruleId == "MMC-ENC-003" }.map(\.severity.rawValue)
        }
        #expect(try transit(tls).isEmpty)
        #expect(try transit(tls + delivery) == ["high"])
    }
}
