import PolicyCheckModel

/// `AWS::Neptune::DBInstance`: a database whose encryption is its cluster's, and whose public endpoint is its own —
/// "The public endpoint setting is available on the Neptune instance, not the Neptune cluster", allowing "direct
/// connections to Neptune over the internet" (https://docs.aws.amazon.com/neptune/latest/userguide/neptune-public-endpoints.html;
/// the resource's `PubliclyAccessible`, CDK's `CfnDBInstance.publiclyAccessible`). Read as Terraform's
/// `aws_neptune_cluster_instance` (review, round 36: a public instance passed in templates).
enum NeptuneInstanceMapper: ResourceMapper {
    static let types = ["AWS::Neptune::DBInstance"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let access = context.properties.child("PubliclyAccessible")
        guard !access.isAbsent else { return }
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: access.origin))
        store.encryptionIsOwn = false
        store.publicAccess = access.bool(worse: true)
        deployment.dataStores.append(store)
    }
}
