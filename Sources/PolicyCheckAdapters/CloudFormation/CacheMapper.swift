import PolicyCheckModel

/// `AWS::ElastiCache::ReplicationGroup` becomes a cache store: `AtRestEncryptionEnabled` (default false), `KmsKeyId`
/// and `TransitEncryptionEnabled` (default false).
enum CacheMapper: ResourceMapper {
    static let types = ["AWS::ElastiCache::ReplicationGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        SwitchedStore.map(context, kind: .cache, switch: "AtRestEncryptionEnabled", into: &deployment)
        // A secondary of a global datastore (`GlobalReplicationGroupId`) is encrypted at rest and in transit as the
        // datastore is, fixed by its primary
        // (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_GlobalReplicationGroup.html).
        guard context.properties.child("GlobalReplicationGroupId").isAbsent else {
            deployment.dataStores[deployment.dataStores.count - 1].encryptionIsOwn = false
            return
        }
        let transit = context.properties.child("TransitEncryptionEnabled")
        deployment.dataStores[deployment.dataStores.count - 1].transitEncryption =
            transit.bool(worse: false).map { StoreSetting($0) }
                ?? StoreSetting(.known(false), at: transit.origin, note: "TransitEncryptionEnabled is not set")
    }
}
