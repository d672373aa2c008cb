import PolicyCheckModel

/// Requests to a data bucket must be logged: S3 server access logging records who read, wrote and deleted what
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html). Buckets that receive another bucket's
/// access logs or a trail's log files are not asked to log themselves (AWS advises against a bucket logging to itself).
public struct AccessLoggingCheck: Check {
    public static let name = "logging.access-logs"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        StoreSettingJudgement.results(
            deployment, \.accessLogging,
            problem: { "server access logging is off for the \($0.displayName)" },
            expected: { _ in "its requests logged to a separate log bucket in us-east-1" },
            subject: { "server access logging of the \($0.displayName)" })
    }
}
