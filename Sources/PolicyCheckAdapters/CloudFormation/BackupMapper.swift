import PolicyCheckModel

/// AWS Backup: a vault (`AWS::Backup::BackupVault`) is a `backups` store, a plan (`AWS::Backup::BackupPlan`) the
/// deployment's backup policy.
///
/// AWS Backup always encrypts a vault; without `EncryptionKeyArn` it uses the AWS-managed `aws/backup` key. A plan's
/// retention is its shortest `Lifecycle.DeleteAfterDays`, a rule's or a copy's (`CopyActions[].Lifecycle`: a copy is
/// a recovery point of its own, https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CopyAction.html); copy destinations are regions (see `RegionScanner`).
enum BackupMapper: ResourceMapper {
    static let types = ["AWS::Backup::BackupVault", "AWS::Backup::BackupPlan"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        if context.resource.type == "AWS::Backup::BackupPlan" {
            readPlan(properties.child("BackupPlan"), context: context, into: &deployment)
            return
        }
        let key = properties.child("EncryptionKeyArn")
        var store = SwitchedStore.alwaysEncrypted(context, kind: .backups, key: key, into: &deployment)
        let lock = properties.child("LockConfiguration")
        store.vaultLock = lock.isAbsent
            ? StoreSetting(.known(false), at: lock.origin, note: "no LockConfiguration is given")
            : StoreSetting(.known(true), at: lock.origin)
        deployment.dataStores.append(store)
    }

    private static func readPlan(_ plan: PropertyValue, context: ResourceContext, into deployment: inout Deployment) {
        var policy = BackupPolicy(component: context.component, origin: context.origin)
        for rule in plan.child("BackupPlanRule").items() {
            let schedule = rule.child("ScheduleExpression")
            if let text = schedule.knownText {
                policy.schedules.append(Located(text, at: schedule.origin))
                if policy.schedule == nil {
                    policy.schedule = Located(text, at: schedule.origin)
                    deployment.capabilities.append(CapabilityRequest(.customBackupSchedule, at: schedule.origin,
                                                                     component: context.component))
                }
            }
            for owner in [rule] + rule.child("CopyActions").items() {
                let days = owner.child("Lifecycle", "DeleteAfterDays")
                if let shortest = days.integers()?.min(), shortest < (policy.retentionDays?.value ?? Int.max) {
                    policy.retentionDays = Located(shortest, at: days.origin)
                }
            }
        }
        // The deployment's policy is the plan that retains backups the shortest; every other plan is judged too, as
        // Terraform's are (second review, round 36: a second plan's schedule and retention went unread).
        if let current = deployment.backups, let kept = current.retentionDays?.value,
           kept <= (policy.retentionDays?.value ?? Int.max) {
            deployment.backupPolicies.append(policy)
            return
        }
        if let current = deployment.backups { deployment.backupPolicies.append(current) }
        deployment.backups = policy
    }
}
