import PolicyCheckModel
import PolicyCheckSyntax

/// A stated backup schedule must be a valid cron expression that fires: one the scheduler cannot read, or one that
/// names no day there is (`0 3 31 2 *`), takes no backups.
public struct BackupScheduleCheck: Check {
    public static let name = "availability.backup-schedule"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let day = context.expiryTime.dateDescription.split(separator: "-").compactMap { Int($0) }
        let today = day.count == 3 ? (day[0], day[1], day[2]) : (1970, 1, 1)
        return ((deployment.backups.map { [$0] } ?? []) + deployment.backupPolicies).compactMap { backups in
            let schedules = backups.allSchedules
            guard !schedules.isEmpty else { return nil }
            // Every rule's schedule: one that never fires takes none of that rule's backups.
            let evidence = schedules.compactMap { schedule -> Evidence? in
                if let problem = CronSchedule.problem(schedule.value) {
                    return Evidence("backup schedule '\(Excerpt.quote(schedule.value))' is not a valid cron expression: \(problem)",
                                    at: schedule.origin)
                }
                guard let reason = CronSchedule.neverFires(schedule.value, from: today) else { return nil }
                return Evidence("backup schedule '\(Excerpt.quote(schedule.value))' never fires: \(reason); it takes no backup",
                                at: schedule.origin)
            }
            return CheckResult(backups.component, evidence.isEmpty ? .pass : .fail(evidence))
        }
    }
}
