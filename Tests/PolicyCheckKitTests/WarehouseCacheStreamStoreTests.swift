import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckKit
import Testing

/// Stores the release passed silently (a non-compliant input, no finding, exit 0) and now reads in every format that
/// has them: ElastiCache cache clusters in templates (Terraform already read them), Redshift clusters and serverless
/// namespaces, DAX clusters, Kinesis streams, MSK clusters, and the volumes of spot instance requests and spot fleets.
/// The fixtures are the same stores written as a template, a plan and source; each pins every finding at the value
/// that decided it.
@Suite struct WarehouseCacheStreamStoreTests {
    typealias CFN = CloudFormationTesting

    // MARK: - CloudFormation

    @Test func templateStoresFailWhereTheirSettingIsWritten() throws {
        let name = "fail-warehouses-caches-streams.yaml"
        let findings = try CFN.findings(CFN.fixture(name), path: name)
        #expect(findings.map(\.cfnSummary) == [
            // A cache cluster is never in a replication group in a template: not encryptable at rest, either engine.
            "19:5 critical MMC-ENC-001 Sessions Resources.Sessions.Properties",
            "19:5 high MMC-ENC-003 Sessions Resources.Sessions.Properties.TransitEncryptionEnabled",
            "25:5 critical MMC-ENC-001 Fragments Resources.Fragments.Properties",
            // `!If [IsProd, true, !Ref AWS::NoValue]`: the branch that leaves it out is off.
            "29:33 high MMC-ENC-003 Fragments Resources.Fragments.Properties.TransitEncryptionEnabled",
            // `!Ref Encrypt` allows false; `!If [IsProd, false, true]` may be public; the group turns TLS off.
            "37:18 critical MMC-ENC-001 Warehouse Resources.Warehouse.Properties.Encrypted",
            "38:27 high MMC-NET-012 Warehouse Resources.Warehouse.Properties.PubliclyAccessible",
            "46:56 high MMC-ENC-003 Warehouse Resources.PlainGroup.Properties.Parameters[0].ParameterValue",
            // Restored from a snapshot: its encryption and key are the snapshot's.
            "49:5 info MMC-ENC-002 Restored Resources.Restored.Properties.KmsKeyId",
            "52:27 info MMC-ENC-001 Restored Resources.Restored.Properties.SnapshotIdentifier",
            // Always encrypted, on an AWS owned key.
            "56:5 high MMC-ENC-002 Lake Resources.Lake.Properties.KmsKeyId",
            "64:38 critical MMC-ENC-001 Accelerator Resources.Accelerator.Properties.SSESpecification.SSEEnabled",
            "65:38 high MMC-ENC-003 Accelerator Resources.Accelerator.Properties.ClusterEndpointEncryptionType",
            // `StreamEncryption: !If [IsProd, {...}, !Ref AWS::NoValue]`: a branch without encryption.
            "70:55 critical MMC-ENC-001 Clicks Resources.Clicks.Properties.StreamEncryption.EncryptionType",
            "81:32 high MMC-NET-012 Events Resources.Events.Properties.BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type",
            "83:9 high MMC-ENC-002 Events Resources.Events.Properties.EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
            "84:25 high MMC-ENC-003 Events Resources.Events.Properties.EncryptionInfo.EncryptionInTransit.ClientBroker",
            "95:9 high MMC-ENC-002 Replication Resources.Replication.Properties.EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
            "95:61 high MMC-ENC-003 Replication Resources.Replication.Properties.EncryptionInfo.EncryptionInTransit.InCluster",
            // Each launch specification is an instance: a root volume stated off, and one not stated at all.
            "106:58 critical MMC-ENC-001 Workers Resources.Workers.Properties.SpotFleetRequestConfigData.LaunchSpecifications[0].BlockDeviceMappings[0].Ebs.Encrypted",
            "107:13 critical MMC-ENC-001 Workers Resources.Workers.Properties.SpotFleetRequestConfigData.LaunchSpecifications[1].BlockDeviceMappings",
            "107:13 high MMC-ENC-002 Workers Resources.Workers.Properties.SpotFleetRequestConfigData.LaunchSpecifications[1].BlockDeviceMappings",
        ])
    }

    @Test func templateStoresOnTheTemplatesKeyPass() throws {
        let name = "pass-warehouses-caches-streams.yaml"
        let text = try CFN.fixture(name)
        let stores = try CFN.deployment(text, path: name).dataStores
        #expect(stores.map { "\($0.component) \($0.kind.rawValue)" } == [
            "Warehouse database", "Lake database", "Clicks stream", "Events stream",
        ])
        #expect(stores.allSatisfy { $0.encryption.kmsKey?.value == .known("DataKey") && $0.encryption.atRest?.value == .known(true) })
        // The group is named by its ParameterGroupName ("tls-only" matches "TLS-Only", as Redshift lowercases it).
        #expect(stores[0].transitEncryption?.value == .known(true))
        #expect(try CFN.findings(text, path: name).map(\.cfnSummary) == [])
    }

    @Test func aRedshiftClusterWithoutEncryptedIsEncryptedByAWSUnlessRestoredFromASnapshot() throws {
        let template = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
              Encrypt: {Type: String}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Default: {Type: AWS::Redshift::Cluster, Properties: {NodeType: ra3.xlplus}}
              Sometimes: {Type: AWS::Redshift::Cluster, Properties: {Encrypted: !If [IsProd, true, !Ref 'AWS::NoValue']}}
              SometimesOff: {Type: AWS::Redshift::Cluster, Properties: {Encrypted: !If [IsProd, !Ref 'AWS::NoValue', false]}}
              Unknown: {Type: AWS::Redshift::Cluster, Properties: {Encrypted: !Ref Encrypt}}
              Restored: {Type: AWS::Redshift::Cluster, Properties: {SnapshotIdentifier: nightly, Encrypted: !If [IsProd, true, !Ref 'AWS::NoValue']}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-001" }
        #expect(findings.map { "\($0.resource) \($0.severity.rawValue)" } == [
            "SometimesOff critical", "Unknown info", "Restored info",
        ])
        #expect(findings.last?.message == "encryption at rest of the database cannot be verified: the store is made from SnapshotIdentifier, whose encryption it inherits")
    }

    @Test func namedSettingsAreJudgedAtTheirWorst() throws {
        let template = """
            Parameters:
              Broker: {Type: String, AllowedValues: [TLS, TLS_PLAINTEXT], Default: TLS}
              Endpoint: {Type: String}
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
              Group: {Type: String, AllowedValues: [strict, plain], Default: strict}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Kafka:
                Type: AWS::MSK::Cluster
                Properties: {EncryptionInfo: {EncryptionInTransit: {ClientBroker: !Ref Broker}}}
              Dax:
                Type: AWS::DAX::Cluster
                Properties: {SSESpecification: {SSEEnabled: true}, ClusterEndpointEncryptionType: !If [IsProd, TLS, !Ref 'AWS::NoValue']}
              DaxUnknown:
                Type: AWS::DAX::Cluster
                Properties: {SSESpecification: {SSEEnabled: true}, ClusterEndpointEncryptionType: !Ref Endpoint}
              Warehouse:
                Type: AWS::Redshift::Cluster
                Properties: {ClusterParameterGroupName: !If [IsProd, !Ref Strict, !Ref Plain]}
              Strict:
                Type: AWS::Redshift::ClusterParameterGroup
                Properties: {Parameters: [{ParameterName: require_ssl, ParameterValue: "true"}]}
              Plain:
                Type: AWS::Redshift::ClusterParameterGroup
                Properties: {Parameters: [{ParameterName: require_ssl, ParameterValue: !If [IsProd, "true", "false"]}]}
              Stream:
                Type: AWS::Kinesis::Stream
                Properties: {StreamEncryption: {EncryptionType: !Ref Endpoint, KeyId: alias/data}}
            """
        let findings = try CFN.findings(template).filter { ["MMC-ENC-001", "MMC-ENC-003"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.severity.rawValue)" }.sorted() == [
            "MMC-ENC-001 Stream info", "MMC-ENC-003 Dax high", "MMC-ENC-003 DaxUnknown info", "MMC-ENC-003 Kafka high",
            "MMC-ENC-003 Warehouse high",
        ])
        let kafka = try #require(findings.first { $0.resource == "Kafka" })
        #expect(kafka.message == "the data stream accepts connections without TLS (ClientBroker is 'TLS_PLAINTEXT'); expected TLS only, between clients and brokers (client-broker TLS) and between brokers (in-cluster encryption on)")
        let dax = try #require(findings.first { $0.resource == "Dax" })
        #expect(dax.message == "the cache accepts connections without TLS (ClusterEndpointEncryptionType is not set, which means NONE); expected transit encryption enabled")
        // DAX takes no customer key: MMC-ENC-002 says so rather than asking for one (tester, round 36).
        let daxKey = try #require(try CFN.findings(template).first { $0.resource == "Dax" && $0.ruleId == "MMC-ENC-002" })
        #expect(daxKey.message.contains("DAX takes no customer key"), "\(daxKey.message)")
        let warehouse = try #require(findings.first { $0.resource == "Warehouse" })
        #expect(warehouse.message == "the database accepts connections without TLS (require_ssl is 'false' in Plain); expected the parameter group to require SSL (require_ssl true)")
    }

    // MARK: - Terraform plan

    @Test func planStoresFailWhereTheirSettingIsWritten() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment("fail/warehouses-caches-streams.json"))
        #expect(findings.map(\.summary).sorted() == [
            "MMC-ENC-001 info 141:24 aws_redshift_cluster.maybe",
            "MMC-ENC-001 critical 189:26 aws_dax_cluster.accelerator",
            "MMC-ENC-001 critical 218:30 aws_kinesis_stream.clicks",
            "MMC-ENC-001 critical 34:5 aws_elasticache_cluster.fragments",
            "MMC-ENC-001 critical 407:28 aws_spot_instance_request.worker",
            "MMC-ENC-001 critical 414:28 aws_spot_instance_request.worker",
            "MMC-ENC-001 critical 455:32 aws_spot_fleet_request.workers",
            "MMC-ENC-001 critical 463:36 aws_spot_fleet_request.workers",
            "MMC-ENC-001 critical 76:24 aws_redshift_cluster.warehouse",
            "MMC-ENC-001 critical 8:5 aws_elasticache_cluster.sessions",
            "MMC-ENC-002 high 141:24 aws_redshift_cluster.maybe",
            "MMC-ENC-002 high 164:25 aws_redshiftserverless_namespace.lake",
            "MMC-ENC-002 high 244:25 aws_kinesis_stream.orders",
            "MMC-ENC-002 high 319:49 aws_msk_cluster.events",
            "MMC-ENC-002 high 379:49 aws_msk_cluster.replication",
            "MMC-ENC-002 high 463:36 aws_spot_fleet_request.workers",
            "MMC-ENC-003 high 105:24 aws_redshift_cluster.warehouse",
            "MMC-ENC-003 high 192:47 aws_dax_cluster.accelerator",
            "MMC-ENC-003 high 28:41 aws_elasticache_cluster.sessions",
            "MMC-ENC-003 high 292:36 aws_msk_cluster.events",
            "MMC-ENC-003 high 360:33 aws_msk_cluster.replication",
            "MMC-ENC-003 info 54:41 aws_elasticache_cluster.fragments",
            "MMC-NET-012 high 281:31 aws_msk_cluster.events",
            "MMC-NET-012 high 77:34 aws_redshift_cluster.warehouse",
        ].sorted())
        // Unknown until apply: cannot be verified, naming what it comes from.
        let maybe = try #require(findings.first { $0.resource == "aws_redshift_cluster.maybe" && $0.ruleId == "MMC-ENC-001" })
        #expect(maybe.message == "encryption at rest of the database cannot be verified: known only after apply (it comes from var.encrypt)")
        #expect(maybe.path == "resource_changes[4].change.after_unknown.encrypted")
    }

    @Test func planStoresOnThePlansKeyPass() throws {
        let deployment = try TerraformFixture.deployment("pass/warehouses-caches-streams.json")
        #expect(try TerraformFixture.findings(deployment).map(\.summary) == [])
        // Something was read: the replication group and its member's group, Redshift, a namespace, a stream, MSK and
        // the spot request's root volume.
        #expect(deployment.dataStores.map(\.component) == [
            "aws_elasticache_replication_group.sessions", "aws_spot_instance_request.worker",
            "aws_redshift_cluster.warehouse", "aws_redshiftserverless_namespace.lake", "aws_kinesis_stream.clicks",
            "aws_msk_cluster.events",
        ])
    }

    @Test func namedSettingsUnknownUntilApplyCannotBeVerified() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_kinesis_stream.s", "aws_kinesis_stream", after: ["name": "s"], unknown: ["encryption_type": true])
        plan.configure("aws_kinesis_stream.s", ["encryption_type": TerraformPlanBuilder.references("var.encryption")])
        plan.change("aws_msk_cluster.k", "aws_msk_cluster",
                    after: ["encryption_info": [["encryption_in_transit": [["in_cluster": true]]]]],
                    unknown: ["encryption_info": [["encryption_in_transit": [["client_broker": true]]]]])
        plan.configure("aws_msk_cluster.k", ["encryption_info": [["encryption_in_transit": [
            ["client_broker": TerraformPlanBuilder.references("var.broker")]]]]])
        plan.change("aws_dax_cluster.d", "aws_dax_cluster", after: ["server_side_encryption": [["enabled": true]]],
                    unknown: ["cluster_endpoint_encryption_type": true])
        plan.configure("aws_dax_cluster.d", ["cluster_endpoint_encryption_type": TerraformPlanBuilder.references("var.tls")])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { ["MMC-ENC-001", "MMC-ENC-003"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.cannotVerify)" }.sorted() == [
            "MMC-ENC-001 aws_kinesis_stream.s true", "MMC-ENC-003 aws_dax_cluster.d true", "MMC-ENC-003 aws_msk_cluster.k true",
        ])
    }

    // MARK: - Terraform source

    @Test func sourceStoresFailWhereTheirSettingIsWritten() throws {
        let findings = try TerraformSourceFixture.findings("warehouses-caches-streams-fail")
        #expect(findings.map(\.summary).sorted() == [
            "MMC-ENC-001 critical 10:1 aws_elasticache_cluster.sessions",
            "MMC-ENC-001 critical 105:17 aws_spot_instance_request.worker",
            "MMC-ENC-001 critical 111:19 aws_spot_instance_request.worker",
            "MMC-ENC-001 critical 124:19 aws_spot_fleet_request.workers",
            "MMC-ENC-001 critical 129:3 aws_spot_fleet_request.workers",
            "MMC-ENC-001 critical 17:1 aws_elasticache_cluster.fragments",
            "MMC-ENC-001 critical 30:34 aws_redshift_cluster.warehouse",
            "MMC-ENC-001 critical 57:1 aws_dax_cluster.accelerator",
            "MMC-ENC-001 critical 64:1 aws_kinesis_stream.clicks",
            "MMC-ENC-001 info 46:1 aws_redshift_cluster.defaults",
            "MMC-ENC-002 high 46:1 aws_redshift_cluster.defaults",
            "MMC-ENC-002 high 53:1 aws_redshiftserverless_namespace.lake",
            "MMC-ENC-002 high 57:1 aws_dax_cluster.accelerator",
            "MMC-ENC-002 high 73:21 aws_kinesis_stream.orders",
            "MMC-ENC-002 high 129:3 aws_spot_fleet_request.workers",
            "MMC-ENC-002 high 92:3 aws_msk_cluster.events",
            "MMC-ENC-003 high 10:1 aws_elasticache_cluster.sessions",
            "MMC-ENC-003 high 41:13 aws_redshift_cluster.warehouse",
            "MMC-ENC-003 high 57:1 aws_dax_cluster.accelerator",
            "MMC-ENC-003 high 94:23 aws_msk_cluster.events",
            "MMC-ENC-003 info 6:1 aws_elasticache_cluster.fragments",
            "MMC-NET-012 high 31:34 aws_redshift_cluster.warehouse",
            "MMC-NET-012 high 87:16 aws_msk_cluster.events",
            "MMC-NET-012 info 46:1 aws_redshift_cluster.defaults",
        ].sorted())
        // A flag source leaves to the provider is the provider version's to decide: never a silent pass.
        let defaults = findings.filter { $0.resource == "aws_redshift_cluster.defaults" && $0.cannotVerify }.map(\.message)
        #expect(defaults == [
            "encryption at rest of the database cannot be verified: encrypted is not set, and the AWS provider then makes it false before version 6.0 and true from 6.0",
            "whether the database is public cannot be verified: publicly_accessible is not set, and the AWS provider then makes it true before version 6.0 and false from 6.0",
        ])
    }

    @Test func sourceStoresOnTheModulesKeyPass() throws {
        #expect(try TerraformSourceFixture.findings("warehouses-caches-streams-pass").map(\.summary) == [])
    }

    /// A `dynamic` block over a collection known only after apply makes blocks that are unknown as a whole: what they
    /// would set cannot be verified, never read as the default (TLS for MSK, no volume for a spot fleet).
    @Test func blocksUnknownUntilApplyCannotBeVerified() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            provider "aws" { region = "us-east-1" }
            variable "blocks" {}
            resource "aws_msk_cluster" "k" {
              cluster_name = "k"
              dynamic "encryption_info" {
                for_each = var.blocks
                content {
                  encryption_in_transit { client_broker = "PLAINTEXT" }
                }
              }
            }
            resource "aws_spot_fleet_request" "f" {
              iam_fleet_role = "arn:aws:iam::123456789012:role/fleet"
              dynamic "launch_specification" {
                for_each = var.blocks
                content {
                  ami = "ami-12345678"
                  root_block_device { encrypted = false }
                }
              }
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "dynamic")
        let deployment = try #require(outcome.deployment)
        let findings = try TerraformFixture.findings(deployment).filter { ["MMC-ENC-001", "MMC-ENC-003"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.cannotVerify)" }.sorted() == [
            "MMC-ENC-001 aws_spot_fleet_request.f true", "MMC-ENC-003 aws_msk_cluster.k true",
        ])
    }

    /// Source and plan name the same resources the same way, and on the stores both fixtures hold the same rules fire
    /// (source's `defaults` and the plan's `maybe` and `replication` are their own; the DAX cluster states its
    /// switch off in the plan and leaves it unset in source).
    @Test func sourceAndPlanFireTheSameRulesOnTheSameStores() throws {
        let source = try TerraformSourceFixture.findings("warehouses-caches-streams-fail")
        let plan = try TerraformFixture.findings(TerraformFixture.deployment("fail/warehouses-caches-streams.json"))
        let shared = Set(source.map(\.resource)).intersection(plan.map(\.resource))
            .subtracting(["aws_dax_cluster.accelerator"])
        func pairs(_ findings: [Finding]) -> [String] {
            findings.filter { shared.contains($0.resource) }
                .map { "\($0.ruleId) \($0.resource) \($0.severity.rawValue)" }.sorted()
        }
        #expect(shared.count == 9)
        #expect(pairs(source) == pairs(plan))
    }
}
