/// `AWS::ElastiCache::ReplicationGroup` becomes a cache store: `AtRestEncryptionEnabled` (default false) and `KmsKeyId`.
enum CacheMapper: ResourceMapper {
    static let types = ["AWS::ElastiCache::ReplicationGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        SwitchedStore.map(context, kind: .cache, switch: "AtRestEncryptionEnabled", into: &deployment)
    }
}
