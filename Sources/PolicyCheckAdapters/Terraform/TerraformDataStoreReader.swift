import PolicyCheckModel
import PolicyCheckSyntax

/// Reads AWS resources that hold data at rest (databases, caches, MemoryDB clusters, volumes, file systems, secrets,
/// backup vaults) into `deployment.dataStores`. S3 buckets are read by `TerraformBucketReader`, Redshift by
/// `TerraformRedshiftReader`, Kinesis and MSK by `TerraformStreamReader`.
struct TerraformDataStoreReader {
    /// How one resource type states its encryption.
    struct Shape {
        var kind: DataStoreKind
        /// The flag that turns encryption at rest on; `nil` for services that always encrypt.
        var atRest: [TerraformStep]?
        /// The key attribute; `nil` for services that take no customer key.
        var kmsKey: [TerraformStep]?
        var publicAccess: String? = nil
        /// Whether its members name its keys (`Encryption.keyIsMembers`): a global database.
        var keyIsMembers = false
    }

    static let shapes: [String: Shape] = [
        "aws_db_instance": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: ["kms_key_id"],
                                 publicAccess: "publicly_accessible"),
        "aws_rds_cluster": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: ["kms_key_id"]),
        // An Aurora instance is encrypted by its cluster; only whether it is reachable is its own.
        "aws_rds_cluster_instance": Shape(kind: .database, atRest: nil, kmsKey: ["kms_key_id"],
                                          publicAccess: "publicly_accessible"),
        // A cache cluster outside a replication group cannot be encrypted at rest, whatever its engine: ElastiCache
        // offers at-rest encryption for Valkey and Redis OSS only when a replication group (or serverless cache) is
        // created (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html), and for
        // Memcached only on serverless caches (https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/at-rest-encryption.html).
        "aws_elasticache_cluster": Shape(kind: .cache, atRest: nil, kmsKey: ["kms_key_id"]),
        // DAX encrypts at rest only when `server_side_encryption` is enabled, with its service default key, an AWS
        // managed key; it takes no customer key
        // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html).
        "aws_dax_cluster": Shape(kind: .cache, atRest: ["server_side_encryption", 0, "enabled"], kmsKey: nil),
        // "MemoryDB at-rest encryption is always enabled", with the key `kms_key_arn` names or else a service managed
        // one (https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html).
        "aws_memorydb_cluster": Shape(kind: .cache, atRest: nil, kmsKey: ["kms_key_arn"]),
        // FSx encrypts every file system at rest, with the key `kms_key_id` names or else its AWS managed key
        // (https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html, `KmsKeyId`).
        "aws_fsx_lustre_file_system": Shape(kind: .fileStore, atRest: nil, kmsKey: ["kms_key_id"]),
        "aws_fsx_windows_file_system": Shape(kind: .fileStore, atRest: nil, kmsKey: ["kms_key_id"]),
        "aws_fsx_ontap_file_system": Shape(kind: .fileStore, atRest: nil, kmsKey: ["kms_key_id"]),
        "aws_fsx_openzfs_file_system": Shape(kind: .fileStore, atRest: nil, kmsKey: ["kms_key_id"]),
        // ElastiCache Serverless always encrypts at rest, with `kms_key_id` or a service managed key
        // (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html).
        "aws_elasticache_serverless_cache": Shape(kind: .cache, atRest: nil, kmsKey: ["kms_key_id"]),
        // An RDS Proxy is the database's endpoint: only whether it requires TLS is its own (`TerraformStoreSettingsReader`).
        "aws_db_proxy": Shape(kind: .database, atRest: nil, kmsKey: nil),
        // A global database (Aurora, DocumentDB, Neptune): `storage_encrypted` is its own ("The default is false
        // unless source_db_cluster_identifier is specified and encrypted"), its keys its member clusters'
        // (`Encryption.keyIsMembers`). Before round 37 none was read: a global database stating encryption off
        // left its members "cannot be verified" and no finding failed.
        "aws_rds_global_cluster": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: nil, keyIsMembers: true),
        "aws_docdb_global_cluster": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: nil, keyIsMembers: true),
        "aws_neptune_global_cluster": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: nil, keyIsMembers: true),
        "aws_docdb_cluster": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: ["kms_key_id"]),
        "aws_neptune_cluster": Shape(kind: .database, atRest: ["storage_encrypted"], kmsKey: ["kms_key_arn"]),
        // A Neptune instance is encrypted by its cluster; its public endpoint is its own: "The public endpoint
        // setting is available on the Neptune instance, not the Neptune cluster", and it allows "direct connections
        // to Neptune over the internet" (https://docs.aws.amazon.com/neptune/latest/userguide/neptune-public-endpoints.html,
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster_instance#publicly_accessible).
        "aws_neptune_cluster_instance": Shape(kind: .database, atRest: nil, kmsKey: nil,
                                              publicAccess: "publicly_accessible"),
        "aws_dynamodb_table": Shape(kind: .database, atRest: nil, kmsKey: ["server_side_encryption", 0, "kms_key_arn"]),
        "aws_elasticsearch_domain": Shape(kind: .database, atRest: ["encrypt_at_rest", 0, "enabled"],
                                          kmsKey: ["encrypt_at_rest", 0, "kms_key_id"]),
        "aws_opensearch_domain": Shape(kind: .database, atRest: ["encrypt_at_rest", 0, "enabled"],
                                       kmsKey: ["encrypt_at_rest", 0, "kms_key_id"]),
        "aws_elasticache_replication_group": Shape(kind: .cache, atRest: ["at_rest_encryption_enabled"],
                                                   kmsKey: ["kms_key_id"]),
        "aws_ebs_volume": Shape(kind: .volume, atRest: ["encrypted"], kmsKey: ["kms_key_id"]),
        "aws_efs_file_system": Shape(kind: .fileStore, atRest: ["encrypted"], kmsKey: ["kms_key_id"]),
        // A WorkSpace's root volume; its user volume, under the same key, is a second store (`read`). WorkSpaces
        // encrypts a volume only when asked at launch (the provider's default for both flags is false;
        // https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html).
        "aws_workspaces_workspace": Shape(kind: .volume, atRest: ["root_volume_encryption_enabled"],
                                          kmsKey: ["volume_encryption_key"]),
        "aws_secretsmanager_secret": Shape(kind: .secrets, atRest: nil, kmsKey: ["kms_key_id"]),
        // A Lightsail database: public when `publicly_accessible` (the provider's default is false); no encryption
        // setting and no customer key (`LightsailDatabase`).
        "aws_lightsail_database": Shape(kind: .database, atRest: nil, kmsKey: nil, publicAccess: "publicly_accessible"),
        // A DMS replication instance holds the data it migrates: always encrypted, with `kms_key_arn` or DMS's
        // default key, and public when `publicly_accessible` says so (`DMSReplicationInstance`).
        "aws_dms_replication_instance": Shape(kind: .database, atRest: nil, kmsKey: ["kms_key_arn"],
                                              publicAccess: "publicly_accessible"),
        "aws_backup_vault": Shape(kind: .backups, atRest: nil, kmsKey: ["kms_key_arn"]),
        // A Redshift Serverless workgroup is its namespace's endpoint (`RedshiftServerlessWorkgroup`): whether it is
        // public and requires SSL are its own, its data and key its namespace's.
        "aws_redshiftserverless_workgroup": Shape(kind: .database, atRest: nil, kmsKey: nil,
                                                  publicAccess: "publicly_accessible"),
    ]

    /// The resource types read here.
    static let types = Set(shapes.keys)

    /// The clusters a global database may be made from (`source_db_cluster_identifier`).
    static let globalSources: Set<String> = ["aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"]

    /// Unset, at rest encryption is on for Valkey and off for Redis OSS, the default engine: "When engine is redis,
    /// default is false. When engine is valkey, default is true."
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#at_rest_encryption_enabled)
    private static func defaultCacheEncryption(_ resource: TerraformResource, into store: inout DataStore) {
        let engine = resource["engine"]
        if engine.knownString?.lowercased() == "valkey" {
            store.encryption.atRest = Located(.known(true), at: engine.origin)
        } else if engine.isUnknown, !engine.isProviderDefault {
            store.encryption.atRest = Located(.unknown(reason: "at_rest_encryption_enabled is not set (on by default only for valkey), and the engine cannot be known: \(engine.unknownReason)"), at: engine.origin)
        }
    }

    /// Attributes that make a database from another's data, whose encryption it inherits, and which of its own
    /// encryption settings the database then takes. Restoring takes none: `RestoreDBInstanceFromDBSnapshot` has neither
    /// `StorageEncrypted` nor `KmsKeyId`, and a restored cluster is encrypted as its snapshot is unless a key is given
    /// (`RestoreDBClusterFromSnapshot`'s `KmsKeyId`;
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html,
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html); a read
    /// replica of an instance is encrypted as its source is, with its key in its source's region
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations),
    /// which decides it when the source is in the same input (`replicaEncryption(of:)`).
    /// A cluster replicating another (`replication_source_identifier`) is created with its own settings, which
    /// count when stated. CloudFormation's `DatabaseMapper.inheritedFrom` reads the same properties of templates.
    static let inheritedFrom: [String: [(steps: [TerraformStep], taken: OwnSettings)]] = [
        "aws_db_instance": [(["snapshot_identifier"], .none), (["replicate_source_db"], .none),
                            (["restore_to_point_in_time", 0, "source_db_instance_identifier"], .none),
                            (["restore_to_point_in_time", 0, "source_dbi_resource_id"], .none),
                            (["restore_to_point_in_time", 0, "source_db_instance_automated_backups_arn"], .none)],
        "aws_rds_cluster": [(["snapshot_identifier"], .keyOnly), (["replication_source_identifier"], .all),
                            (["restore_to_point_in_time", 0, "source_cluster_identifier"], .keyOnly)],
        "aws_docdb_cluster": [(["snapshot_identifier"], .keyOnly)],
        // "Can't be specified if SourceDBClusterIdentifier is specified. In this case, Amazon Aurora uses the
        // setting from the source DB cluster" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html).
        "aws_rds_global_cluster": [(["source_db_cluster_identifier"], .none)],
        "aws_docdb_global_cluster": [(["source_db_cluster_identifier"], .none)],
        "aws_neptune_global_cluster": [(["source_db_cluster_identifier"], .none)],
        "aws_neptune_cluster": [(["snapshot_identifier"], .keyOnly), (["replication_source_identifier"], .all)],
    ]

    /// Which of its own encryption settings a database made from another's data takes.
    enum OwnSettings {
        /// Neither flag nor key (an instance restored or replicated).
        case none
        /// Its key, which encrypts it whatever its source (a restored cluster); not the flag.
        case keyOnly
        /// Both, when stated (a cluster created as a replica).
        case all
    }

    /// What the resource is made from, if anything: the first such attribute (a known non-empty value, or one
    /// unknown until apply that the configuration sets), the reason its encryption cannot be verified, and whether
    /// its own settings are ignored.
    static func inheritedEncryptionSource(of resource: TerraformResource)
        -> (reason: String, origin: Origin, taken: OwnSettings)? {
        for (steps, taken) in inheritedFrom[resource.type] ?? [] {
            let attribute = resource.attributes.descend(steps)
            // Spelt only for the attribute found.
            var name: String { steps.compactMap { step -> String? in if case .key(let key) = step { key } else { nil } }.joined(separator: ".") }
            if let text = attribute.knownString, !text.isEmpty {
                return ("the store is made from \(name) '\(Excerpt.quote(text))', whose encryption it inherits",
                        attribute.origin, taken)
            }
            if attribute.isUnknown, !attribute.isProviderDefault {
                return ("the store is made from \(name), known only after apply, whose encryption it inherits",
                        attribute.origin, taken)
            }
        }
        return nil
    }

    /// Why a scratch FSx for Lustre file system takes no customer key (shared with CloudFormation's `FSxMapper`).
    static let scratchKeyNote = "a scratch FSx for Lustre file system takes no customer key: only a PERSISTENT_1 or PERSISTENT_2 deployment type does"

    /// Whether the configuration states the flag itself (a plan without its configuration: whenever it holds a
    /// value), rather than leaving the provider's default. An expression that gives null (`var.secondary ? null :
    /// true` where the variable is true) states nothing: the provider's default applies.
    static func isStated(_ flag: TerraformAttribute) -> Bool {
        !flag.isAbsent && (!flag.configured || flag.expression != nil)
    }

    let input: any TerraformResourceGraph
    /// The plan's keys by identifier, built once per plan and shared by the readers that resolve key references.
    let keys: TerraformKeyReference

    func read(into deployment: inout Deployment) {
        let settings = TerraformStoreSettingsReader(input: input)
        deployment.dataStores.reserveCapacity(deployment.dataStores.count + input.count(ofType: Self.types))
        for resource in input.resources {
            guard let shape = Self.shapes[resource.type] else { continue }
            let keyAttribute = shape.kmsKey.map { resource.attributes.descend($0) }
            let atRestAttribute = shape.atRest.map { resource.attributes.descend($0) }
            let settingOrigin = (atRestAttribute ?? keyAttribute ?? resource.attributes).fieldOrigin
            var store = DataStore(kind: shape.kind, component: resource.address, origin: resource.rawOrigin,
                                  encryption: Encryption(origin: settingOrigin))
            store.rawNode = resource.valuesNode
            store.replacedAt = resource.replacedAt
            if shape.keyIsMembers { store.encryption.keyIsMembers = true }
            let source = atRestAttribute == nil ? nil : Self.inheritedEncryptionSource(of: resource)
            // Made from another's data: inherited, unless its own flag counts and is stated.
            let inherited = source.flatMap { $0.taken != .all || !Self.isStated(atRestAttribute!) ? $0 : nil }
            // A cluster restored with a key of its own is encrypted with it, whatever its snapshot.
            let restoredWithKey = inherited?.taken == .keyOnly
                && keyAttribute.map { $0.knownString?.isEmpty == false || ($0.isUnknown && !$0.isProviderDefault) } == true
            if restoredWithKey, let keyAttribute {
                store.encryption.atRest = Located(.known(true), at: keyAttribute.origin)
            } else if let inherited {
                store.encryption.atRest = Located(.unknown(reason: inherited.reason), at: inherited.origin)
                if let replica = replicaEncryption(of: resource) {
                    store.encryption.atRest = replica.atRest
                    store.encryption.atRestNote = replica.note
                }
                // A global database made from a cluster of the input is stored as that cluster is, judged there.
                if shape.keyIsMembers, input.referenced(by: resource["source_db_cluster_identifier"], of: resource,
                                                        types: Self.globalSources) != nil {
                    store.encryptionIsOwn = false
                }
            } else if let atRestAttribute {
                // A known flag's origin is the setting's: keep one origin for both (a plan has a store per resource).
                store.encryption.atRest = atRestAttribute.bool().map { flag in
                    atRestAttribute.isUnknown ? flag : Located(flag.value, at: settingOrigin)
                }
            } else if let keyAttribute {
                // DynamoDB, MemoryDB, Secrets Manager and AWS Backup always encrypt; the key is what varies.
                store.encryption.atRest = Located(.known(true), at: keyAttribute.origin)
            }
            if resource.type == "aws_dynamodb_table", let override = Self.tableKeyOverride(of: resource) {
                // Not enabled (or not known to be): the named key is not the table's, nor asked of the offering.
                store.encryption.kmsKey = override.key
                store.encryption.origin = override.origin
                store.encryption.atRest = Located(.known(true), at: override.origin)
                store.encryption.keyNote = override.note
            } else {
                store.encryption.kmsKey = keyAttribute.flatMap { keys.kmsKey($0, of: resource, into: &deployment) }
            }
            if let inherited, !restoredWithKey, store.encryption.kmsKey == nil || inherited.taken == .none {
                // Made from another's data with no key of its own (an instance's own is ignored): that data's key,
                // unknown here.
                store.encryption.kmsKey = Located(.unknown(reason: inherited.reason), at: inherited.origin)
                // An unencrypted replica has no key, as its source has none.
                if store.encryption.atRest?.value == .known(false) { store.encryption.kmsKey = nil }
            }
            switch resource.type {
            case "aws_rds_cluster_instance", "aws_neptune_cluster_instance", "aws_db_proxy", "aws_redshiftserverless_workgroup":
                store.encryptionIsOwn = false
            case "aws_fsx_lustre_file_system":
                // "If you create a scratch file system, the data is encrypted using keys managed by Amazon FSx"
                // (https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html); the provider's
                // default deployment type is SCRATCH_1.
                let type = resource["deployment_type"]
                if (type.knownString ?? (type.isAbsent ? "SCRATCH_1" : "")).hasPrefix("SCRATCH") {
                    store.encryption.keyNote = Self.scratchKeyNote
                }
            case "aws_rds_cluster":
                // "For an Aurora Serverless v1 cluster, the cluster volume is always encrypted. You can choose the
                // encryption key, but you can't disable encryption."
                // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html)
                let mode = resource["engine_mode"]
                if mode.knownString == "serverless" { store.encryption.atRest = Located(.known(true), at: mode.origin) }
                // AWS provider 5.0 and later require `engine`; earlier versions created `aurora` (Aurora MySQL).
                let engine = resource["engine"]
                let global = resource["global_cluster_identifier"]
                if inherited == nil, !(engine.isUnknown && !engine.isProviderDefault),
                   AuroraDefaultEncryption.isAurora(engine: engine.knownString, absentMeansAurora: engine.node == nil) {
                    if global.knownString?.isEmpty == false || (global.isUnknown && !global.isProviderDefault) {
                        AuroraDefaultEncryption.member(at: global.origin, to: &store)
                    } else {
                        AuroraDefaultEncryption.apply(at: engine.node == nil ? resource.origin : engine.origin, to: &store)
                    }
                }
            case "aws_elasticache_replication_group":
                switch TerraformCacheMembership.global(resource, input: input) {
                case .elsewhere?:
                    // The primary's store is judged; the secondary cannot be verified on its own (a pull request may
                    // join a datastore whose primary lies elsewhere), never a silent pass.
                    let global = resource["global_replication_group_id"]
                    store.encryption.atRest = Located(.unknown(reason: EncryptedElsewhere.globalSecondary), at: global.origin)
                    store.encryption.kmsKey = Located(.unknown(reason: EncryptedElsewhere.globalSecondary), at: global.origin)
                case .maybe(let reason, let origin)?:
                    // Only what the group leaves unstated: a group stating encryption off is judged as it says.
                    if !Self.isStated(resource["at_rest_encryption_enabled"]) || store.encryption.atRest == nil {
                        store.encryption.atRest = Located(.unknown(reason: reason), at: origin)
                    }
                    if store.encryption.kmsKey == nil { store.encryption.kmsKey = Located(.unknown(reason: reason), at: origin) }
                case nil:
                    if store.encryption.atRest == nil { Self.defaultCacheEncryption(resource, into: &store) }
                }
            case "aws_dax_cluster":
                store.encryption.keyNote = EncryptedElsewhere.daxKeyNote
            case "aws_workspaces_workspace":
                deployment.dataStores.append(userVolume(of: resource, key: store.encryption.kmsKey))
            case "aws_lightsail_database":
                LightsailDatabase.describe(&store, at: resource.rawOrigin)
            case "aws_elasticache_cluster":
                // A member of a replication group is encrypted (or not) by its group, read on its own. One whose group
                // is known only after apply from something that may be null (a variable without a value) is either
                // such a member or a cluster of its own, which cannot be encrypted at rest: not verifiable, never a
                // silent pass (tester, round 36).
                switch TerraformCacheMembership.member(resource, input: input) {
                case .elsewhere?:
                    continue
                case .maybe(let reason, let origin)?:
                    store.encryption.atRest = Located(.unknown(reason: reason), at: origin)
                    store.encryption.kmsKey = Located(.unknown(reason: reason), at: origin)
                case nil:
                    store.encryption.atRest = Located(.known(false), at: resource.origin)
                }
            default:
                break
            }
            if let flag = shape.publicAccess {
                store.publicAccess = resource[flag].bool()
            }
            if resource.type == "aws_dms_replication_instance" {
                // Not set, the provider sends false ("Optional, Default: false"), not DMS's own default of true.
                store.storageType = Located(DataStore.dmsStorageType, at: resource.rawOrigin)
            }
            settings.read(resource, into: &store)
            if resource.type == "aws_db_instance", let multiAZ = resource["multi_az"].bool(), multiAZ.value.known == true {
                deployment.capabilities.append(CapabilityRequest(.databaseHighAvailability, at: multiAZ.origin,
                                                                 component: resource.address))
            }
            deployment.dataStores.append(store)
        }
    }
}

extension TerraformDataStoreReader {
    /// A WorkSpace's user volume, encrypted as `user_volume_encryption_enabled` says, under the root volume's key
    /// (`volume_encryption_key` serves both).
    func userVolume(of resource: TerraformResource, key: Located<Fact<String>>?) -> DataStore {
        let flag = resource["user_volume_encryption_enabled"]
        var store = DataStore(kind: .volume, component: resource.address, origin: resource.rawOrigin,
                              encryption: Encryption(origin: flag.fieldOrigin))
        store.rawNode = resource.valuesNode
        store.replacedAt = resource.replacedAt
        store.encryption.atRest = flag.bool().map { value in flag.isUnknown ? value : Located(value.value, at: flag.fieldOrigin) }
        store.encryption.kmsKey = key
        return store
    }
}

/// Turns a KMS key attribute into the `kmsKey` rules see: the address of a key the plan declares when the value
/// refers to one, the value as written when known, unknown until apply otherwise, and nothing when the attribute is
/// left for AWS to fill with its managed key.
struct TerraformKeyReference {
    let input: any TerraformResourceGraph
    /// The plan's keys by every known `key_id`, `arn` and `id` (the first key in plan order wins), built once so
    /// resolving a value costs one lookup rather than a scan of every key.
    private let keysByIdentifier: [String: TerraformResource]

    init(input: any TerraformResourceGraph) {
        self.input = input
        var keys: [String: TerraformResource] = [:]
        for key in input.resources(ofType: TerraformKeyReader.keyTypes) {
            for attribute in ["key_id", "arn", "id"] {
                if let text = key[attribute].knownString, keys[text] == nil { keys[text] = key }
            }
        }
        keysByIdentifier = keys
    }

    func kmsKey(_ attribute: TerraformAttribute, of resource: TerraformResource,
                into deployment: inout Deployment) -> Located<Fact<String>>? {
        let result = resolve(attribute, of: resource)
        if let result, let text = result.value.known, !KeyReference.isAWSManaged(text) {
            // The reference's origin is the attribute's: share it rather than spell the path again.
            deployment.capabilities.append(CapabilityRequest(.encryptionKeys, at: result.origin, component: resource.address))
        }
        return result
    }

    private func resolve(_ attribute: TerraformAttribute, of resource: TerraformResource) -> Located<Fact<String>>? {
        if let key = input.referenced(by: attribute, of: resource, types: TerraformKeyReader.keyTypes,
                                     through: TerraformKeyReader.passThrough) {
            return Located(.known(key.address), at: attribute.origin)
        }
        if attribute.isUnknown {
            return attribute.isProviderDefault ? nil : Located(.unknown(reason: attribute.unknownReason), at: attribute.origin)
        }
        guard let text = attribute.knownString else { return nil }
        // A known id or ARN of a key in the plan (an unchanged key) is that key.
        if let key = keysByIdentifier[text] {
            return Located(.known(key.address), at: attribute.origin)
        }
        return Located(.known(text), at: attribute.origin)
    }
}

extension TerraformDataStoreReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
