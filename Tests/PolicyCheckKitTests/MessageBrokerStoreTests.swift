@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// An Amazon MQ broker is a data stream store: always encrypted at rest (an AWS owned key unless the input names a
/// customer managed one), reachable from the internet when `PubliclyAccessible` / `publicly_accessible` is true. The
/// release passed a public broker silently (round 23).
@Suite struct MessageBrokerStoreTests {
    typealias CFN = CloudFormationTesting

    @Test func aPublicTemplateBrokerOnTheAWSOwnedKeyFails() throws {
        let template = """
            Resources:
              Broker:
                Type: AWS::AmazonMQ::Broker
                Properties:
                  BrokerName: chat
                  EngineType: RABBITMQ
                  HostInstanceType: mq.m5.large
                  DeploymentMode: SINGLE_INSTANCE
                  PubliclyAccessible: true
              Private:
                Type: AWS::AmazonMQ::Broker
                Properties:
                  BrokerName: private
                  EngineType: ACTIVEMQ
                  HostInstanceType: mq.m5.large
                  DeploymentMode: SINGLE_INSTANCE
                  PubliclyAccessible: false
                  EncryptionOptions: {UseAwsOwnedKey: false, KmsKeyId: !Ref Key}
              Key:
                Type: AWS::KMS::Key
                Properties: {EnableKeyRotation: true}
            """
        let findings = try CFN.findings(template).filter { ["MMC-ENC-001", "MMC-ENC-002", "MMC-NET-012"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource)" }.sorted() == ["MMC-ENC-002 Broker", "MMC-NET-012 Broker"])
        // Judged by the rules of a data stream, named as what it is.
        #expect(findings.allSatisfy { $0.message.contains("message broker") && !$0.message.contains("data stream") },
                "\(findings.map(\.message))")
    }

    @Test func aPublicTerraformBrokerFailsAndAPrivateOneOnACustomerKeyPasses() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_kms_key" "mq" {
              enable_key_rotation = true
            }
            resource "aws_mq_broker" "public" {
              broker_name         = "chat"
              engine_type         = "RabbitMQ"
              engine_version      = "3.13"
              host_instance_type  = "mq.m5.large"
              publicly_accessible = true
            }
            resource "aws_mq_broker" "private" {
              broker_name        = "private"
              engine_type        = "ActiveMQ"
              engine_version     = "5.18"
              host_instance_type = "mq.m5.large"
              encryption_options {
                kms_key_id        = aws_kms_key.mq.arn
                use_aws_owned_key = false
              }
            }
            """).filter { ["MMC-ENC-001", "MMC-ENC-002", "MMC-NET-012"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.line)" }.sorted()
                == ["MMC-ENC-002 aws_mq_broker.public 7", "MMC-NET-012 aws_mq_broker.public 12"])
    }
}

/// A RabbitMQ broker takes no customer key (its encryption options apply to ActiveMQ only): MMC-ENC-002 still fails
/// it, but asked for "a customer-managed KMS key" that AWS would not use (aws-containers/retail-store-sample-app's
/// orders broker, round 26). The message now says why, in both formats; an ActiveMQ broker's does not change.
@Suite struct RabbitMQBrokerKeyMessageTests {
    @Test func aRabbitMQBrokerIsToldItTakesNoCustomerKey() throws {
        let template = try CloudFormationTesting.findings("""
            Resources:
              Rabbit:
                Type: AWS::AmazonMQ::Broker
                Properties: {BrokerName: orders, EngineType: RABBITMQ, HostInstanceType: mq.m5.large, DeploymentMode: SINGLE_INSTANCE}
              Active:
                Type: AWS::AmazonMQ::Broker
                Properties: {BrokerName: legacy, EngineType: ACTIVEMQ, HostInstanceType: mq.m5.large, DeploymentMode: SINGLE_INSTANCE}
            """).filter { $0.ruleId == "MMC-ENC-002" }
        let source = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_mq_broker" "rabbit" {
              broker_name        = "orders"
              engine_type        = "RabbitMQ"
              engine_version     = "3.13"
              host_instance_type = "mq.m5.large"
            }
            """).filter { $0.ruleId == "MMC-ENC-002" }
        let rabbit = "no KMS key is named for the message broker, so AWS manages its key (\(RabbitMQKey.note)); expected a customer-managed KMS key"
        #expect(template.map { "\($0.resource): \($0.message)" } == [
            "Rabbit: \(rabbit)",
            "Active: no KMS key is named for the message broker, so AWS manages its key; expected a customer-managed KMS key",
        ])
        #expect(source.map(\.message) == [rabbit])
    }
}
