import PolicyCheckModel

/// Data stores must refuse unencrypted connections: RDS and Aurora through `rds.force_ssl` (PostgreSQL) or
/// `require_secure_transport` (MySQL, MariaDB) in their parameter group, S3 buckets through a policy denying requests
/// with `aws:SecureTransport` false, ElastiCache (a replication group in `required` mode), DAX and MemoryDB through
/// transit encryption, OpenSearch and Elasticsearch domains through their endpoint's enforce-HTTPS option and
/// node-to-node encryption, Redshift clusters through `require_ssl` in their parameter group (Redshift Serverless
/// workgroups in their own configuration parameters), Amazon MSK clusters
/// through TLS-only client-broker and in-cluster encryption, RDS Proxy through its own TLS requirement.
///
/// Where the input chooses the oldest TLS version a store accepts (a search domain's TLS security policy, a
/// DocumentDB cluster parameter group's `tls`), one that lets TLS 1.0 and 1.1 in fails too: the same weakness
/// MMC-ENC-004 refuses on load balancers, whose policies must keep to TLS 1.2 and later.
public struct TransitEncryptionCheck: Check {
    public static let name = "encryption.in-transit"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.dataStores.compactMap { store in
            let transit = StoreSettingJudgement.result(
                store, \.transitEncryption,
                problem: { "the \($0.displayName) \($0.kind.isPlural ? "accept" : "accepts") connections without TLS" },
                expected: Self.expected,
                subject: { "whether the \($0.displayName) \($0.kind.isPlural ? "require" : "requires") TLS" })
            guard let minimum = store.transitTLSMinimum else { return transit }
            return Self.withMinimum(transit, minimum, of: store)
        }
    }

    /// What the rule asks of a store that accepts plaintext.
    private static func expected(_ store: DataStore) -> String {
        switch store.storageType?.value {
        case DataStore.searchDomainStorageType?:
            return "the domain to require HTTPS (enforce HTTPS true) and to encrypt traffic between its nodes (node-to-node encryption on)"
        case DataStore.redshiftStorageType?: return "the parameter group to require SSL (require_ssl true)"
        case DataStore.redshiftWorkgroupStorageType?:
            return "the workgroup to require SSL (require_ssl true in its configuration parameters)"
        case DataStore.documentDBStorageType?:
            return "the cluster parameter group to require TLS (tls tls1.2+, tls1.3+ or fips-140-3)"
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
    }

    /// What the rule asks of a store that accepts TLS 1.0 and 1.1.
    private static func expectedMinimum(_ store: DataStore) -> String {
        switch store.storageType?.value {
        case DataStore.searchDomainStorageType?:
            return "a TLS security policy that refuses TLS before 1.2 (Policy-Min-TLS-1-2-PFS-2023-10, or Policy-Min-TLS-1-2-2019-07)"
        case DataStore.documentDBStorageType?:
            return "the cluster parameter group to set tls to tls1.2+ (or tls1.3+)"
        default:
            return "TLS 1.2 or later only"
        }
    }

    /// The transit result with the store's TLS minimum judged beside it: a minimum that lets TLS 1.0 in fails (beside
    /// plaintext, when that fails too); one not known cannot be verified, unless the store fails already.
    private static func withMinimum(_ transit: CheckResult?, _ minimum: StoreSetting<Bool>, of store: DataStore) -> CheckResult {
        let name = store.displayName
        switch minimum.value {
        case .known(true):
            return transit ?? CheckResult(store.component, .pass)
        case .known(false):
            let evidence = Evidence("the \(name) \(store.kind.isPlural ? "accept" : "accepts") connections over TLS 1.0 and 1.1"
                                    + "\(minimum.noteClause); expected \(expectedMinimum(store))", at: minimum.origin)
            if case .fail(let earlier)? = transit?.outcome { return CheckResult(store.component, .fail(earlier + [evidence])) }
            return CheckResult(store.component, .fail([evidence]))
        case .unknown(let reason):
            let evidence = Evidence("the oldest TLS version the \(name) \(store.kind.isPlural ? "accept" : "accepts") cannot be verified: \(reason)",
                                    at: minimum.origin)
            switch transit?.outcome {
            case .fail?: return transit!
            case .cannotVerify(let earlier)?: return CheckResult(store.component, .cannotVerify(earlier + [evidence]))
            default: return CheckResult(store.component, .cannotVerify([evidence]))
            }
        }
    }
}
