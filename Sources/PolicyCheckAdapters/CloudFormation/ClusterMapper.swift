import PolicyCheckModel

/// `AWS::EKS::Cluster`: its Kubernetes secrets become a `secrets` store, its public API endpoint an allowlist.
///
/// Read as Terraform's `aws_eks_cluster` is (`TerraformClusterReader`), so a cluster gets the same findings in both:
/// only an `EncryptionConfig` for `secrets` states envelope encryption of the secrets (with `Provider.KeyArn` as its
/// key); without one the template states no encryption for them. The endpoint is public unless
/// `ResourcesVpcConfig.EndpointPublicAccess` is false, and `PublicAccessCidrs` defaults to `0.0.0.0/0`; it is the
/// Kubernetes API, administrative access, so its entries carry no port and are judged as all-port rules.
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
        if secrets != nil {
            store.encryption.atRest = Located(.known(true), at: keyValue.origin)
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
        if cidrs.isAbsent {
            list.entries.append(AllowlistEntry(cidr: Located(.known("0.0.0.0/0"), at: cidrs.origin), description: nil,
                                               enabled: true, origin: cidrs.origin))
        }
        for item in cidrs.items() {
            guard let cidr = item.string(worst: SecurityGroupMapper.breadth) else { continue }
            list.entries.append(AllowlistEntry(cidr: cidr, description: nil, enabled: true, origin: item.origin))
        }
        deployment.allowlists.append(list)
    }
}
