import PolicyCheckSyntax

/// Something that holds customer data at rest: a database, a file store, backups, a cache, a volume or a data stream.
///
/// A value type whose fields live in one shared, copy-on-write box (`CopyOnWriteFields`, as `Finding`'s are): every
/// check reads the deployment's stores, and a copy of fifteen fields cost a retain for each of their references — at
/// 100,000 resources, 13% of a run's time went to `swift_retain`, most of it on stores' fields; a box makes a copy one.
public struct DataStore: Sendable {
    public var kind: DataStoreKind {
        get { storage.fields.kind }
        _modify { yield &storage.fields.kind }
    }
    /// The component or resource name (`database`, `module.db.aws_rds_cluster.main`).
    public var component: String {
        get { storage.fields.component }
        _modify { yield &storage.fields.component }
    }
    /// Where the store is declared.
    public var origin: Origin {
        get { storage.fields.origin }
        _modify { yield &storage.fields.origin }
    }
    public var encryption: Encryption {
        get { storage.fields.encryption }
        _modify { yield &storage.fields.encryption }
    }
    /// For file stores: the storage type (`s3`, `multitenant-s3`, `minio`, `local`); for OpenSearch and
    /// Elasticsearch domains, `searchDomainStorageType`; for Redshift clusters, `redshiftStorageType`; for Amazon MSK
    /// clusters, `kafkaStorageType`.
    public var storageType: Located<String>? {
        get { storage.fields.storageType }
        _modify { yield &storage.fields.storageType }
    }
    /// Whether the store is reachable from the internet (RDS `publicly_accessible`, an S3 bucket without a full
    /// public access block, an OpenSearch domain without VPC options). `nil`: not stated.
    public var publicAccess: Located<Fact<Bool>>? {
        get { storage.fields.publicAccess }
        _modify { yield &storage.fields.publicAccess }
    }
    /// Why `publicAccess` is true when nothing in the input opens the store yet but nothing stops it being opened (a
    /// bucket's public access block that leaves a setting off), for the message; `nil` when the input opens it.
    public var publicAccessNote: String? {
        get { storage.fields.extras.publicAccessNote }
        set { storage.fields.extras.publicAccessNote = newValue }
    }
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode? {
        get { storage.fields.rawNode }
        _modify { yield &storage.fields.rawNode }
    }
    /// Whether the store's own encryption settings are judged. An Aurora cluster instance is encrypted by its
    /// cluster (`aws_rds_cluster.storage_encrypted`), so only its reachability is its own.
    public var encryptionIsOwn: Bool {
        get { storage.fields.encryptionIsOwn }
        _modify { yield &storage.fields.encryptionIsOwn }
    }
    /// Where the input says the store is replaced by a new one (a plan's delete and create), so its data does not
    /// carry over; `nil` when it is kept.
    public var replacedAt: Origin? {
        get { storage.fields.extras.replacedAt }
        set { storage.fields.extras.replacedAt = newValue }
    }
    /// Whether the store accepts only encrypted connections (RDS `rds.force_ssl`/`require_secure_transport`, a bucket
    /// policy denying `aws:SecureTransport` false, ElastiCache, DAX and MemoryDB transit encryption, a search domain's
    /// HTTPS and node-to-node encryption, Redshift `require_ssl`, MSK client-broker and in-cluster TLS); `nil`: not
    /// judged.
    public var transitEncryption: StoreSetting<Bool>? {
        get { storage.fields.extras[flag: .transitEncryption] }
        set { storage.fields.extras[flag: .transitEncryption] = newValue }
    }
    /// Whether the store refuses TLS older than 1.2, where the input chooses its minimum: an OpenSearch or
    /// Elasticsearch domain's TLS security policy, the `tls` a DocumentDB cluster parameter group of the input states;
    /// `nil`: not judged (no minimum chosen, or the store offers no such choice).
    public var transitTLSMinimum: StoreSetting<Bool>? {
        get { storage.fields.extras[flag: .transitTLSMinimum] }
        set { storage.fields.extras[flag: .transitTLSMinimum] = newValue }
    }
    /// Whether requests to the store are logged (S3 server access logging); `nil`: not judged.
    public var accessLogging: StoreSetting<Bool>? {
        get { storage.fields.extras[flag: .accessLogging] }
        set { storage.fields.extras[flag: .accessLogging] = newValue }
    }
    /// Whether the database exports its logs to CloudWatch Logs; `nil`: not judged.
    public var logExports: StoreSetting<Bool>? {
        get { storage.fields.extras[flag: .logExports] }
        set { storage.fields.extras[flag: .logExports] = newValue }
    }
    /// Whether the store keeps earlier versions of what is overwritten or deleted (S3 versioning); `nil`: not judged.
    public var versioning: StoreSetting<Bool>? {
        get { storage.fields.extras[flag: .versioning] }
        set { storage.fields.extras[flag: .versioning] = newValue }
    }
    /// For databases: how many days automated backups (point-in-time recovery) are kept; `nil`: not judged.
    public var backupRetentionDays: StoreSetting<Int>? {
        get { storage.fields.extras.retention }
        set { storage.fields.extras.retention = newValue }
    }
    /// For backup vaults: whether AWS Backup Vault Lock protects the recovery points; `nil`: not judged.
    public var vaultLock: StoreSetting<Bool>? {
        get { storage.fields.extras[flag: .vaultLock] }
        set { storage.fields.extras[flag: .vaultLock] = newValue }
    }

    /// For buckets: what writes to it that AWS lets use SSE-S3 only (`Application Load Balancer access logs`), so
    /// that a customer-managed key cannot be asked of it as it stands; `nil` otherwise.
    public var sseS3OnlyWriter: String? {
        get { storage.fields.extras.sseS3OnlyWriter }
        set { storage.fields.extras.sseS3OnlyWriter = newValue }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(kind: DataStoreKind, component: String, origin: Origin, encryption: Encryption) {
        storage = CopyOnWriteFields(Fields(kind: kind, component: component, origin: origin, encryption: encryption))
    }

    private struct Fields {
        var kind: DataStoreKind
        var component: String
        var origin: Origin
        var encryption: Encryption
        var storageType: Located<String>?
        var publicAccess: Located<Fact<Bool>>?
        var publicAccessNote: String?
        var rawNode: SourceNode?
        var encryptionIsOwn = true
        /// The settings and notes a store may have, kept only when set (`StoreExtras`).
        var extras = StoreExtras()
    }
}

extension DataStore {
    /// How the store reads in a message: its kind's name, or the name of a store its kind's would misname (an Amazon
    /// MQ broker is read as a data stream, for the rules that apply to one, but is a message broker).
    public var displayName: String {
        switch storageType?.value {
        case Self.messageBrokerStorageType?: return "message broker"
        case Self.dmsStorageType?: return "replication instance"
        default: return kind.displayName
        }
    }

    /// `displayName` as a possessive: "the database's key", "the secrets' key".
    public var possessive: String { kind.isPlural ? displayName + "'" : displayName + "'s" }

    /// The storage type of an OpenSearch or Elasticsearch domain, whose TLS is its endpoint's enforce-HTTPS option and
    /// its node-to-node encryption, and which is public without VPC options.
    public static let searchDomainStorageType = "opensearch"
    /// The storage type of an OpenSearch Serverless collection, public as its network policies say.
    public static let serverlessCollectionStorageType = "opensearch-serverless"
    /// The storage type of an AWS DMS replication instance, which holds the data it migrates.
    public static let dmsStorageType = "dms"
    /// The storage type of a Lightsail managed database, which takes no customer key.
    public static let lightsailDatabaseStorageType = "lightsail"
    /// The storage type of a Redshift provisioned cluster, whose TLS is its parameter group's `require_ssl`.
    public static let redshiftStorageType = "redshift"
    /// The storage type of a Redshift Serverless workgroup, its namespace's endpoint, whose TLS is its own
    /// `require_ssl` configuration parameter.
    public static let redshiftWorkgroupStorageType = "redshift-serverless-workgroup"
    /// The storage type of an Amazon MSK cluster, whose TLS is its client-broker and in-cluster encryption.
    public static let kafkaStorageType = "kafka"
    /// The storage type of an Amazon MQ broker (ActiveMQ or RabbitMQ).
    public static let messageBrokerStorageType = "amazon-mq"
    /// The storage type of an Amazon DocumentDB cluster, whose TLS is its cluster parameter group's `tls`.
    public static let documentDBStorageType = "docdb"
    /// The storage type of an RDS for Oracle database, which requires encryption through its option group.
    public static let oracleStorageType = "oracle"
    /// The storage type of an RDS Proxy, the endpoint a database is reached through, which requires TLS on its own.
    public static let databaseProxyStorageType = "rds-proxy"
    /// The storage type of a MemoryDB cluster: a cache by its interface, and a durable database by what it keeps
    /// ("a durable, in-memory database service", https://docs.aws.amazon.com/memorydb/latest/devguide/what-is-memorydb.html).
    public static let memoryDBStorageType = "memorydb"
}

/// What kind of data a store holds.
public enum DataStoreKind: String, Sendable, Codable, CaseIterable {
    case database
    case fileStore = "file-store"
    case backups
    case cache
    case volume
    case secrets
    /// Audit logs (CloudTrail log files).
    case logs
    /// A data stream that keeps records for its consumers (Kinesis Data Streams, an Amazon MSK cluster's topics).
    case stream

    /// Whether the display name is plural ("the backups are").
    public var isPlural: Bool { self == .backups || self == .secrets || self == .logs }

    /// The display name as a possessive: "the database's key", "the secrets' key".
    public var possessive: String { isPlural ? displayName + "'" : displayName + "'s" }

    /// How the kind reads in a message.
    public var displayName: String {
        switch self {
        case .database: return "database"
        case .fileStore: return "file store"
        case .backups: return "backups"
        case .cache: return "cache"
        case .volume: return "volume"
        case .secrets: return "secrets"
        case .logs: return "audit logs"
        case .stream: return "data stream"
        }
    }
}

/// How a store is encrypted at rest, as declared.
public struct Encryption: Sendable {
    /// Whether encryption at rest is on (`nil`: not stated).
    public var atRest: Located<Fact<Bool>>?
    /// Why `atRest` is off when the input lets it be on too (a template parameter judged at its worst), for the
    /// message; `nil` when the input turns it off outright.
    public var atRestNote: String?
    /// The server-side algorithm, e.g. `AES256`, `aws:kms`, `aws:kms:dsse`.
    public var algorithm: Located<Fact<String>>?
    /// The KMS key: an ARN, an alias, or the id of a key declared in the deployment.
    public var kmsKey: Located<Fact<String>>?
    /// Where an encryption setting belongs when none is given.
    public var origin: Origin
    /// What decides encryption at rest when nothing is declared, for the message (an instance's root volume: its
    /// AMI's snapshot and the account's EBS default); `nil` when the message needs no such note.
    public var undeclared: String?
    /// Why no customer key can be named for the store as written, for MMC-ENC-002's message (a scratch FSx for
    /// Lustre file system takes none); `nil` when one can.
    public var keyNote: String?
    /// Whether the store takes no key of its own because each member it groups names one, judged there: an Aurora
    /// global database (`CreateGlobalCluster` has no `KmsKeyId`; each region's DB cluster has its own,
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html). MMC-ENC-002 does
    /// not ask it for one, which no template or plan could give.
    public var keyIsMembers = false

    public init(origin: Origin) {
        self.origin = origin
    }

    /// Whether the store is (as far as the input says) encrypted at rest: an explicit flag, or an algorithm or
    /// key, which imply it.
    public var declaredEncrypted: Fact<Bool>? {
        if let atRest { return atRest.value }
        if let algorithm {
            if case .unknown(let reason) = algorithm.value { return .unknown(reason: reason) }
            return .known(true)
        }
        if kmsKey != nil { return .known(true) }
        return nil
    }
}
