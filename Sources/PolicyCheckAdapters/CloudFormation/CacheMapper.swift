import PolicyCheckModel

/// `AWS::ElastiCache::ReplicationGroup` becomes a cache store: `AtRestEncryptionEnabled` (default false), `KmsKeyId`
/// and `TransitEncryptionEnabled` (default false).
enum CacheMapper: ResourceMapper {
    static let types = ["AWS::ElastiCache::ReplicationGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        SwitchedStore.map(context, kind: .cache, switch: "AtRestEncryptionEnabled", into: &deployment)
        let transit = context.properties.child("TransitEncryptionEnabled")
        deployment.dataStores[deployment.dataStores.count - 1].transitEncryption =
            transit.bool(worse: false).map { StoreSetting($0) }
                ?? StoreSetting(.known(false), at: transit.origin, note: "TransitEncryptionEnabled is not set")
    }
}
