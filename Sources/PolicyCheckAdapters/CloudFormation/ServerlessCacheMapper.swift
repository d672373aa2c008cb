import PolicyCheckModel

/// `AWS::ElastiCache::ServerlessCache` becomes a cache store, as Terraform's `aws_elasticache_serverless_cache`
/// does: always encrypted at rest, with `KmsKeyId` or a service managed key
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html), and reached over TLS only
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html).
enum ServerlessCacheMapper: ResourceMapper {
    static let types = ["AWS::ElastiCache::ServerlessCache"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        var store = SwitchedStore.alwaysEncrypted(context, kind: .cache, key: context.properties.child("KmsKeyId"),
                                                  into: &deployment)
        store.transitEncryption = StoreSetting(.known(true), at: context.modelOrigin)
        deployment.dataStores.append(store)
    }
}
