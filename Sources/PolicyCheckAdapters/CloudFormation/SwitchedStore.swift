import PolicyCheckModel

/// A store with an encryption switch and a `KmsKeyId`, both defaulting to unencrypted: an absent switch is "not
/// declared" (the rules ask for it), a present one is judged at its worst.
enum SwitchedStore {
    /// A store of a service that always encrypts at rest, whose key is what varies (`key`; absent: the service's
    /// AWS managed key): backup vaults, secrets, trails, MSK, MemoryDB, Redshift Serverless namespaces.
    static func alwaysEncrypted(_ context: ResourceContext, kind: DataStoreKind, key: PropertyValue,
                                into deployment: inout Deployment) -> DataStore {
        var store = DataStore(kind: kind, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: key.origin))
        store.encryption.atRest = Located(.known(true), at: key.origin)
        store.encryption.kmsKey = KMSKeyProperty.read(key, context: context, into: &deployment)
        return store
    }

    static func map(_ context: ResourceContext, kind: DataStoreKind, switch name: String,
                    into deployment: inout Deployment) {
        let properties = context.properties
        map(context, kind: kind, flag: properties.child(name), key: properties.child("KmsKeyId"), into: &deployment)
    }

    /// The same, with the switch and key where the resource type keeps them (`EncryptionAtRestOptions.Enabled`),
    /// and the properties that make the store inherit its encryption from a source when the switch is absent.
    static func map(_ context: ResourceContext, kind: DataStoreKind, flag: PropertyValue, key: PropertyValue,
                    inheritedFrom sources: [String] = [], into deployment: inout Deployment) {
        var store = DataStore(kind: kind, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: flag.origin))
        let inherited = inheritedEncryption(context.properties, from: sources,
                                            ownEncrypted: flag.bool(worse: false, absentMeans: false)?.value == .known(true))
        if let inherited {
            store.encryption.atRest = restoredClusterEncryption(inherited, key: key)
        } else if !flag.isAbsent {
            store.encryption.atRest = flag.bool(worse: false, absentMeans: false)
            store.encryption.atRestNote = flag.worstCaseNote(worse: false, absentMeans: false)
        }
        store.encryption.kmsKey = KMSKeyProperty.read(key, context: context, into: &deployment) ?? inheritedKey(inherited)
        deployment.dataStores.append(store)
    }

    /// A cluster restored from a snapshot or to a point in time takes no encryption switch: it is encrypted with the
    /// key it names, else as its source is (`inherited`), whatever `StorageEncrypted` says
    /// (`RestoreDBClusterFromSnapshot` has `KmsKeyId` and no `StorageEncrypted`,
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html; the same for
    /// DocumentDB and Neptune).
    static func restoredClusterEncryption(_ inherited: Located<Fact<Bool>>, key: PropertyValue) -> Located<Fact<Bool>> {
        key.isAbsent ? inherited : Located(.known(true), at: key.origin)
    }

    /// The key of a store that inherits its encryption (`inherited`, from `inheritedEncryption`) and names none of
    /// its own: the source's key, unknown here — not the AWS managed key a store made from nothing would get.
    static func inheritedKey(_ inherited: Located<Fact<Bool>>?) -> Located<Fact<String>>? {
        guard let inherited, case .unknown(let reason) = inherited.value else { return nil }
        return Located(.unknown(reason: reason), at: inherited.origin)
    }

    /// A store made from a snapshot or another store (the first of `sources` that is set) inherits its encryption,
    /// which the template cannot tell: unknown, located at that property. `nil` when none is set.
    ///
    /// `ownEncrypted`: whether the store's own settings encrypt it when it is made new. Where every source set is
    /// left unset by a branch (`!If [HasSnap, !Ref Snap, !Ref AWS::NoValue]`), the store is new in that branch and
    /// judged by its own settings: when they do not encrypt it, `nil`, so it is judged as they state (the worse of
    /// the two branches). Before round 37 such a store was only "cannot be verified", and a template stating
    /// `StorageEncrypted: false` beside an optional snapshot passed `--fail-on high` (tester).
    static func inheritedEncryption(_ properties: PropertyValue, from sources: [String],
                                    ownEncrypted: Bool = true) -> Located<Fact<Bool>>? {
        let set = sources.map { properties.child($0) }.filter { !$0.isAbsent }
        guard let source = set.first else { return nil }
        if !ownEncrypted, set.allSatisfy({ $0.alternatives.contains(where: \.isAbsent) }) { return nil }
        return Located(.unknown(reason: "the store is made from \(source.name), whose encryption it inherits"), at: source.origin)
    }
}
