import Foundation
import Testing
@testable import PolicyCheckKit

/// The same store settings written in a Terraform plan and in a template fire the same rules on the resource, and
/// the same zones and copy regions the same residency finding.
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
        /// Whether the case pins the transit rule too (MMC-ENC-003), which the other cases set aside.
        var withTransit = false
        var testDescription: String { name }
    }

    static let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static let cases: [Case] = [
        Case(name: "EFS off", type: "aws_efs_file_system", after: #"{"encrypted": false}"#,
             cfnType: "AWS::EFS::FileSystem", properties: "{Encrypted: false}", rules: ["MMC-ENC-001"]),
        Case(name: "EFS on the AWS-managed key", type: "aws_efs_file_system", after: #"{"encrypted": true}"#,
             cfnType: "AWS::EFS::FileSystem", properties: "{Encrypted: true}", rules: ["MMC-ENC-002"]),
        // Round 25: a WorkSpace's root and user volumes (neither type was read).
        Case(name: "WorkSpace with its user volume off", type: "aws_workspaces_workspace",
             after: #"{"root_volume_encryption_enabled": true, "user_volume_encryption_enabled": false, "volume_encryption_key": "\#(keyARN)"}"#,
             cfnType: "AWS::WorkSpaces::Workspace",
             properties: "{RootVolumeEncryptionEnabled: true, UserVolumeEncryptionEnabled: false, VolumeEncryptionKey: '\(keyARN)'}",
             rules: ["MMC-ENC-001"]),
        Case(name: "WorkSpace on a customer key", type: "aws_workspaces_workspace",
             after: #"{"root_volume_encryption_enabled": true, "user_volume_encryption_enabled": true, "volume_encryption_key": "\#(keyARN)"}"#,
             cfnType: "AWS::WorkSpaces::Workspace",
             properties: "{RootVolumeEncryptionEnabled: true, UserVolumeEncryptionEnabled: true, VolumeEncryptionKey: '\(keyARN)'}",
             rules: []),
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
        // Round 28: server-side encryption not enabled is an AWS owned key, whatever key is named.
        Case(name: "DynamoDB with SSE off naming a customer key", type: "aws_dynamodb_table",
             after: #"{"server_side_encryption": [{"enabled": false, "kms_key_arn": "\#(keyARN)"}]}"#,
             cfnType: "AWS::DynamoDB::Table", properties: "{SSESpecification: {SSEEnabled: false, KMSMasterKeyId: '\(keyARN)'}}",
             rules: ["MMC-ENC-002"]),
        Case(name: "OpenSearch off", type: "aws_opensearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": false}], "vpc_options": [{"subnet_ids": ["subnet-1"]}]}"#,
             cfnType: "AWS::OpenSearchService::Domain",
             properties: "{EncryptionAtRestOptions: {Enabled: false}, VPCOptions: {SubnetIds: [subnet-1]}}",
             rules: ["MMC-ENC-001"]),
        Case(name: "Elasticsearch on a customer key", type: "aws_elasticsearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": true, "kms_key_id": "\#(keyARN)"}], "vpc_options": [{"subnet_ids": ["subnet-1"]}]}"#,
             cfnType: "AWS::Elasticsearch::Domain",
             properties: "{EncryptionAtRestOptions: {Enabled: true, KmsKeyId: '\(keyARN)'}, VPCOptions: {SubnetIds: [subnet-1]}}",
             rules: []),
        // Without VPC options a domain has a public endpoint; nodes exchange data in plaintext unless node-to-node
        // encryption is on, which AWS leaves off.
        Case(name: "OpenSearch public, HTTPS and nodes encrypted", type: "aws_opensearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": true, "kms_key_id": "\#(keyARN)"}], "domain_endpoint_options": [{"enforce_https": true}], "node_to_node_encryption": [{"enabled": true}]}"#,
             cfnType: "AWS::OpenSearchService::Domain",
             properties: "{EncryptionAtRestOptions: {Enabled: true, KmsKeyId: '\(keyARN)'}, DomainEndpointOptions: {EnforceHTTPS: true}, NodeToNodeEncryptionOptions: {Enabled: true}}",
             rules: ["MMC-NET-012"], withTransit: true),
        Case(name: "Elasticsearch in a VPC, nodes in plaintext", type: "aws_elasticsearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": true, "kms_key_id": "\#(keyARN)"}], "vpc_options": [{"subnet_ids": ["subnet-1"]}], "domain_endpoint_options": [{"enforce_https": true}], "node_to_node_encryption": [{"enabled": false}]}"#,
             cfnType: "AWS::Elasticsearch::Domain",
             properties: "{EncryptionAtRestOptions: {Enabled: true, KmsKeyId: '\(keyARN)'}, VPCOptions: {SubnetIds: [subnet-1]}, DomainEndpointOptions: {EnforceHTTPS: true}, NodeToNodeEncryptionOptions: {Enabled: false}}",
             rules: ["MMC-ENC-003"], withTransit: true),
        Case(name: "OpenSearch in a VPC, node-to-node encryption not set", type: "aws_opensearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": true, "kms_key_id": "\#(keyARN)"}], "vpc_options": [{"subnet_ids": ["subnet-1"]}], "domain_endpoint_options": [{"enforce_https": true}]}"#,
             cfnType: "AWS::OpenSearchService::Domain",
             properties: "{EncryptionAtRestOptions: {Enabled: true, KmsKeyId: '\(keyARN)'}, VPCOptions: {SubnetIds: [subnet-1]}, DomainEndpointOptions: {EnforceHTTPS: true}}",
             rules: ["MMC-ENC-003"], withTransit: true),
        // Point-in-time recovery is off unless enabled, and keeps 35 days when no period is given.
        Case(name: "DynamoDB without point-in-time recovery", type: "aws_dynamodb_table", after: #"{"server_side_encryption": []}"#,
             cfnType: "AWS::DynamoDB::Table", properties: "{BillingMode: PAY_PER_REQUEST}",
             rules: ["MMC-AVL-005", "MMC-ENC-002"], withTransit: true),
        Case(name: "DynamoDB keeping 3 days", type: "aws_dynamodb_table",
             after: #"{"server_side_encryption": [{"enabled": true, "kms_key_arn": "\#(keyARN)"}], "point_in_time_recovery": [{"enabled": true, "recovery_period_in_days": 3}]}"#,
             cfnType: "AWS::DynamoDB::Table",
             properties: "{SSESpecification: {SSEEnabled: true, KMSMasterKeyId: '\(keyARN)'}, PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 3}}",
             rules: ["MMC-AVL-005"], withTransit: true),
        Case(name: "DynamoDB with point-in-time recovery", type: "aws_dynamodb_table",
             after: #"{"server_side_encryption": [{"enabled": true, "kms_key_arn": "\#(keyARN)"}], "point_in_time_recovery": [{"enabled": true}]}"#,
             cfnType: "AWS::DynamoDB::Table",
             properties: "{SSESpecification: {SSEEnabled: true, KMSMasterKeyId: '\(keyARN)'}, PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}}",
             rules: [], withTransit: true),
        // A TLS security policy that accepts TLS 1.0 and 1.1 is MMC-ENC-003's, as plain HTTP is.
        Case(name: "OpenSearch accepting TLS 1.0", type: "aws_opensearch_domain",
             after: #"{"encrypt_at_rest": [{"enabled": true, "kms_key_id": "\#(keyARN)"}], "vpc_options": [{"subnet_ids": ["subnet-1"]}], "domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}], "node_to_node_encryption": [{"enabled": true}]}"#,
             cfnType: "AWS::OpenSearchService::Domain",
             properties: "{EncryptionAtRestOptions: {Enabled: true, KmsKeyId: '\(keyARN)'}, VPCOptions: {SubnetIds: [subnet-1]}, DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07}, NodeToNodeEncryptionOptions: {Enabled: true}}",
             rules: ["MMC-ENC-003"], withTransit: true),
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
        Case(name: "spot fleet root volume off", type: "aws_spot_fleet_request",
             after: #"{"launch_specification": [{"ami": "ami-0123", "root_block_device": [{"encrypted": false}]}]}"#,
             cfnType: "AWS::EC2::SpotFleet",
             properties: "{SpotFleetRequestConfigData: {LaunchSpecifications: [{ImageId: ami-0123, BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {Encrypted: false}}]}]}}",
             rules: ["MMC-ENC-001"]),
        Case(name: "Redis cache cluster", type: "aws_elasticache_cluster",
             after: #"{"engine": "redis", "num_cache_nodes": 1}"#,
             cfnType: "AWS::ElastiCache::CacheCluster", properties: "{Engine: redis, NumCacheNodes: 1}",
             rules: ["MMC-ENC-001", "MMC-ENC-003"], withTransit: true),
        Case(name: "Memcached cache cluster with TLS", type: "aws_elasticache_cluster",
             after: #"{"engine": "memcached", "num_cache_nodes": 2, "transit_encryption_enabled": true}"#,
             cfnType: "AWS::ElastiCache::CacheCluster",
             properties: "{Engine: memcached, NumCacheNodes: 2, TransitEncryptionEnabled: true}",
             rules: ["MMC-ENC-001"], withTransit: true),
        // `preferred` accepts plaintext beside TLS; only `required` refuses it.
        Case(name: "Redis replication group in preferred mode", type: "aws_elasticache_replication_group",
             after: #"{"at_rest_encryption_enabled": true, "kms_key_id": "\#(keyARN)", "transit_encryption_enabled": true, "transit_encryption_mode": "preferred"}"#,
             cfnType: "AWS::ElastiCache::ReplicationGroup",
             properties: "{AtRestEncryptionEnabled: true, KmsKeyId: '\(keyARN)', TransitEncryptionEnabled: true, TransitEncryptionMode: preferred}",
             rules: ["MMC-ENC-003"], withTransit: true),
        Case(name: "Redis replication group in required mode", type: "aws_elasticache_replication_group",
             after: #"{"at_rest_encryption_enabled": true, "kms_key_id": "\#(keyARN)", "transit_encryption_enabled": true, "transit_encryption_mode": "required"}"#,
             cfnType: "AWS::ElastiCache::ReplicationGroup",
             properties: "{AtRestEncryptionEnabled: true, KmsKeyId: '\(keyARN)', TransitEncryptionEnabled: true, TransitEncryptionMode: required}",
             rules: [], withTransit: true),
        // MemoryDB always encrypts at rest; the key and TLS are what vary.
        Case(name: "MemoryDB without TLS on a customer key", type: "aws_memorydb_cluster",
             after: #"{"tls_enabled": false, "kms_key_arn": "\#(keyARN)"}"#,
             cfnType: "AWS::MemoryDB::Cluster", properties: "{TLSEnabled: false, KmsKeyId: '\(keyARN)'}",
             rules: ["MMC-ENC-003"], withTransit: true),
        Case(name: "MemoryDB with TLS on the service key", type: "aws_memorydb_cluster", after: #"{"tls_enabled": true}"#,
             cfnType: "AWS::MemoryDB::Cluster", properties: "{TLSEnabled: true}", rules: ["MMC-ENC-002"], withTransit: true),
        Case(name: "Redshift off and public", type: "aws_redshift_cluster",
             after: #"{"encrypted": false, "publicly_accessible": true}"#,
             cfnType: "AWS::Redshift::Cluster", properties: "{Encrypted: false, PubliclyAccessible: true}",
             rules: ["MMC-ENC-001", "MMC-NET-012"], withTransit: true),
        Case(name: "Redshift on a customer key, private", type: "aws_redshift_cluster",
             after: #"{"encrypted": true, "kms_key_id": "\#(keyARN)", "publicly_accessible": false}"#,
             cfnType: "AWS::Redshift::Cluster",
             properties: "{Encrypted: true, KmsKeyId: '\(keyARN)', PubliclyAccessible: false}", rules: [], withTransit: true),
        Case(name: "Redshift Serverless on an AWS owned key", type: "aws_redshiftserverless_namespace",
             after: #"{"namespace_name": "lake"}"#,
             cfnType: "AWS::RedshiftServerless::Namespace", properties: "{NamespaceName: lake}", rules: ["MMC-ENC-002"]),
        Case(name: "DAX without encryption", type: "aws_dax_cluster", after: #"{"server_side_encryption": []}"#,
             cfnType: "AWS::DAX::Cluster", properties: "{NodeType: dax.r5.large}",
             rules: ["MMC-ENC-001", "MMC-ENC-002", "MMC-ENC-003"], withTransit: true),
        Case(name: "DAX encrypted, TLS", type: "aws_dax_cluster",
             after: #"{"server_side_encryption": [{"enabled": true}], "cluster_endpoint_encryption_type": "TLS"}"#,
             cfnType: "AWS::DAX::Cluster",
             properties: "{SSESpecification: {SSEEnabled: true}, ClusterEndpointEncryptionType: TLS}",
             rules: ["MMC-ENC-002"], withTransit: true),
        Case(name: "Kinesis unencrypted", type: "aws_kinesis_stream", after: #"{"encryption_type": "NONE"}"#,
             cfnType: "AWS::Kinesis::Stream", properties: "{ShardCount: 1}", rules: ["MMC-ENC-001"]),
        Case(name: "Kinesis on the AWS managed key", type: "aws_kinesis_stream",
             after: #"{"encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"}"#,
             cfnType: "AWS::Kinesis::Stream",
             properties: "{StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}}", rules: ["MMC-ENC-002"]),
        Case(name: "MSK with plaintext clients, public", type: "aws_msk_cluster",
             after: #"{"encryption_info": [{"encryption_in_transit": [{"client_broker": "TLS_PLAINTEXT", "in_cluster": true}]}], "broker_node_group_info": [{"connectivity_info": [{"public_access": [{"type": "SERVICE_PROVIDED_EIPS"}]}]}]}"#,
             cfnType: "AWS::MSK::Cluster",
             properties: "{EncryptionInfo: {EncryptionInTransit: {ClientBroker: TLS_PLAINTEXT}}, BrokerNodeGroupInfo: {ConnectivityInfo: {PublicAccess: {Type: SERVICE_PROVIDED_EIPS}}}}",
             rules: ["MMC-ENC-002", "MMC-ENC-003", "MMC-NET-012"], withTransit: true),
        Case(name: "MSK on a customer key, TLS only", type: "aws_msk_cluster",
             after: #"{"encryption_info": [{"encryption_at_rest_kms_key_arn": "\#(keyARN)", "encryption_in_transit": [{"client_broker": "TLS", "in_cluster": true}]}]}"#,
             cfnType: "AWS::MSK::Cluster",
             properties: "{EncryptionInfo: {EncryptionAtRest: {DataVolumeKMSKeyId: '\(keyARN)'}, EncryptionInTransit: {ClientBroker: TLS, InCluster: true}}}",
             rules: [], withTransit: true),
        // Residency: a zone names its region, and a copy of the data goes to (or comes from) the region named.
        Case(name: "volume in another region's zone", type: "aws_ebs_volume",
             after: #"{"availability_zone": "eu-west-1a", "encrypted": true, "kms_key_id": "\#(keyARN)"}"#,
             cfnType: "AWS::EC2::Volume",
             properties: "{AvailabilityZone: eu-west-1a, Encrypted: true, KmsKeyId: '\(keyARN)'}", rules: ["MMC-RES-001"]),
        Case(name: "DB cluster zones in another region", type: "aws_rds_cluster",
             after: #"{"storage_encrypted": true, "kms_key_id": "\#(keyARN)", "availability_zones": ["us-east-1a", "ap-south-1b"]}"#,
             cfnType: "AWS::RDS::DBCluster",
             properties: "{StorageEncrypted: true, KmsKeyId: '\(keyARN)', AvailabilityZones: [us-east-1a, ap-south-1b]}",
             rules: ["MMC-RES-001"]),
        Case(name: "DB cluster replicating from another region", type: "aws_rds_cluster",
             after: #"{"storage_encrypted": true, "kms_key_id": "\#(keyARN)", "source_region": "eu-west-1"}"#,
             cfnType: "AWS::RDS::DBCluster",
             properties: "{StorageEncrypted: true, KmsKeyId: '\(keyARN)', SourceRegion: eu-west-1}", rules: ["MMC-RES-001"]),
        Case(name: "Redshift copying snapshots to another region", type: "aws_redshift_cluster",
             after: #"{"encrypted": true, "kms_key_id": "\#(keyARN)", "publicly_accessible": false, "snapshot_copy": [{"destination_region": "ap-southeast-2"}]}"#,
             cfnType: "AWS::Redshift::Cluster",
             properties: "{Encrypted: true, KmsKeyId: '\(keyARN)', PubliclyAccessible: false, DestinationRegion: ap-southeast-2}",
             rules: ["MMC-RES-001"], withTransit: true),
    ]

    @Test(arguments: cases)
    func theSameSettingsFireTheSameRules(testCase: Case) throws {
        var plan = Plan()
        let after = try #require(JSONSerialization.jsonObject(with: Data(testCase.after.utf8)) as? [String: Any])
        plan.change("\(testCase.type).store", testCase.type, after: after)
        func judged(_ findings: [Finding]) -> [Finding] {
            testCase.withTransit ? findings : findings.withoutLoggingTransitRecovery
        }
        let terraform = judged(try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)))
        let template = judged(try T.findings("Resources:\n  Store: {Type: \(testCase.cfnType), Properties: \(testCase.properties)}\n"))
        #expect(terraform.map(\.resource) == Array(repeating: "\(testCase.type).store", count: terraform.count))
        #expect(template.map(\.resource) == Array(repeating: "Store", count: template.count))
        #expect(terraform.map(\.ruleId).sorted() == testCase.rules)
        #expect(template.map(\.ruleId).sorted() == testCase.rules)
        // Each rule at the same severity (the formats may report a store's findings in another order).
        func severities(_ findings: [Finding]) -> [String] { findings.map { "\($0.ruleId) \($0.severity.rawValue)" }.sorted() }
        #expect(severities(terraform) == severities(template))
    }
}
