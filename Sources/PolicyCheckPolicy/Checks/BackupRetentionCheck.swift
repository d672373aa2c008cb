import PolicyCheckModel

/// Backups, when their retention is stated, must be kept at least a minimum number of days.
public struct BackupRetentionCheck: Check {
    public static let name = "availability.backup-retention"

    let minimumDays: Int

    public init(parameters: CheckParameters) {
        minimumDays = parameters.int("minDays", default: 30, range: 0...36_500)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        (deployment.backups.map { [$0] } ?? []).map(result) + deployment.backupPolicies.map(result)
    }

    private func result(_ backups: BackupPolicy) -> CheckResult {
        guard let retention = backups.retentionDays else { return CheckResult(backups.component, .notApplicable) }
        guard retention.value < minimumDays else { return CheckResult(backups.component, .pass) }
        return CheckResult(backups.component, .fail([Evidence(
            "backups are kept \(retention.value) day\(retention.value == 1 ? "" : "s"); at least \(minimumDays) are required",
            at: retention.origin
        )]))
    }
}
