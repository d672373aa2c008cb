import PolicyCheckModel

/// An ElastiCache replication group that leaves `AtRestEncryptionEnabled` unset is encrypted at rest when its engine
/// is Valkey and not when it is Redis OSS, the default engine: "Default: true when using Valkey, false when using
/// Redis OSS" (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html).
enum ValkeyDefault {
    /// The store's encryption at rest from its `Engine` alone: encrypted when every value it may take is `valkey`,
    /// cannot be verified when the others are unknown, and `nil` (nothing declared) when any may be Redis OSS.
    static func atRest(engines engine: PropertyValue) -> Located<Fact<Bool>>? {
        var unknown: TemplateValue?
        for value in engine.possibleValues {
            guard let text = value.scalarText else {
                if value.isAbsent { return nil }
                unknown = unknown ?? value
                continue
            }
            guard text.lowercased() == "valkey" else { return nil }
        }
        guard let unknown else { return Located(.known(true), at: engine.origin) }
        return Located(.unknown(reason: "AtRestEncryptionEnabled is not set (on by default only for Valkey), and the engine "
                                + "cannot be known: " + unknown.unknownReason(expected: "an engine")), at: engine.origin)
    }
}
