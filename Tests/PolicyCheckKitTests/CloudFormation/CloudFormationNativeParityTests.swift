import Testing
@testable import PolicyCheckKit

/// The same problem written as a native manifest and as a template fires the same rules.
@Suite struct CloudFormationNativeParityTests {
    typealias T = CloudFormationTesting

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var native: String
        var template: String
        var rules: [String]
        var testDescription: String { name }
    }

    static let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static func native(_ spec: String) -> String {
        "apiVersion: policycheck/v1\nkind: Deployment\nmetadata: {name: parity}\nspec:\n  offering: dedicated\n  region: us-east-1\n" + spec
    }

    static let cases: [Case] = [
        Case(name: "unencrypted database",
             native: native("  database: {engine: postgres, encryption: {atRest: false}}\n"),
             template: "Resources:\n  DB: {Type: AWS::RDS::DBInstance, Properties: {StorageEncrypted: false, PubliclyAccessible: false}}\n",
             rules: ["MMC-ENC-001"]),
        Case(name: "world-open administrative access",
             native: native("  network: {ipFiltering: {enabled: true, allowlist: [{cidr: 0.0.0.0/0, description: admins}]}}\n"),
             template: """
                 Resources:
                   SG:
                     Type: AWS::EC2::SecurityGroup
                     Properties:
                       GroupDescription: g
                       SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: admins}]
                 """,
             rules: ["MMC-NET-001"]),
        Case(name: "key rotation disabled",
             native: native("  keys: [{id: k, arn: '\(keyARN)', origin: AWS_KMS, rotation: {mode: disabled}}]\n"),
             template: "Resources:\n  K: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: false}}\n",
             rules: ["MMC-KEY-005"]),
        Case(name: "key in another region",
             native: native("  database: {engine: postgres, encryption: {atRest: true, kmsKey: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'}}\n"),
             template: "Resources:\n  DB: {Type: AWS::RDS::DBInstance, Properties: {PubliclyAccessible: false, StorageEncrypted: true, KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'}}\n",
             rules: ["MMC-RES-001"]),
        Case(name: "AWS-managed key although a customer key exists",
             native: native("  keys: [{id: k, arn: '\(keyARN)', origin: AWS_KMS, rotation: {mode: automatic}}]\n  database: {engine: postgres, encryption: {atRest: true, kmsKey: alias/aws/rds}}\n"),
             template: """
                 Resources:
                   K: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
                   DB: {Type: AWS::RDS::DBInstance, Properties: {StorageEncrypted: true, KmsKeyId: alias/aws/rds, PubliclyAccessible: false}}
                 """,
             rules: ["MMC-ENC-002"]),
        Case(name: "unknown CIDR syntax",
             native: native("  network: {ipFiltering: {enabled: true, allowlist: [{cidr: 52.20.300.0/24, description: typo}]}}\n"),
             template: """
                 Resources:
                   SG:
                     Type: AWS::EC2::SecurityGroupIngress
                     Properties: {GroupId: sg-1, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 52.20.300.0/24, Description: typo}
                 """,
             rules: ["MMC-NET-002"]),
    ]

    @Test(arguments: cases)
    func theSameProblemFiresTheSameRules(testCase: Case) throws {
        let native = try T.findings(testCase.native, path: "native.yaml")
        let template = try T.findings(testCase.template, path: "template.yaml").withoutLoggingTransitRecovery
        #expect(native.map(\.ruleId) == testCase.rules)
        #expect(template.map(\.ruleId) == testCase.rules)
        #expect(native.map(\.severity) == template.map(\.severity))
    }
}
