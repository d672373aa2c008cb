import PolicyCheckModel

/// How long a DynamoDB table can be restored back, for MMC-AVL-005 beside RDS's backup retention, shared by the plan
/// and template readers so both formats judge a table alike.
///
/// A table keeps continuous backups only once point-in-time recovery is enabled: "When enabled, point-in-time
/// recovery provides continuous backups until you explicitly turn it off"
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html); without it
/// there is no point to restore to, which reads as 0 days, as RDS's 0 does. Enabled, it restores to any second of its
/// recovery period, 1 to 35 days, 35 when `RecoveryPeriodInDays` is not given
/// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html).
///
/// An AWS Backup plan that selects the table does not stand in for it: AWS Backup keeps continuous
/// (point-in-time) backups for Amazon S3, RDS, Aurora and SAP HANA on EC2 only
/// (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html), and its DynamoDB backups
/// are snapshots; nor are backup selections read.
enum DynamoDBRecovery {
    /// The recovery period when enabled without one.
    static let defaultDays = 35

    /// Point-in-time recovery not set (`name` as the input spells the setting).
    static func unset(_ name: String) -> String {
        "point-in-time recovery is off: \(name) is not set, and DynamoDB keeps no continuous backups of a table unless it is enabled"
    }

    /// Point-in-time recovery stated off.
    static func statedOff(_ name: String) -> String { "point-in-time recovery is off: \(name) is false" }

    /// Enabled without a recovery period.
    static func periodUnset(_ name: String) -> String {
        "\(name) is not set, and DynamoDB then keeps \(defaultDays) days"
    }
}
