import PolicyCheckModel

/// A database must export its engine's own logs to CloudWatch Logs, where they outlive the instance and can be
/// retained and alarmed on (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html);
/// `upgrade`, `iam-db-auth-error` and the like alone do not (the adapters' `DatabaseLogTypes`).
public struct DatabaseLogExportsCheck: Check {
    public static let name = "logging.database-log-exports"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        StoreSettingJudgement.results(
            deployment, \.logExports,
            problem: { "the \($0.displayName) exports none of its engine's logs to CloudWatch Logs" },
            expected: { _ in "one of its engine's own logs exported (postgresql for PostgreSQL; audit, error, general or slowquery for MySQL and MariaDB; alert, audit, listener or trace for Oracle; error for SQL Server; diag.log or notify.log for Db2; audit or profiler for DocumentDB; audit or slowquery for Neptune)" },
            subject: { "the log exports of the \($0.displayName)" })
    }
}
