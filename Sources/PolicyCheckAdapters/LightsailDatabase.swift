import PolicyCheckModel

/// What the plan and template readers say alike of an Amazon Lightsail managed database (`aws_lightsail_database`,
/// `AWS::Lightsail::Database`): it is public in public mode (`publicly_accessible`, `PubliclyAccessible`: "A value
/// of true specifies a database that is available to resources outside of your Lightsail account",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lightsail-database.html); it takes
/// neither an encryption setting nor a KMS key (neither resource has one), so its encryption at rest cannot be read
/// from the input, and a customer-managed key cannot be given it — a database that must use one belongs in RDS.
enum LightsailDatabase {
    static let atRestUnknown = "a Lightsail database takes no encryption setting, so the input cannot say whether it is encrypted at rest"
    static let keyNote = "a Lightsail database takes no KMS key; one that must be encrypted with a customer-managed key belongs in Amazon RDS"

    static func describe(_ store: inout DataStore, at origin: Origin) {
        store.storageType = Located(DataStore.lightsailDatabaseStorageType, at: origin)
        store.encryption.atRest = Located(.unknown(reason: atRestUnknown), at: origin)
        store.encryption.keyNote = keyNote
    }
}

