import PolicyCheckModel

/// A database must export its logs to CloudWatch Logs, where they outlive the instance and can be retained and
/// alarmed on (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html).
public struct DatabaseLogExportsCheck: Check {
    public static let name = "logging.database-log-exports"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        StoreSettingJudgement.results(
            deployment, \.logExports,
            problem: { "the \($0.displayName) exports no logs to CloudWatch Logs" },
            expected: { _ in "its engine's logs (postgresql; error, audit or slowquery for MySQL) exported" },
            subject: { "the log exports of the \($0.displayName)" })
    }
}
