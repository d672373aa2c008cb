@testable import PolicyCheckKit
import Testing

/// Replica and replication regions written in nested blocks of Terraform source are found at the attribute.
@Suite struct TerraformSourceReplicaRegionTests {
    @Test func replicaRegionsOutsideTheRegionFailAndAnUnsetOneCannotBeVerified() throws {
        let findings = try TerraformSourceFixture.findings("replica-regions-fail").filter { $0.ruleId == "MMC-RES-001" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }.sorted() == [
            "37:19 aws_dynamodb_table.t", "65:14 aws_secretsmanager_secret.s", "73:23 aws_ecr_replication_configuration.r",
            // An unknown value is located where it comes from, as every value unknown in source is: the variable.
            "8:1 aws_dynamodb_table.later (cannot verify)",
        ])
        #expect(findings.first { $0.cannotVerify }?.message
            == "replica region cannot be verified: not known here (it comes from var.replica_region, which has no value here)")
        #expect(findings.allSatisfy { $0.file.hasSuffix("main.tf") })
    }
}
