import PolicyCheckModel

/// A plan must not replace a store that keeps data (delete it and create a new one): the new one starts empty.
/// Changing an RDS database's encryption or KMS key forces exactly this, since RDS sets both only at creation; the
/// safe path is a snapshot, an encrypted copy of it and a restore
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations,
/// https://developer.hashicorp.com/terraform/internals/json-format#change-representation). So it is for an EFS
/// file system ("you cannot change its encryption setting … create a new, encrypted file system",
/// https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html), an EBS volume (encrypted only at creation or
/// from an encrypted snapshot, https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html) and a MemoryDB
/// cluster, a durable database whose key is set only at creation (`UpdateCluster` takes none,
/// https://docs.aws.amazon.com/memorydb/latest/APIReference/API_UpdateCluster.html). Before round 36 only databases
/// were judged: a MemoryDB cluster or file system replaced to add a key passed (tester).
public struct StoreReplacementCheck: Check {
    public static let name = "availability.store-replacement"

    let kinds: [String]
    let storageTypes: [String]

    public init(parameters: CheckParameters) {
        kinds = parameters.strings("kinds", default: [DataStoreKind.database.rawValue, DataStoreKind.fileStore.rawValue,
                                                      DataStoreKind.volume.rawValue])
        storageTypes = parameters.strings("storageTypes", default: [DataStore.memoryDBStorageType])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        // Only a plan states what happens to a store; manifests and templates describe the result.
        guard deployment.format == .terraformPlan else { return [] }
        return deployment.dataStores.compactMap { store in
            guard kinds.contains(store.kind.rawValue) || store.storageType.map({ storageTypes.contains($0.value) }) == true
            else { return nil }
            guard let replaced = store.replacedAt else { return CheckResult(store.component, .pass) }
            return CheckResult(store.component, .fail([Evidence(
                "the plan replaces the \(store.displayName) with a new one (its actions delete and create, in either order): its data does not carry over to the new one; \(Self.saferPath(store))",
                at: replaced
            )]))
        }
    }

    /// How to change what forced the replacement and keep the data.
    static func saferPath(_ store: DataStore) -> String {
        switch (store.kind, store.storageType?.value) {
        case (_, "s3"?):
            return "a bucket cannot be renamed (its encryption and key change in place): create the new bucket beside it, copy the objects across (S3 Batch Operations, or aws s3 sync), then remove the old one"
        case (.fileStore, _):
            return "to change encryption or its key, create a new encrypted file system beside it and copy the data across (AWS DataSync, or an AWS Backup restore into the new file system), then switch over"
        case (.volume, _):
            return "to change encryption or its key, snapshot it, create a new volume from the snapshot encrypted with the key, and switch over"
        case (_, DataStore.memoryDBStorageType?):
            return "to change its key, snapshot it and create a new cluster from the snapshot naming the key, then switch over"
        default:
            return "to change encryption or its key, snapshot it, copy the snapshot encrypted with the key and restore from the copy"
        }
    }
}
