import PolicyCheckModel

/// RDS: `AWS::RDS::DBInstance`, `AWS::RDS::DBCluster` and `AWS::RDS::GlobalCluster` become database stores.
///
/// An instance in a DB cluster (`DBClusterIdentifier` set, as for Aurora) takes its storage encryption from the
/// cluster, so its encryption is not its own; its `PubliclyAccessible` is, as Terraform's `aws_rds_cluster_instance`
/// reads it: each instance has its own endpoint, and a second public instance was hidden behind the first's finding
/// on the cluster (tester round 32).
/// A store restored from a snapshot or made as a replica inherits its source's encryption: unknown unless stated.
enum DatabaseMapper: ResourceMapper {
    static let types = ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::RDS::GlobalCluster"]

    /// Properties that make a store inherit its encryption from elsewhere.
    static let inheritedFrom = [
        "SnapshotIdentifier", "DBSnapshotIdentifier", "DBClusterSnapshotIdentifier", "SourceDBClusterIdentifier",
        "SourceDBInstanceIdentifier", "SourceDBInstanceAutomatedBackupsArn", "SourceDbiResourceId",
    ]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let cluster = properties.child("DBClusterIdentifier")
        if context.resource.type == "AWS::RDS::DBInstance", !cluster.isAbsent {
            mapClusterInstance(properties, context: context, into: &deployment)
            return
        }
        let encrypted = properties.child("StorageEncrypted")
        let isInstance = context.resource.type == "AWS::RDS::DBInstance"
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: encrypted.origin))
        let key = properties.child("KmsKeyId")
        let isServerless = properties.child("EngineMode").knownText?.lowercased() == "serverless"
        let isAuroraCluster = context.resource.type == "AWS::RDS::DBCluster"
            && AuroraDefaultEncryption.isAurora(engine: properties.child("Engine").knownText, absentMeansAurora: false)
        let isGlobalMember = isAuroraCluster && !properties.child("GlobalClusterIdentifier").isAbsent
        // Made new (no source in some branch), it is encrypted by what it states, or by Aurora's default.
        let inherited = SwitchedStore.inheritedEncryption(properties, from: inheritedFrom, own: isServerless ? nil : encrypted,
                                                          absentMeans: isAuroraCluster && !isGlobalMember)
        if isServerless {
            // "For an Aurora Serverless v1 cluster, the cluster volume is always encrypted. You can choose the
            // encryption key, but you can't disable encryption."
            // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html)
            store.encryption.atRest = Located(.known(true), at: properties.child("EngineMode").origin)
        } else if let inherited {
            // Restored or replicated: its own `StorageEncrypted` is not taken ("The value is inherited from the
            // snapshot or source DB instance", AWS::RDS::DBInstance); a restored cluster naming a key is encrypted
            // with it (`SwitchedStore.restoredClusterEncryption`).
            store.encryption.atRest = isInstance ? inherited : SwitchedStore.restoredClusterEncryption(inherited, key: key)
        } else if !encrypted.isAbsent {
            // A new Aurora cluster that a branch leaves unstated is encrypted (`AuroraDefaultEncryption`; review,
            // round 36: `!If [C, true, !Ref AWS::NoValue]` was a critical).
            let unsetMeans = isAuroraCluster
            store.encryption.atRest = encrypted.bool(worse: false, absentMeans: unsetMeans)
            store.encryption.atRestNote = encrypted.worstCaseNote(worse: false, absentMeans: unsetMeans)
            if isGlobalMember, encrypted.alternatives.contains(where: \.isAbsent),
               store.encryption.atRest?.value != .known(false) {
                // A branch leaving a global member's flag unset: the global database decides (second review).
                store.encryption.atRest = nil
                store.encryption.atRestNote = nil
                AuroraDefaultEncryption.member(at: properties.child("GlobalClusterIdentifier").origin, to: &store)
            } else if isAuroraCluster, !isGlobalMember, store.encryption.kmsKey == nil {
                store.encryption.keyNote = AuroraDefaultEncryption.keyNote
            }
        } else if isGlobalMember {
            AuroraDefaultEncryption.member(at: properties.child("GlobalClusterIdentifier").origin, to: &store)
        } else if isAuroraCluster {
            AuroraDefaultEncryption.apply(at: properties.child("Engine").origin, to: &store)
        } else if context.resource.type == "AWS::RDS::DBInstance",
                  properties.child("Engine").knownText?.lowercased().hasPrefix("aurora") == true {
            store.encryption.atRest = Located(.unknown(
                reason: "an Aurora DB instance takes its encryption from its DB cluster, and DBClusterIdentifier names none"
            ), at: cluster.origin)
        }
        // A restored instance takes no key of its own either: its source's.
        let sourceKey = isServerless ? nil : SwitchedStore.inheritedKey(inherited)
        store.encryption.kmsKey = isInstance && sourceKey != nil ? sourceKey
            : KMSKeyProperty.read(key, context: context, into: &deployment) ?? sourceKey
        let statedAccess = properties.child("PubliclyAccessible")
        store.publicAccess = statedAccess.bool(worse: true)
        // Not stated, in every scenario or in some (`!If [Cond, false, !Ref AWS::NoValue]`): RDS decides, by the
        // subnet group's VPC (`DatabasePublicDefault`), for an instance and a Multi-AZ DB cluster, judged at the
        // worse of that and what is stated.
        if store.publicAccess == nil || statedAccess.alternatives.contains(where: \.isAbsent),
           let subject = DatabasePublicDefault.subject(context.resource.type, properties) {
            let (access, note) = DatabasePublicDefault.access(properties, context: context, subject: subject)
            if Self.publicRank(access.value) > store.publicAccess.map({ Self.publicRank($0.value) }) ?? -1 {
                store.publicAccess = access
                store.publicAccessNote = note
            }
        }
        if let multiAZ = properties.child("MultiAZ").bool(worse: true), multiAZ.value == .known(true) {
            deployment.capabilities.append(CapabilityRequest(.databaseHighAvailability, at: multiAZ.origin,
                                                             component: context.component))
        }
        if context.resource.type == "AWS::RDS::GlobalCluster" {
            // Its keys are its member clusters' (`KmsKeyId` of each `AWS::RDS::DBCluster`); it has none.
            store.encryption.keyIsMembers = true
            if GlobalDatabaseMapper.isMadeFromTemplateCluster(properties) { store.encryptionIsOwn = false }
        } else {
            DatabaseSettings.read(properties, context: context, into: &store)
        }
        deployment.dataStores.append(store)
    }

    /// An instance of a DB cluster: a database store whose encryption is its cluster's, judged there, and whose
    /// public accessibility is its own `PubliclyAccessible` — "Specifies whether the DB instance is publicly
    /// accessible", a setting of each instance and its endpoint
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html). Not stated, it is
    /// left unjudged here, as before: an Aurora instance's subnet group is its cluster's, which the default follows.
    private static func mapClusterInstance(_ properties: PropertyValue, context: ResourceContext,
                                           into deployment: inout Deployment) {
        let access = properties.child("PubliclyAccessible")
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: access.origin))
        store.encryptionIsOwn = false
        store.publicAccess = access.bool(worse: true)
        deployment.dataStores.append(store)
    }

    /// How public a value says a database is: known public above unknown above known private.
    private static func publicRank(_ value: Fact<Bool>) -> Int {
        switch value {
        case .known(true): return 2
        case .unknown: return 1
        case .known(false): return 0
        }
    }
}
