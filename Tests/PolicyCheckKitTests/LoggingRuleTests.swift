@testable import PolicyCheckKit
import Testing

/// MMC-LOG-*: the audit trail, S3 access logs and database log exports (issue 15, "areas no rule covers"), in the
/// manifest (pinned at line:col), a Terraform plan and a CloudFormation template.
@Suite struct LoggingRuleTests {
    typealias CFN = CloudFormationTesting

    static let failures: [RuleFailure] = [
        RuleFailure("logging/audit-trail/fail.yaml", "MMC-LOG-001", .high, at: 12, 20, resource: "acme-prod/logging/auditTrail",
                    says: ["the trail records one region only", "expected a multi-region trail"], also: ["MMC-LOG-002"]),
        // logFileValidation not stated: off, as AWS's default.
        RuleFailure("logging/audit-trail/fail.yaml", "MMC-LOG-002", .medium, at: 11, 7, resource: "acme-prod/logging/auditTrail",
                    says: ["log file validation is off"], also: ["MMC-LOG-001"]),
        RuleFailure("logging/audit-trail/fail-stopped.yaml", "MMC-LOG-001", .high, at: 9, 27, resource: "acme-prod/logging/auditTrail",
                    says: ["the trail does not record API activity"]),
        // The trail's log files are a store: with BYOK they take the customer's key.
        RuleFailure("logging/audit-trail/fail-byok-no-key.yaml", "MMC-ENC-002", .high, at: 14, 17,
                    resource: "acme-prod/logging/auditTrail",
                    says: ["no KMS key is named for the audit logs", "expected one of the declared keys (data-key)"]),
        RuleFailure("logging/access-logs/fail.yaml", "MMC-LOG-003", .medium, at: 13, 17, resource: "acme-prod/fileStore",
                    says: ["server access logging is off for the file store"]),
        RuleFailure("logging/database-log-exports/fail.yaml", "MMC-LOG-004", .medium, at: 12, 25, resource: "acme-prod/database",
                    says: ["the database exports none of its engine's logs to CloudWatch Logs (databaseLogExports is empty)"]),
        // upgrade and iam-db-auth-error are not PostgreSQL's engine log.
        RuleFailure("logging/database-log-exports/fail-upgrade-log-only.yaml", "MMC-LOG-004", .medium, at: 12, 25,
                    resource: "acme-prod/database",
                    says: ["(it exports only upgrade, iam-db-auth-error, not postgresql)"]),
        RuleFailure("logging/retention/fail.yaml", "MMC-LOG-005", .medium, at: 10, 20, resource: "acme-prod/logging",
                    says: ["logs are kept 90 days; expected at least 365 days"]),
    ]

    static let passes: [RulePass] = [
        RulePass("logging/audit-trail/pass.yaml", "MMC-LOG-001"),
        RulePass("logging/audit-trail/pass.yaml", "MMC-LOG-002"),
        RulePass("logging/access-logs/pass.yaml", "MMC-LOG-003"),
        RulePass("logging/database-log-exports/pass.yaml", "MMC-LOG-004"),
        // postgresql is not MySQL's log, but slowquery is.
        RulePass("logging/database-log-exports/pass-another-engines-logs-too.yaml", "MMC-LOG-004"),
        RulePass("logging/retention/pass.yaml", "MMC-LOG-005"),
        // 0 keeps logs until they are deleted.
        RulePass("logging/retention/pass-until-deleted.yaml", "MMC-LOG-005"),
        // Absent logging asks for nothing (absence is never a finding by itself).
        RulePass("compliant/dedicated.yaml", "MMC-LOG-003", outcome: nil),
    ]

    @Test func aTerraformTrailIsJudgedWithAWSDefaults() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_cloudtrail.single", "aws_cloudtrail", after: ["name": "single", "s3_bucket_name": "trail-logs"])
        plan.change("aws_cloudtrail.stopped", "aws_cloudtrail", after: [
            "name": "stopped", "enable_logging": false, "is_multi_region_trail": true, "enable_log_file_validation": true,
            "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ])
        plan.change("aws_cloudtrail.good", "aws_cloudtrail", after: [
            "name": "good", "is_multi_region_trail": true, "enable_log_file_validation": true,
            "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ], unknown: ["enable_logging": true])
        plan.change("aws_cloudtrail.later", "aws_cloudtrail", after: [
            "name": "later", "enable_log_file_validation": true,
            "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ], unknown: ["is_multi_region_trail": true])
        plan.configure("aws_cloudtrail.good", [:])
        plan.configure("aws_cloudtrail.later", ["is_multi_region_trail": TerraformPlanBuilder.references("var.everywhere")])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId.hasPrefix("MMC-LOG") || $0.ruleId == "MMC-ENC-002" }
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue) \($0.resource) \($0.path)" } == [
            "MMC-ENC-002 high aws_cloudtrail.single resource_changes[0].change.after.kms_key_id",
            "MMC-LOG-001 high aws_cloudtrail.single resource_changes[0].change.after.is_multi_region_trail",
            "MMC-LOG-002 medium aws_cloudtrail.single resource_changes[0].change.after.enable_log_file_validation",
            "MMC-LOG-001 high aws_cloudtrail.stopped resource_changes[1].change.after.enable_logging",
            "MMC-LOG-001 info aws_cloudtrail.later resource_changes[3].change.after_unknown.is_multi_region_trail",
        ])
        #expect(findings.last?.message == "whether the trail records every region cannot be verified: known only after apply (it comes from var.everywhere)")
    }

    @Test func terraformBucketsAreAskedForAccessLogsButLogDestinationsAreNot() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_s3_bucket.files", "aws_s3_bucket", after: ["bucket": "files"])
        plan.change("aws_s3_bucket.uploads", "aws_s3_bucket", after: ["bucket": "uploads"])
        plan.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "logs"])
        plan.change("aws_s3_bucket_logging.uploads", "aws_s3_bucket_logging", after: ["bucket": "uploads", "target_bucket": "logs"])
        plan.change("aws_db_instance.main", "aws_db_instance", after: ["engine": "postgres", "engine_version": "16.4",
                                                                       "storage_encrypted": true, "backup_retention_period": 7,
                                                                       "enabled_cloudwatch_logs_exports": ["postgresql"]])
        plan.change("aws_db_instance.quiet", "aws_db_instance", after: ["engine": "postgres", "engine_version": "16.4",
                                                                        "storage_encrypted": true, "backup_retention_period": 7,
                                                                        "enabled_cloudwatch_logs_exports": []])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-003" || $0.ruleId == "MMC-LOG-004" }
        #expect(findings.map { "\($0.ruleId) \($0.resource)" } == ["MMC-LOG-003 aws_s3_bucket.files", "MMC-LOG-004 aws_db_instance.quiet"])
    }

    /// S3 advises against a bucket logging to itself (each delivery is logged in turn); the rule asks for a separate
    /// log bucket, and such a bucket is no log destination that the rule leaves out.
    @Test func aTerraformBucketLoggingToItselfIsNotLoggedButAReferencedLogBucketIs() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_s3_bucket.self", "aws_s3_bucket", after: ["bucket": "self"])
        plan.change("aws_s3_bucket_logging.self", "aws_s3_bucket_logging", after: ["target_prefix": "log/"],
                    unknown: ["bucket": true, "target_bucket": true])
        plan.configure("aws_s3_bucket_logging.self", ["bucket": TerraformPlanBuilder.references("aws_s3_bucket.self.id", "aws_s3_bucket.self"),
                                                      "target_bucket": TerraformPlanBuilder.references("aws_s3_bucket.self.id", "aws_s3_bucket.self")])
        plan.change("aws_s3_bucket.named", "aws_s3_bucket", after: ["bucket": "named"])
        plan.change("aws_s3_bucket_logging.named", "aws_s3_bucket_logging", after: ["bucket": "named", "target_bucket": "named"])
        plan.change("aws_s3_bucket.files", "aws_s3_bucket", after: ["bucket": "files"])
        plan.change("aws_s3_bucket_logging.files", "aws_s3_bucket_logging", after: ["target_prefix": "log/"],
                    unknown: ["bucket": true, "target_bucket": true])
        plan.configure("aws_s3_bucket_logging.files", ["bucket": TerraformPlanBuilder.references("aws_s3_bucket.files.id", "aws_s3_bucket.files"),
                                                       "target_bucket": TerraformPlanBuilder.references("aws_s3_bucket.logs.id", "aws_s3_bucket.logs")])
        plan.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "logs"])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-003" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource)" } == ["medium aws_s3_bucket.self", "medium aws_s3_bucket.named"])
        #expect(findings.allSatisfy { $0.message.contains("(its aws_s3_bucket_logging targets the bucket itself)") })
    }

    @Test func aCloudFormationBucketWithoutALogDestinationLogsToItself() throws {
        let template = """
            Resources:
              Empty: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}, LoggingConfiguration: {}}}
              Prefixed: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}, LoggingConfiguration: {LogFilePrefix: x/}}}
              Logged: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}, LoggingConfiguration: {DestinationBucketName: !Ref Logs}}}
              Logs: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-LOG-003" }
        #expect(findings.map(\.resource) == ["Empty", "Prefixed"])
        #expect(findings.allSatisfy { $0.message.contains("names no DestinationBucketName, so the bucket logs to itself") })
        // Its own name as the destination is the same thing, and such a bucket is no log destination left out.
        let named = """
            Resources:
              Literal: {Type: AWS::S3::Bucket, Properties: {BucketName: acme-data, VersioningConfiguration: {Status: Enabled}, LoggingConfiguration: {DestinationBucketName: acme-data}}}
              Sub: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub '${AWS::StackName}-d', VersioningConfiguration: {Status: Enabled}, LoggingConfiguration: {DestinationBucketName: !Sub '${AWS::StackName}-d'}}}
            """
        let own = try CFN.findings(named).filter { $0.ruleId == "MMC-LOG-003" }
        #expect(own.map(\.resource) == ["Literal", "Sub"])
        #expect(own.allSatisfy { $0.message.contains("its DestinationBucketName is the bucket's own name") })
    }

    /// A target that a conditional may make the bucket itself is not "another bucket": only the value can say.
    @Test func aTerraformLoggingTargetThatMayBeTheBucketItselfCannotBeVerified() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_s3_bucket.data", "aws_s3_bucket", after: ["bucket": "data"])
        plan.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "logs"])
        plan.change("aws_s3_bucket_logging.data", "aws_s3_bucket_logging", after: ["target_prefix": "log/"],
                    unknown: ["bucket": true, "target_bucket": true])
        plan.configure("aws_s3_bucket_logging.data", [
            "bucket": TerraformPlanBuilder.references("aws_s3_bucket.data.id", "aws_s3_bucket.data"),
            "target_bucket": TerraformPlanBuilder.references("var.central", "aws_s3_bucket.logs.id", "aws_s3_bucket.logs",
                                                             "aws_s3_bucket.data.id", "aws_s3_bucket.data"),
        ])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-003" && $0.resource == "aws_s3_bucket.data" }
        #expect(findings.map(\.cannotVerify) == [true])
        #expect(findings.first?.message.contains("the expression may give the bucket itself") == true)
    }

    @Test func cloudFormationTrailsBucketsAndDatabasesAreJudged() throws {
        let template = """
            Resources:
              Trail: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: !Ref TrailLogs}}
              TrailLogs: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}
              Files: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}, LoggingConfiguration: {DestinationBucketName: !Ref TrailLogs}}}
              Plain: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}
              DB: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, EngineVersion: "16.4", StorageEncrypted: true, BackupRetentionPeriod: 7}}
              Logged: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, EngineVersion: "16.4", StorageEncrypted: true, BackupRetentionPeriod: 7, EnableCloudwatchLogsExports: [postgresql]}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId.hasPrefix("MMC-LOG") }
        #expect(findings.map(\.cfnSummary) == [
            "2:41 high MMC-LOG-001 Trail Resources.Trail.Properties.IsMultiRegionTrail",
            "2:41 medium MMC-LOG-002 Trail Resources.Trail.Properties.EnableLogFileValidation",
            "5:34 medium MMC-LOG-003 Plain Resources.Plain.Properties.LoggingConfiguration",
            "6:36 medium MMC-LOG-004 DB Resources.DB.Properties.EnableCloudwatchLogsExports",
        ])
    }

    @Test func logGroupRetentionIsJudgedInPlansAndTemplates() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_cloudwatch_log_group.short", "aws_cloudwatch_log_group", after: ["name": "short", "retention_in_days": 30])
        plan.change("aws_cloudwatch_log_group.year", "aws_cloudwatch_log_group", after: ["name": "year", "retention_in_days": 400])
        plan.change("aws_cloudwatch_log_group.forever", "aws_cloudwatch_log_group", after: ["name": "forever", "retention_in_days": 0])
        plan.change("aws_cloudwatch_log_group.later", "aws_cloudwatch_log_group", after: ["name": "later"],
                    unknown: ["retention_in_days": true])
        plan.configure("aws_cloudwatch_log_group.later", ["retention_in_days": TerraformPlanBuilder.references("var.days")])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-005" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource) \($0.path)" } == [
            "medium aws_cloudwatch_log_group.short resource_changes[0].change.after.retention_in_days",
            "info aws_cloudwatch_log_group.later resource_changes[3].change.after_unknown.retention_in_days",
        ])
        let template = """
            Resources:
              Short: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 14}}
              Year: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 731}}
              Forever: {Type: AWS::Logs::LogGroup}
            """
        #expect(try CFN.findings(template).map(\.cfnSummary) == [
            "2:68 medium MMC-LOG-005 Short Resources.Short.Properties.RetentionInDays",
        ])
    }
}
