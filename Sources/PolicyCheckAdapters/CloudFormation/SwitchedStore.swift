import PolicyCheckModel

/// A store with an encryption switch and a `KmsKeyId`, both defaulting to unencrypted: an absent switch is "not
/// declared" (the rules ask for it), a present one is judged at its worst.
enum SwitchedStore {
    static func map(_ context: ResourceContext, kind: DataStoreKind, switch name: String,
                    into deployment: inout Deployment) {
        let properties = context.properties
        let flag = properties.child(name)
        var store = DataStore(kind: kind, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: flag.origin))
        if !flag.isAbsent { store.encryption.atRest = flag.bool(worse: false, absentMeans: false) }
        store.encryption.kmsKey = KMSKeyProperty.read(properties.child("KmsKeyId"), context: context, into: &deployment)
        deployment.dataStores.append(store)
    }
}
