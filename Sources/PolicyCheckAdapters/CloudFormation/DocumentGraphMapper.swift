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
        SwitchedStore.map(context, kind: .database, flag: properties.child("StorageEncrypted"),
                          key: properties.child("KmsKeyId"), inheritedFrom: inheritedFrom, into: &deployment)
    }
}
