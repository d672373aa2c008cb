@testable import PolicyCheckKit
import Testing

/// Region-valued attributes besides a resource's own `region` (a VPC peer, StackSet instances, an inventory sync's
/// bucket, where a snapshot copy goes, where a replica's source is) are found in Terraform source as in a plan.
@Suite struct TerraformSourceRegionAttributeTests {
    @Test func regionAttributesOutsideTheRegionFailAndOneFromAnUnsetVariableCannotBeVerified() throws {
        let findings = try TerraformSourceFixture.findings("region-attributes-fail").filter { $0.ruleId == "MMC-RES-001" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" } == [
            // An unknown value is located where it comes from, as every value unknown in source is: the variable.
            "5:1 aws_vpc_peering_connection.later (cannot verify)",
            "16:17 aws_vpc_peering_connection.eu",
            "32:20 aws_cloudformation_stack_set_instance.v5",
            "38:31 aws_cloudformation_stack_set_instance.v6",
            "44:34 aws_cloudformation_stack_instances.all",
            "53:19 aws_ssm_resource_data_sync.inventory",
            "60:35 aws_db_snapshot_copy.eu",
            "67:24 aws_rds_cluster.replica",
        ])
        #expect(findings.first?.message
            == "peer region cannot be verified: not known here (it comes from var.peer_region, which has no value here)")
        #expect(!findings.contains { $0.resource == "aws_vpc_peering_connection.same" },
                "a peer region not set is the provider's own")
    }
}
