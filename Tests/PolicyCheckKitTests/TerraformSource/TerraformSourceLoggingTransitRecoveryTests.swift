import PolicyCheckKit
import Testing

/// Issue 15's logging, transit and recovery rules read from Terraform source (through the plan readers): every
/// `pass_*` resource of the fixture passes and every `fail_*` one fails, at the line that decided it.
@Suite struct TerraformSourceLoggingTransitRecoveryTests {
    @Test func passResourcesPassAndFailResourcesFail() throws {
        let findings = try TerraformSourceFixture.findings("logging-transit-recovery")
        #expect(findings.map(\.summary) == [
            "MMC-ENC-003 high 53:1 aws_s3_bucket.fail_uploads",
            "MMC-LOG-003 medium 53:1 aws_s3_bucket.fail_uploads",
            "MMC-AVL-004 medium 70:14 aws_s3_bucket.fail_uploads",
            "MMC-AVL-005 medium 94:1 aws_db_instance.fail_db",
            "MMC-ENC-003 high 94:1 aws_db_instance.fail_db",
            "MMC-LOG-004 medium 94:1 aws_db_instance.fail_db",
            "MMC-LOG-001 high 110:1 aws_cloudtrail.fail_trail",
            "MMC-LOG-002 medium 110:1 aws_cloudtrail.fail_trail",
            "MMC-ENC-004 high 128:1 aws_lb_listener.fail_https",
            "MMC-AVL-006 medium 149:1 aws_backup_vault.fail_vault",
            // The 30 days come from the variable's default: the finding points where the value is written.
            "MMC-LOG-005 medium 156:13 aws_cloudwatch_log_group.fail_short_logs",
            // No point_in_time_recovery block: off, at the resource; a 3-day recovery period, at the value.
            "MMC-AVL-005 medium 190:1 aws_dynamodb_table.fail_sessions",
            "MMC-AVL-005 medium 216:31 aws_dynamodb_table.fail_short_recovery",
        ])
        #expect(!findings.contains { $0.resource.contains(".pass_") })
        let versioning = try #require(findings.first { $0.ruleId == "MMC-AVL-004" })
        #expect(versioning.message.contains("its status is 'Suspended'"))
    }
}
