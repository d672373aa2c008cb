import PolicyCheckModel

/// `AWS::MemoryDB::Cluster` becomes a cache store, as Terraform's `aws_memorydb_cluster` does.
///
/// "MemoryDB at-rest encryption is always enabled", with the key `KmsKeyId` names or else a service managed one
/// (https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html), so only the key is judged
/// (MMC-ENC-002); a cluster restored from `SnapshotArns` or `SnapshotName` is encrypted all the same.
/// `TLSEnabled` turns in-transit encryption on, for clients and for replication between nodes
/// (https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html). The API reference states no
/// default for it ("A flag to enable in-transit encryption on the cluster", Required: No,
/// https://docs.aws.amazon.com/memorydb/latest/APIReference/API_CreateCluster.html): a cluster that leaves it out (or
/// a condition's branch that does) cannot be verified — it is neither read as off nor passed. (Terraform's provider
/// always sends it, true by default: `TerraformStoreSettingsReader`.) MemoryDB always runs in a VPC
/// (https://docs.aws.amazon.com/memorydb/latest/devguide/vpcs.mdb.html): no public access to judge.
enum MemoryDBMapper: ResourceMapper {
    static let types = ["AWS::MemoryDB::Cluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let key = properties.child("KmsKeyId")
        var store = SwitchedStore.alwaysEncrypted(context, kind: .cache, key: key, into: &deployment)
        let tls = properties.child("TLSEnabled")
        let stated = tls.bool(worse: false).map { stated in
            StoreSetting(stated, note: stated.value.known == false
                ? tls.worstCaseNote(worse: false) ?? "TLSEnabled is false" : nil)
        }
        let unset = tls.possibleValues.contains(where: \.isAbsent)
            ? StoreSetting<Bool>(.unknown(reason: tlsUnset("TLSEnabled")), at: tls.origin) : nil
        store.transitEncryption = StoreSetting.worst([stated, unset])
        store.storageType = Located(DataStore.memoryDBStorageType, at: context.modelOrigin)
        deployment.dataStores.append(store)
    }

    /// TLS not set, where AWS's default decides and the API reference documents none.
    static func tlsUnset(_ name: String) -> String {
        "\(name) is not set, and AWS documents no default for it (MemoryDB API reference, CreateCluster "
            + "TLSEnabled): whether the cluster requires TLS is known only at deployment"
    }
}
