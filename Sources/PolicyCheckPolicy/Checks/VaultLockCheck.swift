import PolicyCheckModel

/// A backup vault must be locked: AWS Backup Vault Lock stops anyone, the account's root included once the lock is
/// in compliance mode, from deleting recovery points early or shortening their retention
/// (https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html).
public struct VaultLockCheck: Check {
    public static let name = "availability.vault-lock"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        StoreSettingJudgement.results(
            deployment, \.vaultLock,
            problem: { _ in "the backup vault has no vault lock, so its recovery points can be deleted before their retention ends" },
            expected: { _ in "a vault lock (aws_backup_vault_lock_configuration, LockConfiguration) with a minimum retention" },
            subject: { _ in "the backup vault's lock" })
    }
}
