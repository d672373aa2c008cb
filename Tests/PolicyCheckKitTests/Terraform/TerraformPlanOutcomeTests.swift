import PolicyCheckKit
import Testing

/// Terraform plan fixtures evaluated against the default pack: rule ids, severities, exact locations, resources.
@Suite struct TerraformPlanOutcomeTests {
    @Test func compliantPlanHasNoFindings() throws {
        let deployment = try TerraformFixture.deployment("pass/encrypted-us-east-1.json")
        #expect(try TerraformFixture.findings(deployment).map(\.summary) == [])
        #expect(deployment.format == .terraformPlan)
        #expect(deployment.name == "pass/encrypted-us-east-1.json")
        #expect(deployment.offering == nil)
        // Something was checked: two stores, one key, two allowlists (public and private ranges).
        #expect(deployment.dataStores.map(\.component) == ["aws_db_instance.main", "aws_s3_bucket.files"])
        #expect(deployment.keys.map(\.component) == ["aws_kms_key.data"])
        #expect(deployment.allowlists.count == 2)
    }

    @Test func violationsAreReportedAtTheOffendingValues() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment("fail/violations-eu-west-1.json"))
        #expect(findings.map(\.summary).sorted() == [
            // Issue 15: the databases' automated backups and log exports, the bucket's versioning, access logging
            // and bucket policy (none of them stated in the plan, so AWS's defaults: 1 day, none, off, off, none).
            "MMC-AVL-004 medium 86:18 aws_s3_bucket.uploads",
            "MMC-AVL-005 medium 56:18 aws_db_instance.reporting",
            "MMC-ENC-001 critical 63:32 aws_db_instance.reporting",
            "MMC-ENC-002 high 97:40 aws_s3_bucket.uploads",
            "MMC-ENC-002 info 146:25 aws_ebs_volume.cache",
            "MMC-ENC-003 high 86:18 aws_s3_bucket.uploads",
            "MMC-KEY-005 medium 30:34 aws_kms_key.logs",
            "MMC-KEY-010 high 34:21 aws_kms_key.logs",
            "MMC-LOG-003 medium 86:18 aws_s3_bucket.uploads",
            "MMC-LOG-004 medium 56:18 aws_db_instance.reporting",
            "MMC-NET-001 critical 170:17 aws_security_group.admin",
            "MMC-NET-008 low 168:13 aws_security_group.admin",
            "MMC-NET-011 high 220:13 aws_security_group_rule.https",
            "MMC-NET-012 high 62:34 aws_db_instance.reporting",
            "MMC-RES-001 high 137:32 aws_ebs_volume.cache",
            "MMC-RES-001 high 6:16 provider.aws",
        ])
    }

    @Test func messagesNameWhatIsWrong() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment("fail/violations-eu-west-1.json"))
        let unknown = try #require(findings.first { $0.cannotVerify })
        #expect(unknown.message == "the volume's KMS key cannot be verified: known only after apply (it comes from var.volume_key_arn)")
        #expect(unknown.path == "resource_changes[3].change.after_unknown.kms_key_id")
        let region = try #require(findings.first { $0.resource == "provider.aws" })
        #expect(region.message.hasPrefix("provider region (var.region) is 'eu-west-1'"))
        #expect(region.path == "variables.region.value")
        let sse = try #require(findings.first { $0.resource == "aws_s3_bucket.uploads" && $0.ruleId == "MMC-ENC-002" })
        #expect(sse.path == "resource_changes[2].change.after.server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default[0].sse_algorithm")
    }

    @Test func privateIngressIsNotJudgedAsInternetFacing() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment("fail/violations-eu-west-1.json"))
        #expect(!findings.contains { $0.ruleId == "MMC-NET-006" })
        #expect(!findings.contains { $0.message.contains("10.20.30.0/24") })
    }

    @Test(arguments: [
        ("error/errored-plan.json", "4:14",
         "the plan is incomplete: Terraform reported errors while planning (errored: true); fix them and plan again"),
        ("error/unsupported-format-version.json", "2:21",
         "unsupported Terraform JSON format_version '2.0'; policycheck reads 0.x and 1.x"),
        ("error/resource-changes-not-a-list.json", "4:23", "'resource_changes' must be a list, found a mapping"),
        // A change item's fields are read from the node and through the view only when not as a plan writes them:
        // the view's messages either way.
        ("error/change-not-a-mapping.json", "5:103", "'resource_changes[0].change' must be a mapping, found a list"),
        ("error/change-missing.json", "5:5", "missing required field 'change' in 'resource_changes[0]'"),
        ("error/action-not-a-string.json", "6:29", "'resource_changes[0].change.actions[0]' must be a string, found a mapping"),
        ("error/address-not-a-string.json", "5:17", "'resource_changes[0].address' must be a string, found a list"),
        // What Terraform never writes is not read as a data source or a deletion (which passed silently).
        ("error/mode-of-another-spelling.json", "7:12", "'resource_changes[0].mode' must be 'managed' or 'data', found 'Managed'"),
        ("error/mode-a-number.json", "7:12", "'resource_changes[0].mode' must be a string, found a number"),
        ("error/type-a-number.json", "8:12", "'resource_changes[0].type' must be a string, found a number"),
        ("error/address-a-number.json", "6:15", "'resource_changes[0].address' must be a string, found a number"),
        ("error/action-of-another-spelling.json", "11:16",
         "'resource_changes[0].change.actions' holds 'Create', which is not an action Terraform writes (create, delete, forget, no-op, read, update)"),
    ])
    func unusablePlansAreErrors(name: String, location: String, message: String) throws {
        let report = try TerraformFixture.run([TerraformFixture.path(name)])
        #expect(report.exitCode == 2)
        #expect(report.errors.map { "\($0.location?.description ?? "-") \($0.message)" } == ["\(location) \(message)"])
    }

    @Test func planIsDetectedByContentInACheckRun() throws {
        let report = try TerraformFixture.run([TerraformFixture.path("fail/violations-eu-west-1.json")])
        #expect(report.errors.isEmpty)
        #expect(report.deploymentCount == 1)
        #expect(report.findings.count == 16)
        #expect(report.exitCode == 1)
    }
}
