@testable import PolicyCheckKit
import Testing

/// MMC-AVL-004 to MMC-AVL-006 in infrastructure code (the manifest's fixtures are in AvailabilityRuleTests):
/// S3 versioning, RDS automated backups and AWS Backup Vault Lock.
@Suite struct RecoveryRuleTests {
    typealias CFN = CloudFormationTesting
    typealias Plan = TerraformPlanBuilder

    @Test func terraformRecoverySettingsAreJudgedWithAWSDefaults() throws {
        var plan = Plan()
        plan.change("aws_s3_bucket.files", "aws_s3_bucket", after: ["bucket": "files"])
        plan.change("aws_s3_bucket.kept", "aws_s3_bucket", after: ["bucket": "kept"])
        plan.change("aws_s3_bucket.legacy", "aws_s3_bucket", after: ["bucket": "legacy", "versioning": [["enabled": true, "mfa_delete": false]]])
        plan.change("aws_s3_bucket_versioning.kept", "aws_s3_bucket_versioning", after: ["bucket": "kept", "versioning_configuration": [["status": "Enabled"]]])
        plan.change("aws_db_instance.default", "aws_db_instance", after: ["engine": "postgres", "engine_version": "16.4", "storage_encrypted": true, "enabled_cloudwatch_logs_exports": ["postgresql"]],
                    unknown: ["backup_retention_period": true])
        plan.change("aws_db_instance.week", "aws_db_instance", after: ["engine": "postgres", "engine_version": "16.4", "storage_encrypted": true, "backup_retention_period": 7, "enabled_cloudwatch_logs_exports": ["postgresql"]])
        plan.change("aws_db_instance.replica", "aws_db_instance", after: ["engine": "postgres", "engine_version": "16.4", "storage_encrypted": true, "replicate_source_db": "week", "backup_retention_period": 0])
        plan.change("aws_backup_vault.locked", "aws_backup_vault", after: ["name": "locked"])
        plan.change("aws_backup_vault.open", "aws_backup_vault", after: ["name": "open"])
        plan.change("aws_backup_vault_lock_configuration.locked", "aws_backup_vault_lock_configuration", after: ["backup_vault_name": "locked", "min_retention_days": 30])
        plan.configure("aws_db_instance.default", ["engine": Plan.constant("postgres")])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { ["MMC-AVL-004", "MMC-AVL-005", "MMC-AVL-006"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.path)" } == [
            "MMC-AVL-004 aws_s3_bucket.files resource_changes[0].change.after",
            "MMC-AVL-005 aws_db_instance.default resource_changes[4].change.after.backup_retention_period",
            "MMC-AVL-006 aws_backup_vault.open resource_changes[8].change.after",
        ])
        let retention = try #require(findings.first { $0.ruleId == "MMC-AVL-005" })
        #expect(retention.message == "the database can be restored to a point in time only 1 day back (backup_retention_period is not set, and RDS then keeps 1 day); expected automated backups kept at least 7 days")
        #expect(!retention.cannotVerify)
    }

    @Test func cloudFormationRecoverySettingsAreJudged() throws {
        let template = """
            Resources:
              Files: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Suspended}}}
              Kept: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}
              DB: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, EngineVersion: "16.4", StorageEncrypted: true, BackupRetentionPeriod: 3}}
              Week: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, EngineVersion: "16.4", StorageEncrypted: true, BackupRetentionPeriod: 7}}
              Vault: {Type: AWS::Backup::BackupVault, Properties: {BackupVaultName: open}}
              Locked: {Type: AWS::Backup::BackupVault, Properties: {BackupVaultName: locked, LockConfiguration: {MinRetentionDays: 30}}}
            """
        let findings = try CFN.findings(template).filter { ["MMC-AVL-004", "MMC-AVL-005", "MMC-AVL-006"].contains($0.ruleId) }
        #expect(findings.map(\.cfnSummary) == [
            "2:81 medium MMC-AVL-004 Files Resources.Files.Properties.VersioningConfiguration.Status",
            "4:137 medium MMC-AVL-005 DB Resources.DB.Properties.BackupRetentionPeriod",
            "6:43 medium MMC-AVL-006 Vault Resources.Vault.Properties.LockConfiguration",
        ])
    }

    /// A DynamoDB table keeps no continuous backups unless point-in-time recovery is enabled; enabled, it keeps 35
    /// days unless a recovery period says otherwise (it passed silently before).
    @Test func terraformDynamoDBPointInTimeRecoveryIsJudged() throws {
        var plan = Plan()
        plan.change("aws_dynamodb_table.none", "aws_dynamodb_table", after: ["name": "none", "point_in_time_recovery": [[String: Any]]()])
        plan.change("aws_dynamodb_table.off", "aws_dynamodb_table", after: ["name": "off", "point_in_time_recovery": [["enabled": false]]])
        plan.change("aws_dynamodb_table.on", "aws_dynamodb_table", after: ["name": "on", "point_in_time_recovery": [["enabled": true]]])
        plan.change("aws_dynamodb_table.short", "aws_dynamodb_table", after: ["name": "short", "point_in_time_recovery": [["enabled": true, "recovery_period_in_days": 3]]])
        plan.change("aws_dynamodb_table.week", "aws_dynamodb_table", after: ["name": "week", "point_in_time_recovery": [["enabled": true, "recovery_period_in_days": 7]]])
        plan.change("aws_dynamodb_table.later", "aws_dynamodb_table", after: ["name": "later", "point_in_time_recovery": [["recovery_period_in_days": 7]]],
                    unknown: ["point_in_time_recovery": [["enabled": true]]])
        plan.configure("aws_dynamodb_table.later", ["point_in_time_recovery": [["enabled": ["references": ["var.pitr"]]]]])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json)).filter { $0.ruleId == "MMC-AVL-005" }
        #expect(findings.map { "\($0.resource) \($0.path) \($0.cannotVerify)" } == [
            "aws_dynamodb_table.none resource_changes[0].change.after.point_in_time_recovery false",
            "aws_dynamodb_table.off resource_changes[1].change.after.point_in_time_recovery[0].enabled false",
            "aws_dynamodb_table.short resource_changes[3].change.after.point_in_time_recovery[0].recovery_period_in_days false",
            "aws_dynamodb_table.later resource_changes[5].change.after_unknown.point_in_time_recovery[0].enabled true",
        ])
        #expect(findings.first?.message == "automated backups are off for the database, so it has no point-in-time recovery (point-in-time recovery is off: point_in_time_recovery is not set, and DynamoDB keeps no continuous backups of a table unless it is enabled); expected automated backups kept at least 7 days")
        #expect(findings[2].message == "the database can be restored to a point in time only 3 days back; expected automated backups kept at least 7 days")
    }

    /// Each `replica` of a table is a table of its own, with point-in-time recovery only where its block enables it
    /// (default false): the table's own setting does not carry over.
    @Test func terraformDynamoDBReplicasAreJudgedByTheirOwnRecovery() throws {
        var plan = Plan()
        let on: [[String: Any]] = [["enabled": true]]
        plan.change("aws_dynamodb_table.both", "aws_dynamodb_table", after: ["name": "both", "point_in_time_recovery": on,
            "replica": [["region_name": "us-east-2", "point_in_time_recovery": true]]])
        plan.change("aws_dynamodb_table.replicaoff", "aws_dynamodb_table", after: ["name": "replicaoff", "point_in_time_recovery": on,
            "replica": [["region_name": "us-east-2"]]])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json)).filter { $0.ruleId == "MMC-AVL-005" }
        #expect(findings.map(\.resource) == ["aws_dynamodb_table.replicaoff"])
        #expect(findings.first?.message.contains("the replica in us-east-2 has point-in-time recovery off") == true, "\(findings)")
    }

    @Test func cloudFormationDynamoDBPointInTimeRecoveryIsJudged() throws {
        let template = """
            Resources:
              None: {Type: AWS::DynamoDB::Table, Properties: {BillingMode: PAY_PER_REQUEST}}
              Off: {Type: AWS::DynamoDB::Table, Properties: {PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: false}}}
              On: {Type: AWS::DynamoDB::Table, Properties: {PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}}}
              Short: {Type: AWS::DynamoDB::Table, Properties: {PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 3}}}
              Global: {Type: AWS::DynamoDB::GlobalTable, Properties: {Replicas: [{Region: us-east-1, PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}}, {Region: us-east-2}]}}
              Kept: {Type: AWS::DynamoDB::GlobalTable, Properties: {Replicas: [{Region: us-east-1, PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 14}}]}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-AVL-005" }
        #expect(findings.map(\.cfnSummary) == [
            "2:38 medium MMC-AVL-005 None Resources.None.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
            "3:113 medium MMC-AVL-005 Off Resources.Off.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
            "5:143 medium MMC-AVL-005 Short Resources.Short.Properties.PointInTimeRecoverySpecification.RecoveryPeriodInDays",
            "6:161 medium MMC-AVL-005 Global Resources.Global.Properties.Replicas[1].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
        ])
        #expect(findings[1].message.contains("point-in-time recovery is off: PointInTimeRecoveryEnabled is false"))
    }

    /// SAM's SimpleTable is the DynamoDB table the transform makes of it, with its encryption and recovery settings
    /// passed through: it passed unjudged (a tester's reproducer).
    @Test func samSimpleTableIsJudgedAsTheTableItBecomes() throws {
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
              Plain: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: id, Type: String}}}
              Kept: {Type: AWS::Serverless::SimpleTable, Properties: {PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}, SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key}}}
            """
        let findings = try CFN.findings(template).filter { ["MMC-AVL-005", "MMC-ENC-002"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.resource)" } == ["MMC-AVL-005 Plain", "MMC-ENC-002 Plain"])
    }

    /// `Globals.SimpleTable.SSESpecification` is every SimpleTable's that states none (SAM's Globals): the table
    /// on the template's customer key was reported as on an AWS-managed one (tester, round 33).
    @Test func samGlobalsGiveSimpleTablesTheirEncryption() throws {
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              SimpleTable:
                SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key}
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
              Plain: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: id, Type: String}}}
              Own: {Type: AWS::Serverless::SimpleTable, Properties: {SSESpecification: {SSEEnabled: false}}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-002" }
        #expect(findings.map(\.resource) == ["Own"], "\(findings.map(\.message))")
    }
}
