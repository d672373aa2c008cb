import PolicyCheckModel

/// `AWS::RDS::DBProxy`, the endpoint a database is reached through, as Terraform's `aws_db_proxy`: whether clients
/// must use TLS is its own `RequireTLS` (default false,
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBProxy.html), judged by MMC-ENC-003; its data
/// is its database's, so at-rest encryption is not its own.
enum DatabaseProxyMapper: ResourceMapper {
    static let types = ["AWS::RDS::DBProxy"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let flag = context.properties.child("RequireTLS")
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: flag.origin))
        store.encryptionIsOwn = false
        store.storageType = Located(DataStore.databaseProxyStorageType, at: context.modelOrigin)
        store.transitEncryption = flag.isAbsent
            ? StoreSetting(.known(false), at: flag.origin, note: "RequireTLS is not set, and RDS Proxy then accepts connections without TLS")
            : flag.bool(worse: false, absentMeans: false).map { StoreSetting($0, note: flag.worstCaseNote(worse: false, absentMeans: false)) }
        deployment.dataStores.append(store)
    }
}
