import PolicyCheckModel

/// `AWS::DAX::Cluster` becomes a cache store, as Terraform's `aws_dax_cluster` does.
///
/// `SSESpecification.SSEEnabled` turns encryption at rest on; not set, DAX does not encrypt (not declared, as for a
/// switched store) (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dax-cluster-ssespecification.html).
/// DAX encrypts with its single service default key, an AWS managed key, and takes no customer key
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html): no key is named.
/// `ClusterEndpointEncryptionType` is `NONE` (no encryption, the default) or `TLS`
/// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_dax_CreateCluster.html).
enum DAXMapper: ResourceMapper {
    static let types = ["AWS::DAX::Cluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let flag = properties.child("SSESpecification", "SSEEnabled")
        var store = DataStore(kind: .cache, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: flag.origin))
        if !flag.isAbsent {
            store.encryption.atRest = flag.bool(worse: false, absentMeans: false)
            store.encryption.atRestNote = flag.worstCaseNote(worse: false, absentMeans: false)
        }
        store.encryption.keyNote = EncryptedElsewhere.daxKeyNote
        store.transitEncryption = properties.child("ClusterEndpointEncryptionType").choice(on: ["TLS"], absent: "NONE")
        deployment.dataStores.append(store)
    }
}
