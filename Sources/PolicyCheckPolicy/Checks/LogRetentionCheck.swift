import PolicyCheckModel

/// Logs must be kept long enough to cover an audit period: a SOC 2 Type II report looks at how controls operated
/// over a period, usually twelve months, so logs from its start must still exist at its end. CloudWatch Logs keeps
/// a log group's events for its retention setting, or until deleted when none is set
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention).
public struct LogRetentionCheck: Check {
    public static let name = "logging.retention"

    let minimumDays: Int

    public init(parameters: CheckParameters) {
        minimumDays = parameters.int("minDays", default: 365, range: 1...3653)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.logRetentions.map { retention in
            let days = retention.days
            switch days.value {
            case .known(let kept) where kept == 0 || kept >= minimumDays:
                return CheckResult(retention.component, .pass)
            case .known(let kept):
                return CheckResult(retention.component, .fail([Evidence(
                    "logs are kept \(kept) day\(kept == 1 ? "" : "s")\(days.noteClause); expected at least \(minimumDays) days, to cover an audit period",
                    at: days.origin)]))
            case .unknown(let reason):
                return CheckResult(retention.component, .cannotVerify([Evidence(
                    "how long logs are kept cannot be verified: \(reason)", at: days.origin)]))
            }
        }
    }
}
