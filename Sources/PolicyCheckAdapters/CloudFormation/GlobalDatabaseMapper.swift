import PolicyCheckModel

/// `AWS::DocDB::GlobalCluster` and `AWS::Neptune::GlobalCluster` become database stores, as Terraform's
/// `aws_docdb_global_cluster` and `aws_neptune_global_cluster` do (and `AWS::RDS::GlobalCluster` in `DatabaseMapper`):
/// a global database is created with the storage encryption it states (`StorageEncrypted`; not set: not declared),
/// or, with `SourceDBClusterIdentifier`, takes an existing cluster as its primary and that cluster's encryption,
/// which the template cannot tell
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-globalcluster.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-globalcluster.html).
/// It has no key of its own: each member cluster names one (`Encryption.keyIsMembers`). Before round 37 neither type
/// was read, so a global database stating encryption off passed silently (tester).
enum GlobalDatabaseMapper: ResourceMapper {
    static let types = ["AWS::DocDB::GlobalCluster", "AWS::Neptune::GlobalCluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        SwitchedStore.map(context, kind: .database, flag: properties.child("StorageEncrypted"),
                          key: properties.child("KmsKeyId"), inheritedFrom: ["SourceDBClusterIdentifier"],
                          into: &deployment)
        deployment.dataStores[deployment.dataStores.count - 1].encryption.keyIsMembers = true
    }
}
