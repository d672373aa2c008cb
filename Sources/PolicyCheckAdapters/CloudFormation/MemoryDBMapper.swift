import PolicyCheckModel

/// `AWS::MemoryDB::Cluster` becomes a cache store, as Terraform's `aws_memorydb_cluster` does.
///
/// "MemoryDB at-rest encryption is always enabled", with the key `KmsKeyId` names or else a service managed one
/// (https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html), so only the key is judged
/// (MMC-ENC-002); a cluster restored from `SnapshotArns` or `SnapshotName` is encrypted all the same.
/// `TLSEnabled` turns in-transit encryption on, for clients and for replication between nodes
/// (https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html). Only a stated value is judged:
/// the API reference states no default for it
/// (https://docs.aws.amazon.com/memorydb/latest/APIReference/API_CreateCluster.html), so an absent one is not
/// read as off (Terraform's provider sends true). MemoryDB always runs in a VPC
/// (https://docs.aws.amazon.com/memorydb/latest/devguide/vpcs.mdb.html): no public access to judge.
enum MemoryDBMapper: ResourceMapper {
    static let types = ["AWS::MemoryDB::Cluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let key = properties.child("KmsKeyId")
        var store = SwitchedStore.alwaysEncrypted(context, kind: .cache, key: key, into: &deployment)
        let tls = properties.child("TLSEnabled")
        store.transitEncryption = tls.bool(worse: false).map { stated in
            StoreSetting(stated, note: stated.value.known == false
                ? tls.worstCaseNote(worse: false) ?? "TLSEnabled is false" : nil)
        }
        deployment.dataStores.append(store)
    }
}
