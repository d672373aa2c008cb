import PolicyCheckSyntax

/// Something that holds customer data at rest: a database, a file store, backups, a cache or a volume.
public struct DataStore: Sendable {
    public var kind: DataStoreKind
    /// The component or resource name (`database`, `module.db.aws_rds_cluster.main`).
    public var component: String
    /// Where the store is declared.
    public var origin: Origin
    public var encryption: Encryption
    /// For file stores: the storage type (`s3`, `multitenant-s3`, `minio`, `local`).
    public var storageType: Located<String>?
    /// Whether the store is reachable from the internet (RDS `publicly_accessible`, an S3 bucket without a full
    /// public access block). `nil`: not stated.
    public var publicAccess: Located<Fact<Bool>>?
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode?
    /// Whether the store's own encryption settings are judged. An Aurora cluster instance is encrypted by its
    /// cluster (`aws_rds_cluster.storage_encrypted`), so only its reachability is its own.
    public var encryptionIsOwn = true
    /// Where the input says the store is replaced by a new one (a plan's delete and create), so its data does not
    /// carry over; `nil` when it is kept.
    public var replacedAt: Origin?
    /// Whether the store accepts only encrypted connections (RDS `rds.force_ssl`/`require_secure_transport`, a bucket
    /// policy denying `aws:SecureTransport` false, ElastiCache transit encryption); `nil`: not judged.
    public var transitEncryption: StoreSetting<Bool>?
    /// Whether requests to the store are logged (S3 server access logging); `nil`: not judged.
    public var accessLogging: StoreSetting<Bool>?
    /// Whether the database exports its logs to CloudWatch Logs; `nil`: not judged.
    public var logExports: StoreSetting<Bool>?
    /// Whether the store keeps earlier versions of what is overwritten or deleted (S3 versioning); `nil`: not judged.
    public var versioning: StoreSetting<Bool>?
    /// For databases: how many days automated backups (point-in-time recovery) are kept; `nil`: not judged.
    public var backupRetentionDays: StoreSetting<Int>?
    /// For backup vaults: whether AWS Backup Vault Lock protects the recovery points; `nil`: not judged.
    public var vaultLock: StoreSetting<Bool>?

    public init(kind: DataStoreKind, component: String, origin: Origin, encryption: Encryption) {
        self.kind = kind
        self.component = component
        self.origin = origin
        self.encryption = encryption
    }
}

/// What kind of data a store holds.
public enum DataStoreKind: String, Sendable, Codable {
    case database
    case fileStore = "file-store"
    case backups
    case cache
    case volume
    case secrets
    /// Audit logs (CloudTrail log files).
    case logs

    /// Whether the display name is plural ("the backups are").
    public var isPlural: Bool { self == .backups || self == .secrets || self == .logs }

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
        }
    }
}

/// How a store is encrypted at rest, as declared.
public struct Encryption: Sendable {
    /// Whether encryption at rest is on (`nil`: not stated).
    public var atRest: Located<Fact<Bool>>?
    /// The server-side algorithm, e.g. `AES256`, `aws:kms`, `aws:kms:dsse`.
    public var algorithm: Located<Fact<String>>?
    /// The KMS key: an ARN, an alias, or the id of a key declared in the deployment.
    public var kmsKey: Located<Fact<String>>?
    /// Where an encryption setting belongs when none is given.
    public var origin: Origin

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
