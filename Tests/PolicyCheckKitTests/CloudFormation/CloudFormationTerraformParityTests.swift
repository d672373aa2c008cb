import Foundation
import Testing
@testable import PolicyCheckKit

/// The same store settings written in a Terraform plan and in a template fire the same rules on the resource.
@Suite struct CloudFormationTerraformParityTests {
    typealias T = CloudFormationTesting
    typealias Plan = TerraformPlanBuilder

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var type: String
        /// The plan's `change.after`, as JSON.
        var after: String
        var cfnType: String
        var properties: String
        var rules: [String]
        var testDescription: String { name }
    }

    static let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static let cases: [Case] = [
        Case(name: "EFS off", type: "aws_efs_file_system", after: #"{"encrypted": false}"#,
             cfnType: "AWS::EFS::FileSystem", properties: "{Encrypted: false}", rules: ["MMC-ENC-001"]),
        Case(name: "EFS on the AWS-managed key", type: "aws_efs_file_system", after: #"{"encrypted": true}"#,
             cfnType: "AWS::EFS::FileSystem", properties: "{Encrypted: true}", rules: ["MMC-ENC-002"]),
        Case(name: "DocumentDB off", type: "aws_docdb_cluster", after: #"{"storage_encrypted": false}"#,
             cfnType: "AWS::DocDB::DBCluster", properties: "{StorageEncrypted: false}", rules: ["MMC-ENC-001"]),
        Case(name: "Neptune on a customer key", type: "aws_neptune_cluster",
             after: #"{"storage_encrypted": true, "kms_key_arn": "\#(keyARN)"}"#,
             cfnType: "AWS::Neptune::DBCluster", properties: "{StorageEncrypted: true, KmsKeyId: '\(keyARN)'}", rules: []),
        Case(name: "DynamoDB on an AWS owned key", type: "aws_dynamodb_table", after: #"{"server_side_encryption": []}"#,
             cfnType: "AWS::DynamoDB::Table", properties: "{BillingMode: PAY_PER_REQUEST}", rules: ["MMC-ENC-002"]),
        Case(name: "DynamoDB on a customer key", type: "aws_dynamodb_table",
             after: #"{"server_side_encryption": [{"enabled": true, "kms_key_arn": "\#(keyARN)"}]}"#,
             cfnType: "AWS::DynamoDB::Table", properties: "{SSESpecification: {SSEEnabled: true, KMSMasterKeyId: '\(keyARN)'}}",
             rules: []),
        Case(name: "OpenSearch off", type: "aws_opensearch_domain", after: #"{"encrypt_at_rest": [{"enabled": false}]}"#,
             cfnType: "AWS::OpenSearchService::Domain", properties: "{EncryptionAtRestOptions: {Enabled: false}}",
             rules: ["MMC-ENC-001"]),
        Case(name: "Elasticsearch on a customer key", type: "aws_elasticsearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": true, "kms_key_id": "\#(keyARN)"}]}"#,
             cfnType: "AWS::Elasticsearch::Domain", properties: "{EncryptionAtRestOptions: {Enabled: true, KmsKeyId: '\(keyARN)'}}",
             rules: []),
        Case(name: "instance root volume off", type: "aws_instance", after: #"{"root_block_device": [{"encrypted": false}]}"#,
             cfnType: "AWS::EC2::Instance",
             properties: "{BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {Encrypted: false}}]}", rules: ["MMC-ENC-001"]),
        Case(name: "instance without devices", type: "aws_instance", after: #"{"ami": "ami-0123"}"#,
             cfnType: "AWS::EC2::Instance", properties: "{ImageId: ami-0123}", rules: ["MMC-ENC-001", "MMC-ENC-002"]),
        Case(name: "launch template volume on the AWS-managed key", type: "aws_launch_template",
             after: #"{"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true"}]}]}"#,
             cfnType: "AWS::EC2::LaunchTemplate",
             properties: "{LaunchTemplateData: {BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {Encrypted: true}}]}}",
             rules: ["MMC-ENC-002"]),
        // A launch template's or launch configuration's instances all have a root volume: unmapped, it is the AMI's.
        Case(name: "launch template without mappings", type: "aws_launch_template", after: #"{"image_id": "ami-0123"}"#,
             cfnType: "AWS::EC2::LaunchTemplate", properties: "{LaunchTemplateData: {ImageId: ami-0123}}",
             rules: ["MMC-ENC-001", "MMC-ENC-002"]),
        Case(name: "launch template mapping only a data device", type: "aws_launch_template",
             after: #"{"block_device_mappings": [{"device_name": "/dev/xvdb", "ebs": [{"encrypted": "true", "kms_key_id": "\#(keyARN)"}]}]}"#,
             cfnType: "AWS::EC2::LaunchTemplate",
             properties: "{LaunchTemplateData: {BlockDeviceMappings: [{DeviceName: /dev/xvdb, Ebs: {Encrypted: true, KmsKeyId: '\(keyARN)'}}]}}",
             rules: ["MMC-ENC-001", "MMC-ENC-002"]),
        Case(name: "launch template root volume off", type: "aws_launch_template",
             after: #"{"block_device_mappings": [{"device_name": "/dev/sda1", "ebs": [{"encrypted": "false"}]}]}"#,
             cfnType: "AWS::EC2::LaunchTemplate",
             properties: "{LaunchTemplateData: {BlockDeviceMappings: [{DeviceName: /dev/sda1, Ebs: {Encrypted: false}}]}}",
             rules: ["MMC-ENC-001"]),
        Case(name: "launch template root volume on a customer key", type: "aws_launch_template",
             after: #"{"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true", "kms_key_id": "\#(keyARN)"}]}]}"#,
             cfnType: "AWS::EC2::LaunchTemplate",
             properties: "{LaunchTemplateData: {BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {Encrypted: true, KmsKeyId: '\(keyARN)'}}]}}",
             rules: []),
        Case(name: "launch configuration without devices", type: "aws_launch_configuration",
             after: #"{"image_id": "ami-0123", "instance_type": "t3.micro"}"#,
             cfnType: "AWS::AutoScaling::LaunchConfiguration", properties: "{ImageId: ami-0123, InstanceType: t3.micro}",
             rules: ["MMC-ENC-001", "MMC-ENC-002"]),
        Case(name: "launch configuration volume on a customer key", type: "aws_launch_configuration",
             after: #"{"root_block_device": [{"encrypted": true, "kms_key_id": "\#(keyARN)"}]}"#,
             cfnType: "AWS::AutoScaling::LaunchConfiguration",
             properties: "{BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {Encrypted: true, KmsKeyId: '\(keyARN)'}}]}",
             rules: []),
    ]

    @Test(arguments: cases)
    func theSameSettingsFireTheSameRules(testCase: Case) throws {
        var plan = Plan()
        let after = try #require(JSONSerialization.jsonObject(with: Data(testCase.after.utf8)) as? [String: Any])
        plan.change("\(testCase.type).store", testCase.type, after: after)
        let terraform = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)).withoutLoggingTransitRecovery
        let template = try T.findings("Resources:\n  Store: {Type: \(testCase.cfnType), Properties: \(testCase.properties)}\n")
            .withoutLoggingTransitRecovery
        #expect(terraform.map(\.resource) == Array(repeating: "\(testCase.type).store", count: terraform.count))
        #expect(template.map(\.resource) == Array(repeating: "Store", count: template.count))
        #expect(terraform.map(\.ruleId).sorted() == testCase.rules)
        #expect(template.map(\.ruleId).sorted() == testCase.rules)
        #expect(terraform.map(\.severity) == template.map(\.severity))
    }
}
