import PolicyCheckModel

/// Data stores must refuse unencrypted connections: RDS and Aurora through `rds.force_ssl` (PostgreSQL) or
/// `require_secure_transport` (MySQL, MariaDB) in their parameter group, S3 buckets through a policy denying requests
/// with `aws:SecureTransport` false, ElastiCache (a replication group in `required` mode), DAX and MemoryDB through
/// transit encryption, OpenSearch and Elasticsearch domains through their endpoint's enforce-HTTPS option and
/// node-to-node encryption, Redshift clusters through `require_ssl` in their parameter group, Amazon MSK clusters
/// through TLS-only client-broker and in-cluster encryption, RDS Proxy through its own TLS requirement.
public struct TransitEncryptionCheck: Check {
    public static let name = "encryption.in-transit"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        StoreSettingJudgement.results(
            deployment, \.transitEncryption,
            problem: { "the \($0.kind.displayName) \($0.kind.isPlural ? "accept" : "accepts") connections without TLS" },
            expected: { store in
                switch store.storageType?.value {
                case DataStore.searchDomainStorageType?:
                    return "the domain to require HTTPS (enforce HTTPS true) and to encrypt traffic between its nodes (node-to-node encryption on)"
                case DataStore.redshiftStorageType?: return "the parameter group to require SSL (require_ssl true)"
                case DataStore.documentDBStorageType?:
                    return "the cluster parameter group to require TLS (tls enabled, tls1.2+, tls1.3+ or fips-140-3)"
                case DataStore.oracleStorageType?:
                    return "an option group whose NATIVE_NETWORK_ENCRYPTION option sets SQLNET.ENCRYPTION_SERVER to REQUIRED"
                case DataStore.databaseProxyStorageType?:
                    return "the proxy to require TLS (RequireTLS, require_tls true)"
                case DataStore.kafkaStorageType?:
                    return "TLS only, between clients and brokers (client-broker TLS) and between brokers (in-cluster encryption on)"
                default: break
                }
                switch store.kind {
                case .fileStore: return "a bucket policy that denies every request whose aws:SecureTransport is false"
                case .cache: return "transit encryption enabled"
                default: return "the parameter group to require TLS (rds.force_ssl 1, or require_secure_transport ON)"
                }
            },
            subject: { "whether the \($0.kind.displayName) \($0.kind.isPlural ? "require" : "requires") TLS" })
    }
}
