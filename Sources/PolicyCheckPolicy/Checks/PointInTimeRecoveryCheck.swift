import PolicyCheckModel

/// A database must keep automated backups long enough to restore it to any second of the window: RDS keeps them
/// 0–35 days (0 turns automated backups and point-in-time recovery off; the API's default is 1 day)
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html).
public struct PointInTimeRecoveryCheck: Check {
    public static let name = "availability.point-in-time-recovery"

    let minimumDays: Int

    public init(parameters: CheckParameters) {
        minimumDays = parameters.int("minDays", default: 7, range: 1...35)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.dataStores.compactMap { store in
            guard let retention = store.backupRetentionDays else { return nil }
            switch retention.value {
            case .known(let days) where days >= minimumDays:
                return CheckResult(store.component, .pass)
            case .known(let days):
                let what = days == 0
                    ? "automated backups are off for the \(store.displayName), so it has no point-in-time recovery"
                    : "the \(store.displayName) can be restored to a point in time only \(days) day\(days == 1 ? "" : "s") back"
                return CheckResult(store.component, .fail([Evidence(
                    "\(what)\(retention.noteClause); expected automated backups kept at least \(minimumDays) days", at: retention.origin)]))
            case .unknown(let reason):
                return CheckResult(store.component, .cannotVerify([Evidence(
                    "the backup retention of the \(store.displayName) cannot be verified: \(reason)", at: retention.origin)]))
            }
        }
    }
}
