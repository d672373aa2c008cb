import PolicyCheckModel

/// `AWS::RedshiftServerless::Workgroup`, its namespace's endpoint, as Terraform's `aws_redshiftserverless_workgroup`
/// (`RedshiftServerlessWorkgroup`): public when `PubliclyAccessible` is true in any branch (not set: private), TLS
/// required as `require_ssl` in `ConfigParameters` states it at its worst; its data and key are its namespace's.
enum RedshiftWorkgroupMapper: ResourceMapper {
    static let types = ["AWS::RedshiftServerless::Workgroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: context.modelOrigin))
        store.encryptionIsOwn = false
        store.storageType = Located(DataStore.redshiftWorkgroupStorageType, at: context.modelOrigin)
        store.publicAccess = properties.child("PubliclyAccessible").bool(worse: true, absentMeans: false)
        let parameters = properties.child("ConfigParameters").items().map { parameter in
            let value = parameter.child("ParameterValue")
            let stated = value.string(worst: { $0.lowercased() == "true" ? 0 : 1 })
            var entry = RedshiftServerlessWorkgroup.Parameter(key: parameter.child("ParameterKey").knownText,
                                                               value: nil, origin: stated?.origin ?? value.origin)
            switch stated?.value {
            case .known(let text)?: entry.value = text
            case .unknown(let reason)?: entry.unknown = reason
            case nil: break
            }
            return entry
        }
        store.transitEncryption = RedshiftServerlessWorkgroup.requireSSL(parameters, in: context.component)
        deployment.dataStores.append(store)
    }
}
