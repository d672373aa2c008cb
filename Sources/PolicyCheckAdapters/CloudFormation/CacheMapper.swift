import PolicyCheckModel

/// `AWS::ElastiCache::ReplicationGroup` becomes a cache store: `AtRestEncryptionEnabled` (default false for Redis
/// OSS, true for Valkey), `KmsKeyId`, `TransitEncryptionEnabled` (default false) and `TransitEncryptionMode`
/// (`preferred` accepts plaintext too).
enum CacheMapper: ResourceMapper {
    static let types = ["AWS::ElastiCache::ReplicationGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        SwitchedStore.map(context, kind: .cache, switch: "AtRestEncryptionEnabled", into: &deployment)
        let index = deployment.dataStores.count - 1
        if context.properties.child("AtRestEncryptionEnabled").isAbsent {
            deployment.dataStores[index].encryption.atRest = ValkeyDefault.atRest(engines: context.properties.child("Engine"))
        }
        // A secondary of a global datastore (`GlobalReplicationGroupId`) is encrypted at rest and in transit as the
        // datastore is, fixed by its primary
        // (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_GlobalReplicationGroup.html).
        // Only a group that is a secondary in every case: one that a condition leaves standalone (`!If [C, id,
        // !Ref AWS::NoValue]`) is judged on its own settings, at its worst.
        // An empty id (`''`, the usual default of an optional parameter) names no datastore: a group of its own, as
        // Terraform's `global_replication_group_id = ""` is (hostile tester, round 36: it turned an unencrypted
        // group's findings into infos).
        let global = context.properties.child("GlobalReplicationGroupId")
        guard global.alternatives.contains(where: { $0.isAbsent || $0.scalarText?.isEmpty == true }) else {
            // Judged on the primary; on its own it cannot be verified, never a silent pass.
            let reason = EncryptedElsewhere.globalSecondary
            deployment.dataStores[index].encryption.atRest = Located(.unknown(reason: reason), at: global.origin)
            deployment.dataStores[index].encryption.kmsKey = Located(.unknown(reason: reason), at: global.origin)
            deployment.dataStores[index].transitEncryption = StoreSetting(.unknown(reason: reason), at: global.origin)
            return
        }
        // `TransitEncryptionMode` `preferred` lets plaintext in beside TLS (`CacheTransitMode`).
        let mode = context.properties.child("TransitEncryptionMode").choice(on: CacheTransitMode.on, absent: nil)
        deployment.dataStores[deployment.dataStores.count - 1].transitEncryption =
            StoreSetting.worst([transit(context.properties), mode.map(CacheTransitMode.explained)])
    }

    /// `TransitEncryptionEnabled`, false when not set; judged at its worst, so a branch that leaves it out
    /// (`!If [C, true, !Ref AWS::NoValue]`) is off. Shared with `CacheClusterMapper`.
    static func transit(_ properties: PropertyValue) -> StoreSetting<Bool> {
        let transit = properties.child("TransitEncryptionEnabled")
        if transit.isAbsent {
            return StoreSetting(.known(false), at: transit.origin, note: "TransitEncryptionEnabled is not set")
        }
        return StoreSetting(transit.bool(worse: false, absentMeans: false) ?? Located(.known(false), at: transit.origin))
    }
}
