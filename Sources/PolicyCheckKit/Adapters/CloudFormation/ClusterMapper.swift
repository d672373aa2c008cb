/// `AWS::EKS::Cluster`: its Kubernetes secrets become a `secrets` store, its public API endpoint an allowlist.
///
/// EKS always encrypts Kubernetes API data at rest (etcd volumes, and envelope encryption with an AWS-owned key);
/// an `EncryptionConfig` for `secrets` with `Provider.KeyArn` puts a customer key in charge, so the store is
/// encrypted at rest and its key is that `KeyArn`, or AWS-managed without one. The endpoint is public unless
/// `ResourcesVpcConfig.EndpointPublicAccess` is false, and `PublicAccessCidrs` defaults to `0.0.0.0/0` (port 443).
enum ClusterMapper: ResourceMapper {
    static let types = ["AWS::EKS::Cluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let configs = properties.child("EncryptionConfig")
        let secrets = configs.items().first { config in
            config.child("Resources").items().contains { $0.knownText == "secrets" }
        }
        let keyValue = secrets?.child("Provider", "KeyArn") ?? configs
        var store = DataStore(kind: .secrets, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: keyValue.origin))
        store.encryption.atRest = Located(.known(true), at: keyValue.origin)
        if secrets != nil {
            store.encryption.kmsKey = KMSKeyProperty.read(keyValue, context: context, into: &deployment)
        }
        deployment.dataStores.append(store)
        readEndpoint(properties.child("ResourcesVpcConfig"), context: context, into: &deployment)
    }

    private static func readEndpoint(_ vpc: PropertyValue, context: ResourceContext, into deployment: inout Deployment) {
        if vpc.child("EndpointPublicAccess").bool(worse: true, absentMeans: true)?.value == .known(false) { return }
        let cidrs = vpc.child("PublicAccessCidrs")
        var list = Allowlist(kind: .endpointPublicAccess, component: context.component, origin: cidrs.origin,
                             internetFacing: true, hasDescriptionField: false)
        let https = PortRange(443, 443)
        if cidrs.isAbsent {
            list.entries.append(AllowlistEntry(cidr: Located(.known("0.0.0.0/0"), at: cidrs.origin), description: nil,
                                               enabled: true, origin: cidrs.origin, ports: https))
        }
        for item in cidrs.items() {
            guard let cidr = item.string(worst: SecurityGroupMapper.breadth) else { continue }
            list.entries.append(AllowlistEntry(cidr: cidr, description: nil, enabled: true, origin: item.origin, ports: https))
        }
        deployment.allowlists.append(list)
    }
}
