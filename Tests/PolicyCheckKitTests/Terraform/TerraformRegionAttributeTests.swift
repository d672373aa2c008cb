import PolicyCheckKit
import Testing

/// Region-valued attributes besides a resource's own `region`: a peering connection's `peer_region`, a StackSet
/// instance's `stack_set_instance_region` (AWS provider 6's name for its old `region`), the `regions` list of
/// `aws_cloudformation_stack_instances`, an inventory sync's destination region, where a copy of the data goes or
/// comes from (`destination_region`, `source_region`, `source_ami_region`).
@Suite struct TerraformRegionAttributeTests {
    typealias Plan = TerraformPlanBuilder

    private func residency(_ plan: Plan) throws -> [Finding] {
        try TerraformFixture.findings("MMC-RES-001", json: plan.json)
    }

    @Test func aPeerRegionOutsideTheAllowedRegionFails() throws {
        var plan = Plan()
        plan.change("aws_vpc_peering_connection.p", "aws_vpc_peering_connection", after: [
            "vpc_id": "vpc-12345678", "peer_vpc_id": "vpc-87654321", "peer_region": "eu-west-1",
        ])
        plan.change("aws_ec2_transit_gateway_peering_attachment.t", "aws_ec2_transit_gateway_peering_attachment", after: [
            "transit_gateway_id": "tgw-1", "peer_transit_gateway_id": "tgw-2", "peer_region": "us-west-2",
            "peer_account_id": "123456789012",
        ])
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.path)" } == [
            "aws_vpc_peering_connection.p resource_changes[0].change.after.peer_region",
            "aws_ec2_transit_gateway_peering_attachment.t resource_changes[1].change.after.peer_region",
        ])
        #expect(findings.first?.message
            == "peer region is 'eu-west-1': it places data in a region outside the allowed us-east-1")
    }

    @Test func aPeerRegionLeftToTheProviderIsTheCurrentRegionAndOneFromAVariableCannotBeVerified() throws {
        var plan = Plan()
        // Not set: the provider fills in the region it runs in (the provider region is judged on its own).
        plan.change("aws_vpc_peering_connection.same", "aws_vpc_peering_connection",
                    after: ["vpc_id": "vpc-1", "peer_vpc_id": "vpc-2"], unknown: ["peer_region": true])
        plan.configure("aws_vpc_peering_connection.same", ["vpc_id": Plan.constant("vpc-1")])
        plan.change("aws_vpc_peering_connection.later", "aws_vpc_peering_connection",
                    after: ["vpc_id": "vpc-1", "peer_vpc_id": "vpc-3"], unknown: ["peer_region": true])
        plan.configure("aws_vpc_peering_connection.later", ["peer_region": Plan.references("var.peer_region")])
        let findings = try residency(plan)
        #expect(findings.map(\.resource) == ["aws_vpc_peering_connection.later"])
        #expect(findings.map(\.cannotVerify) == [true])
        #expect(findings.first?.message
            == "peer region cannot be verified: known only after apply (it comes from var.peer_region)")
    }

    @Test func stackSetInstancesAreCreatedInTheirRegions() throws {
        var plan = Plan()
        plan.change("aws_cloudformation_stack_set_instance.v5", "aws_cloudformation_stack_set_instance",
                    after: ["stack_set_name": "data", "account_id": "123456789012", "region": "eu-west-1"])
        plan.change("aws_cloudformation_stack_set_instance.v6", "aws_cloudformation_stack_set_instance",
                    after: ["stack_set_name": "data", "stack_set_instance_region": "eu-central-1"])
        plan.change("aws_cloudformation_stack_instances.all", "aws_cloudformation_stack_instances",
                    after: ["stack_set_name": "data", "accounts": ["123456789012"], "regions": ["us-east-1", "ap-south-1"]])
        plan.change("aws_cloudformation_stack_instances.later", "aws_cloudformation_stack_instances",
                    after: ["stack_set_name": "data", "accounts": ["123456789012"]], unknown: ["regions": true])
        plan.configure("aws_cloudformation_stack_instances.later", ["regions": Plan.references("var.regions")])
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.path)\($0.cannotVerify ? " (cannot verify)" : "")" } == [
            "aws_cloudformation_stack_set_instance.v5 resource_changes[0].change.after.region",
            "aws_cloudformation_stack_set_instance.v6 resource_changes[1].change.after.stack_set_instance_region",
            "aws_cloudformation_stack_instances.all resource_changes[2].change.after.regions[1]",
            "aws_cloudformation_stack_instances.later resource_changes[3].change.after_unknown.regions (cannot verify)",
        ])
        #expect(findings.dropFirst(2).first?.message
            == "stack instance region is 'ap-south-1': it places data in a region outside the allowed us-east-1")
    }

    @Test func anInventorySyncToABucketInAnotherRegionKeepsACopyThere() throws {
        var plan = Plan()
        plan.change("aws_ssm_resource_data_sync.s", "aws_ssm_resource_data_sync", after: [
            "name": "inventory", "s3_destination": [["bucket_name": "inventory", "region": "eu-north-1"]],
        ])
        let findings = try residency(plan)
        #expect(findings.map(\.path) == ["resource_changes[0].change.after.s3_destination[0].region"])
        #expect(findings.first?.message
            == "sync destination region is 'eu-north-1': a copy of the data would be kept in a region outside the allowed us-east-1")
    }

    @Test func snapshotCopiesToAnotherRegionKeepACopyThereAsCloudFormationsDestinationRegionDoes() throws {
        var plan = Plan()
        plan.change("aws_db_snapshot_copy.c", "aws_db_snapshot_copy", after: [
            "source_db_snapshot_identifier": "arn:aws:rds:us-east-1:123456789012:snapshot:s",
            "target_db_snapshot_identifier": "copy", "destination_region": "eu-west-1",
        ])
        plan.change("aws_redshift_snapshot_copy.r", "aws_redshift_snapshot_copy", after: [
            "cluster_identifier": "rs", "destination_region": "ap-southeast-2",
        ])
        plan.change("aws_redshift_cluster.v5", "aws_redshift_cluster", after: [
            "cluster_identifier": "rs5", "snapshot_copy": [["destination_region": "eu-central-1"]],
        ])
        plan.change("aws_rds_cluster_snapshot_copy.here", "aws_rds_cluster_snapshot_copy", after: [
            "source_db_cluster_snapshot_identifier": "s", "target_db_cluster_snapshot_identifier": "t",
            "destination_region": "us-east-1",
        ])
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.path)" } == [
            "aws_db_snapshot_copy.c resource_changes[0].change.after.destination_region",
            "aws_redshift_snapshot_copy.r resource_changes[1].change.after.destination_region",
            "aws_redshift_cluster.v5 resource_changes[2].change.after.snapshot_copy[0].destination_region",
        ])
        #expect(findings.map(\.message) == [
            "destination region is 'eu-west-1': a copy of the data would be kept in a region outside the allowed us-east-1",
            "destination region is 'ap-southeast-2': a copy of the data would be kept in a region outside the allowed us-east-1",
            "snapshot copy destination region is 'eu-central-1': a copy of the data would be kept in a region outside the allowed us-east-1",
        ])
    }

    @Test func aCopyOrReplicaWhoseSourceIsInAnotherRegionNamesIt() throws {
        var plan = Plan()
        plan.change("aws_rds_cluster.replica", "aws_rds_cluster", after: [
            "cluster_identifier": "replica", "engine": "aurora-postgresql", "storage_encrypted": true,
            "kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
            "source_region": "eu-west-1",
        ])
        plan.change("aws_ebs_snapshot_copy.s", "aws_ebs_snapshot_copy", after: [
            "source_snapshot_id": "snap-1", "source_region": "us-west-2",
        ])
        plan.change("aws_ami_copy.a", "aws_ami_copy", after: [
            "name": "a", "source_ami_id": "ami-1", "source_ami_region": "ap-northeast-1",
        ])
        plan.change("aws_ebs_snapshot_copy.later", "aws_ebs_snapshot_copy", after: ["source_snapshot_id": "snap-2"],
                    unknown: ["source_region": true])
        plan.configure("aws_ebs_snapshot_copy.later", ["source_region": Plan.references("var.source_region")])
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.path)\($0.cannotVerify ? " (cannot verify)" : "")" } == [
            "aws_rds_cluster.replica resource_changes[0].change.after.source_region",
            "aws_ebs_snapshot_copy.s resource_changes[1].change.after.source_region",
            "aws_ami_copy.a resource_changes[2].change.after.source_ami_region",
            "aws_ebs_snapshot_copy.later resource_changes[3].change.after_unknown.source_region (cannot verify)",
        ])
        #expect(findings.first?.message
            == "source region is 'eu-west-1': it places data in a region outside the allowed us-east-1")
    }

    @Test func aServerlessApplicationRepositoryApplicationARNIsWhereItWasPublishedNotWhereTheStackIs() throws {
        var plan = Plan()
        plan.change("aws_serverlessapplicationrepository_cloudformation_stack.rotation",
                    "aws_serverlessapplicationrepository_cloudformation_stack", after: [
            "name": "rotation", "capabilities": ["CAPABILITY_IAM"],
            "application_id": "arn:aws:serverlessrepo:us-west-2:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser",
            "notification_arns": ["arn:aws:sns:eu-west-1:123456789012:stack-events"],
        ])
        let findings = try residency(plan)
        #expect(findings.map(\.path) == ["resource_changes[0].change.after.notification_arns[0]"])
    }
}
