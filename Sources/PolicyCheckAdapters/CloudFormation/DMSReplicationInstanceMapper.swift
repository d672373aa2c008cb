import PolicyCheckModel

/// `AWS::DMS::ReplicationInstance` becomes a database store, as Terraform's `aws_dms_replication_instance` does
/// (`DMSReplicationInstance`): always encrypted, with `KmsKeyId` or DMS's default key; public when
/// `PubliclyAccessible` is true in any branch or not set (DMS's default).
enum DMSReplicationInstanceMapper: ResourceMapper {
    static let types = ["AWS::DMS::ReplicationInstance"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        var store = SwitchedStore.alwaysEncrypted(context, kind: .database, key: context.properties.child("KmsKeyId"),
                                                  into: &deployment)
        store.storageType = Located(DataStore.dmsStorageType, at: context.modelOrigin)
        let flag = context.properties.child("PubliclyAccessible")
        store.publicAccess = flag.bool(worse: true, absentMeans: true)
        if flag.possibleValues.contains(where: \.isAbsent) {
            store.publicAccessNote = DMSReplicationInstance.publicByDefault("PubliclyAccessible")
        }
        deployment.dataStores.append(store)
    }
}
