import PolicyCheckModel
import PolicyCheckSyntax

/// A stated backup schedule must be a valid cron expression: one the scheduler cannot read takes no backups.
public struct BackupScheduleCheck: Check {
    public static let name = "availability.backup-schedule"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ((deployment.backups.map { [$0] } ?? []) + deployment.backupPolicies).compactMap { backups in
            guard let schedule = backups.schedule else { return nil }
            guard let problem = CronSchedule.problem(schedule.value) else { return CheckResult(backups.component, .pass) }
            return CheckResult(backups.component, .fail([Evidence(
                "backup schedule '\(Excerpt.quote(schedule.value))' is not a valid cron expression: \(problem)",
                at: schedule.origin
            )]))
        }
    }
}
