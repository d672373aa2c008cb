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
        if let restored = restoredClusterEncryption(context.properties, from: sources, key: key) {
            store.encryption.atRest = restored
        } else if !flag.isAbsent {
            store.encryption.atRest = flag.bool(worse: false, absentMeans: false)
            store.encryption.atRestNote = flag.worstCaseNote(worse: false, absentMeans: false)
        } else {
            store.encryption.atRest = inheritedEncryption(context.properties, from: sources)
        }
        store.encryption.kmsKey = KMSKeyProperty.read(key, context: context, into: &deployment)
            ?? inheritedKey(store.encryption.atRest)
        deployment.dataStores.append(store)
    }

    /// A cluster restored from a snapshot or to a point in time (the first of `sources` that is set) takes no
    /// encryption switch: it is encrypted with the key it names, else as its source is, whatever `StorageEncrypted`
    /// says (`RestoreDBClusterFromSnapshot` has `KmsKeyId` and no `StorageEncrypted`,
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html; the same for
    /// DocumentDB and Neptune). `nil` when it is not restored.
    static func restoredClusterEncryption(_ properties: PropertyValue, from sources: [String],
                                          key: PropertyValue) -> Located<Fact<Bool>>? {
        guard let inherited = inheritedEncryption(properties, from: sources) else { return nil }
        return key.isAbsent ? inherited : Located(.known(true), at: key.origin)
    }

    /// A store made from a snapshot or another store (the first of `sources` that is set) inherits its encryption,
    /// which the template cannot tell: unknown, located at that property. `nil` when none is set.
    /// The key of a store that inherits its encryption (`inheritedEncryption`) and names none of its own: the
    /// source's key, unknown here — not the AWS managed key a store made from nothing would get.
    static func inheritedKey(_ atRest: Located<Fact<Bool>>?) -> Located<Fact<String>>? {
        guard let atRest, case .unknown(let reason) = atRest.value, reason.hasPrefix(inheritedPrefix) else { return nil }
        return Located(.unknown(reason: reason), at: atRest.origin)
    }

    private static let inheritedPrefix = "the store is made from "

    static func inheritedEncryption(_ properties: PropertyValue, from sources: [String]) -> Located<Fact<Bool>>? {
        guard let source = sources.lazy.map({ properties.child($0) }).first(where: { !$0.isAbsent }) else { return nil }
        let name = source.path.split(separator: ".").last.map(String.init) ?? source.path
        return Located(.unknown(reason: "\(inheritedPrefix)\(name), whose encryption it inherits"), at: source.origin)
    }
}
