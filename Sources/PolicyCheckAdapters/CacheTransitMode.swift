import PolicyCheckModel

/// An ElastiCache replication group's transit encryption mode (Terraform `transit_encryption_mode`, CloudFormation
/// `TransitEncryptionMode`): with transit encryption on, `preferred` accepts unencrypted connections beside encrypted
/// ones and only `required` refuses them — `preferred` is the step clients migrate through
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html). Not set, the
/// transit encryption flag alone decides. Cache clusters outside a group have no mode.
enum CacheTransitMode {
    /// The mode that refuses plaintext, as `choice(on:)` compares it (upper case).
    static let on: Set<String> = ["REQUIRED"]

    /// The mode as read, its note saying what a mode other than `required` lets in.
    static func explained(_ mode: StoreSetting<Bool>) -> StoreSetting<Bool> {
        guard mode.value == .known(false), let note = mode.note else { return mode }
        return StoreSetting(mode.value, at: mode.origin, note: "\(note), which accepts unencrypted connections too")
    }
}
