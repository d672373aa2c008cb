@testable import PolicyCheckKit
import Testing

/// MMC-LOG-001: a trail's event selectors must record every management event — read and write, from every event
/// source — in CloudFormation, Terraform source and a Terraform plan.
@Suite struct AuditTrailManagementEventsTests {
    typealias CFN = CloudFormationTesting

    @Test func cloudFormationSelectorsThatLeaveOutManagementEventsFail() throws {
        let findings = try CFN.findings(try CFN.fixture("fail-trail-selectors-drop-management-events.yaml"))
            .filter { $0.ruleId == "MMC-LOG-001" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource) \($0.path)" } == [
            "high NoManagementEvents Resources.NoManagementEvents.Properties.EventSelectors",
            "high AdvancedDataOnly Resources.AdvancedDataOnly.Properties.AdvancedEventSelectors",
            "high ReadOnly Resources.ReadOnly.Properties.EventSelectors",
            "high AdvancedWriteOnly Resources.AdvancedWriteOnly.Properties.AdvancedEventSelectors",
            "high KmsExcluded Resources.KmsExcluded.Properties.EventSelectors",
            "high AdvancedKmsExcluded Resources.AdvancedKmsExcluded.Properties.AdvancedEventSelectors",
        ])
        let says = Dictionary(uniqueKeysWithValues: findings.map { ($0.resource, $0.message) })
        #expect(says["NoManagementEvents"]?.contains("no event selector records management events") == true)
        #expect(says["ReadOnly"]?.contains("only read-only management events are recorded") == true)
        #expect(says["AdvancedWriteOnly"]?.contains("only write management events are recorded") == true)
        #expect(says["KmsExcluded"]?.contains("management events of kms.amazonaws.com are left out") == true)
        #expect(says["AdvancedKmsExcluded"]?.contains("the use of AWS KMS keys goes unrecorded") == true)
    }

    @Test func cloudFormationSelectorsThatRecordEveryManagementEventPass() throws {
        let findings = try CFN.findings(try CFN.fixture("pass-trail-selectors-record-management-events.yaml"))
        #expect(findings.filter { $0.ruleId == "MMC-LOG-001" }.isEmpty)
    }

    @Test func aSelectorChosenByAParameterCannotBeVerified() throws {
        let template = """
            Parameters:
              Kind: {Type: String}
            Resources:
              Trail:
                Type: AWS::CloudTrail::Trail
                Properties: {IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, S3BucketName: b, EventSelectors: [{ReadWriteType: !Ref Kind}]}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-LOG-001" }
        #expect(findings.map(\.cannotVerify) == [true])
    }

    @Test func terraformSourceSelectorsAreJudged() throws {
        let findings = try TerraformSourceFixture.findings("trail-selectors-drop-management-events-fail")
            .filter { $0.ruleId == "MMC-LOG-001" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource)" } == [
            "high aws_cloudtrail.fail_no_management_events",
            "high aws_cloudtrail.fail_write_only",
            "high aws_cloudtrail.fail_kms_excluded",
        ])
    }

    @Test func aPlansSelectorsAreJudged() throws {
        var plan = TerraformPlanBuilder()
        let trail: [String: Any] = ["name": "t", "is_multi_region_trail": true, "enable_log_file_validation": true]
        plan.change("aws_cloudtrail.data_only", "aws_cloudtrail", after: trail.merging([
            "event_selector": [["include_management_events": false, "read_write_type": "All",
                                "exclude_management_event_sources": [] as [String],
                                "data_resource": [["type": "AWS::S3::Object", "values": ["arn:aws:s3"]]]]],
        ]) { $1 })
        plan.change("aws_cloudtrail.all", "aws_cloudtrail", after: trail.merging([
            "event_selector": [["include_management_events": true, "read_write_type": "All",
                                "exclude_management_event_sources": [] as [String], "data_resource": [] as [Any]]],
        ]) { $1 })
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-001" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource) \($0.path)" } == [
            "high aws_cloudtrail.data_only resource_changes[0].change.after.event_selector",
        ])
    }

    /// A plan's message names the setting as Terraform spells it, not as CloudFormation does.
    @Test func aPlansUnknownSelectorSettingIsNamedAsTerraformSpellsIt() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_cloudtrail.later", "aws_cloudtrail", after: [
            "name": "t", "is_multi_region_trail": true, "enable_log_file_validation": true,
            "event_selector": [["include_management_events": true, "exclude_management_event_sources": [] as [String],
                                "data_resource": [] as [Any]]],
        ], unknown: ["event_selector": [["read_write_type": true]]])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-001" }
        #expect(findings.map(\.cannotVerify) == [true])
        #expect(findings.first?.message.contains("read_write_type: known only after apply") == true, "\(findings.map(\.message))")
    }
}
