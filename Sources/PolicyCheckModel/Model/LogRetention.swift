/// How long a log destination keeps what it receives (a CloudWatch Logs log group, or the manifest's
/// `logging.retentionDays`). `0` days: kept until deleted.
public struct LogRetention: Sendable {
    public var component: String
    public var days: StoreSetting<Int>

    public init(component: String, days: StoreSetting<Int>) {
        self.component = component
        self.days = days
    }
}
