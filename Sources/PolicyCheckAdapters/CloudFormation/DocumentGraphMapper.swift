import PolicyCheckModel

/// `AWS::DocDB::DBCluster` and `AWS::Neptune::DBCluster` become database stores, as Terraform's `aws_docdb_cluster`
/// and `aws_neptune_cluster` do: `StorageEncrypted` (not set: not declared) and `KmsKeyId`. A cluster restored from
/// a snapshot or another cluster without `StorageEncrypted` inherits its source's encryption, which the template
/// cannot tell
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-docdb-dbcluster.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-neptune-dbcluster.html).
enum DocumentGraphMapper: ResourceMapper {
    static let types = ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"]
    static let inheritedFrom = ["SnapshotIdentifier", "SourceDBClusterIdentifier"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let before = deployment.dataStores.count
        SwitchedStore.map(context, kind: .database, flag: properties.child("StorageEncrypted"),
                          key: properties.child("KmsKeyId"), inheritedFrom: inheritedFrom, into: &deployment)
        // Automated backups are kept 1 to 35 days (default 1), restorable to any point in that period, as for RDS
        // (https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-nouns_verbs.html,
        // https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore.html).
        if deployment.dataStores.count > before {
            let service = context.resource.type == "AWS::DocDB::DBCluster" ? "DocumentDB" : "Neptune"
            deployment.dataStores[deployment.dataStores.count - 1].backupRetentionDays = properties
                .child("BackupRetentionPeriod")
                .days(absent: 1, absentNote: "BackupRetentionPeriod is not set, and \(service) then keeps 1 day")
            deployment.dataStores[deployment.dataStores.count - 1].logExports = DatabaseSettings.logExports(
                properties, engine: context.resource.type == "AWS::DocDB::DBCluster" ? "docdb" : "neptune")
        }
        // A DocumentDB cluster's TLS is its cluster parameter group's `tls` (enabled by default), as for Terraform's
        // `aws_docdb_cluster` (`DatabaseTransport`).
        if context.resource.type == "AWS::DocDB::DBCluster", !deployment.dataStores.isEmpty {
            let last = deployment.dataStores.count - 1
            deployment.dataStores[last].transitEncryption = DatabaseSettings.transport(
                properties, context: context, groupProperty: "DBClusterParameterGroupName",
                groupType: "AWS::DocDB::DBClusterParameterGroup", defaultEngine: "docdb")
            deployment.dataStores[last].transitTLSMinimum = DatabaseSettings.documentDBMinimumTLS(properties, context: context)
            deployment.dataStores[last].storageType = Located(DataStore.documentDBStorageType, at: context.modelOrigin)
        }
    }
}
