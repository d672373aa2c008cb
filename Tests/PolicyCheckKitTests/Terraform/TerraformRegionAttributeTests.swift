import PolicyCheckKit
import Testing

/// Region-valued attributes besides a resource's own `region`: a peering connection's `peer_region`, a StackSet
/// instance's `stack_set_instance_region` (AWS provider 6's name for its old `region`), the `regions` list of
/// `aws_cloudformation_stack_instances`, an inventory sync's destination region.
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
}
