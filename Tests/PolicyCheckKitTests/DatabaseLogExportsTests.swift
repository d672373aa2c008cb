@testable import PolicyCheckKit
import Testing

/// MMC-LOG-004: a database must export its engine's own log, not only the logs every engine has beside it
/// (`upgrade`, `iam-db-auth-error`, Aurora's `instance`, SQL Server's `agent`, Oracle's `oemagent`), in a Terraform
/// plan and a CloudFormation template.
@Suite struct DatabaseLogExportsTests {
    typealias CFN = CloudFormationTesting

    @Test func aPlansDatabasesExportingNoneOfTheirEnginesLogsFail() throws {
        var plan = TerraformPlanBuilder()
        let database: [String: Any] = ["storage_encrypted": true, "backup_retention_period": 7]
        plan.change("aws_db_instance.upgrade_only", "aws_db_instance",
                    after: database.merging(["engine": "postgres", "enabled_cloudwatch_logs_exports": ["upgrade"]]) { $1 })
        plan.change("aws_db_instance.engine_log", "aws_db_instance",
                    after: database.merging(["engine": "postgres", "enabled_cloudwatch_logs_exports": ["upgrade", "postgresql"]]) { $1 })
        plan.change("aws_db_instance.slow_queries", "aws_db_instance",
                    after: database.merging(["engine": "mysql", "enabled_cloudwatch_logs_exports": ["slowquery"]]) { $1 })
        plan.change("aws_rds_cluster.instance_log_only", "aws_rds_cluster",
                    after: database.merging(["engine": "aurora-mysql",
                                             "enabled_cloudwatch_logs_exports": ["instance", "iam-db-auth-error"]]) { $1 })
        plan.change("aws_db_instance.sql_server_agent", "aws_db_instance",
                    after: database.merging(["engine": "sqlserver-se", "enabled_cloudwatch_logs_exports": ["agent"]]) { $1 })
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-004" }
        #expect(findings.map { "\($0.resource): \($0.message)" } == [
            "aws_db_instance.upgrade_only: the database exports none of its engine's logs to CloudWatch Logs (it exports only upgrade, not postgresql); expected one of its engine's own logs exported (postgresql for PostgreSQL; audit, error, general or slowquery for MySQL and MariaDB; alert, audit, listener or trace for Oracle; error for SQL Server; diag.log or notify.log for Db2; audit or profiler for DocumentDB; audit or slowquery for Neptune)",
            "aws_rds_cluster.instance_log_only: the database exports none of its engine's logs to CloudWatch Logs (it exports only instance, iam-db-auth-error, not audit, error, general or slowquery); expected one of its engine's own logs exported (postgresql for PostgreSQL; audit, error, general or slowquery for MySQL and MariaDB; alert, audit, listener or trace for Oracle; error for SQL Server; diag.log or notify.log for Db2; audit or profiler for DocumentDB; audit or slowquery for Neptune)",
            "aws_db_instance.sql_server_agent: the database exports none of its engine's logs to CloudWatch Logs (it exports only agent, not error); expected one of its engine's own logs exported (postgresql for PostgreSQL; audit, error, general or slowquery for MySQL and MariaDB; alert, audit, listener or trace for Oracle; error for SQL Server; diag.log or notify.log for Db2; audit or profiler for DocumentDB; audit or slowquery for Neptune)",
        ])
    }

    @Test func aTemplatesExportsAreJudgedAtTheWorstItemAConditionChooses() throws {
        let template = """
            Parameters:
              Verbose: {Type: String, AllowedValues: ['yes', 'no']}
            Conditions:
              IsVerbose: !Equals [!Ref Verbose, 'yes']
            Resources:
              Chosen:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: postgres, StorageEncrypted: true, BackupRetentionPeriod: 7, DBInstanceClass: db.t3.micro,
                             EnableCloudwatchLogsExports: [!If [IsVerbose, postgresql, upgrade]]}
              OracleAgent:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: oracle-ee, StorageEncrypted: true, BackupRetentionPeriod: 7, DBInstanceClass: db.t3.micro,
                             EnableCloudwatchLogsExports: [oemagent]}
              OracleAlert:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: oracle-ee, StorageEncrypted: true, BackupRetentionPeriod: 7, DBInstanceClass: db.t3.micro,
                             EnableCloudwatchLogsExports: [oemagent, alert]}
              NoEngine:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: !Ref Verbose, StorageEncrypted: true, BackupRetentionPeriod: 7,
                             EnableCloudwatchLogsExports: [iam-db-auth-error]}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-LOG-004" }
        #expect(findings.map { "\($0.resource) \($0.path)" } == [
            "Chosen Resources.Chosen.Properties.EnableCloudwatchLogsExports",
            "OracleAgent Resources.OracleAgent.Properties.EnableCloudwatchLogsExports",
            "NoEngine Resources.NoEngine.Properties.EnableCloudwatchLogsExports",
        ])
        #expect(findings.first?.message.contains("(it exports only upgrade, not postgresql)") == true)
        #expect(findings.last?.message.contains("not alert, audit, diag.log, error, general, listener, notify.log, postgresql, profiler, slowquery or trace") == true)
    }

    /// DocumentDB and Neptune clusters export their logs as RDS does, each engine its own (tester, round 28: not
    /// read at all, so a cluster exporting nothing passed).
    @Test func documentAndGraphClustersExportTheirOwnLogs() throws {
        let template = """
            Resources:
              DocsQuiet:
                Type: AWS::DocDB::DBCluster
                Properties: {StorageEncrypted: true, BackupRetentionPeriod: 7}
              DocsAudited:
                Type: AWS::DocDB::DBCluster
                Properties: {StorageEncrypted: true, BackupRetentionPeriod: 7, EnableCloudwatchLogsExports: [audit]}
              GraphWrongLog:
                Type: AWS::Neptune::DBCluster
                Properties: {StorageEncrypted: true, BackupRetentionPeriod: 7, EnableCloudwatchLogsExports: [profiler]}
              GraphSlow:
                Type: AWS::Neptune::DBCluster
                Properties: {StorageEncrypted: true, BackupRetentionPeriod: 7, EnableCloudwatchLogsExports: [slowquery]}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-LOG-004" }
        #expect(findings.map(\.resource) == ["DocsQuiet", "GraphWrongLog"])
        #expect(findings.last?.message.contains("(it exports only profiler, not audit or slowquery)") == true, "\(findings)")
        var plan = TerraformPlanBuilder()
        let cluster: [String: Any] = ["storage_encrypted": true, "backup_retention_period": 7]
        plan.change("aws_docdb_cluster.quiet", "aws_docdb_cluster", after: cluster)
        plan.change("aws_docdb_cluster.profiled", "aws_docdb_cluster",
                    after: cluster.merging(["engine": "docdb", "enabled_cloudwatch_logs_exports": ["profiler"]]) { $1 })
        plan.change("aws_neptune_cluster.audited", "aws_neptune_cluster",
                    after: cluster.merging(["enable_cloudwatch_logs_exports": ["audit"]]) { $1 })
        plan.change("aws_neptune_cluster.misspelt", "aws_neptune_cluster",
                    after: cluster.merging(["enabled_cloudwatch_logs_exports": ["audit"]]) { $1 })
        let planned = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-LOG-004" }
        #expect(planned.map(\.resource) == ["aws_docdb_cluster.quiet", "aws_neptune_cluster.misspelt"], "\(planned)")
    }
}
