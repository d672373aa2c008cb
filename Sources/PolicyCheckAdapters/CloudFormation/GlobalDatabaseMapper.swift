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
        if isMadeFromTemplateCluster(properties) {
            deployment.dataStores[deployment.dataStores.count - 1].encryptionIsOwn = false
        }
    }

    /// The DB cluster types a global database may be made from.
    static let clusterTypes: Set<String> = ["AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"]

    /// Whether a global database is made, in every alternative, from a DB cluster of the template
    /// (`SourceDBClusterIdentifier: !GetAtt Cluster.DBClusterArn`): it is stored as that cluster is, whose
    /// encryption is judged on the cluster, so the global database is not "cannot be verified" on its own (tester,
    /// round 37; a read replica follows its source likewise).
    static func isMadeFromTemplateCluster(_ properties: PropertyValue) -> Bool {
        let source = properties.child("SourceDBClusterIdentifier")
        return !source.alternatives.isEmpty && source.alternatives.allSatisfy { value in
            if case .resource(_, let type, _) = value { return clusterTypes.contains(type) }
            return false
        }
    }
}
