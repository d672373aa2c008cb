import PolicyCheckModel

/// `AWS::ElastiCache::CacheCluster` becomes a cache store, as Terraform's `aws_elasticache_cluster` outside a
/// replication group does (a template's cache cluster never joins one: the type has no replication group property).
///
/// A node-based cache cluster cannot be encrypted at rest, whatever its engine: ElastiCache offers at-rest encryption
/// for Valkey and Redis OSS only when a replication group (or serverless cache) is created
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html), and for Memcached only on
/// serverless caches (https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/at-rest-encryption.html). So
/// encryption at rest is off, located at the resource, and no key is asked for. `TransitEncryptionEnabled` (default
/// false) turns TLS on
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-cachecluster.html).
enum CacheClusterMapper: ResourceMapper {
    static let types = ["AWS::ElastiCache::CacheCluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        var store = DataStore(kind: .cache, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: context.modelOrigin))
        store.encryption.atRest = Located(.known(false), at: context.modelOrigin)
        store.transitEncryption = CacheMapper.transit(context.properties)
        deployment.dataStores.append(store)
    }
}
