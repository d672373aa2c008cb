import PolicyCheckModel

/// `AWS::EKS::Cluster`: its Kubernetes secrets become a `secrets` store, its public API endpoint an allowlist.
///
/// Read as Terraform's `aws_eks_cluster` is (`TerraformClusterReader`), so a cluster gets the same findings in both:
/// only an `EncryptionConfig` for `secrets` states envelope encryption of the secrets (with `Provider.KeyArn` as its
/// key); without one, EKS envelope-encrypts them with an AWS owned key from Kubernetes 1.28 (`EKSDefaultEncryption`),
/// and only a `Version` older than that leaves them without encryption at rest. The endpoint is public unless
/// `ResourcesVpcConfig.EndpointPublicAccess` is false, and `PublicAccessCidrs` defaults to `0.0.0.0/0`; it is the
/// Kubernetes API, administrative access, so its entries carry no port and are judged as all-port rules.
///
/// CDK's `eks.Cluster` synthesizes a `Custom::AWSCDK-EKS-Cluster` instead, whose `Config` its handler passes to
/// EKS's `CreateCluster` as it stands (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html):
/// the same settings under the API's names (`resourcesVpcConfig.endpointPublicAccess`, `encryptionConfig[].provider
/// .keyArn`), with the same defaults, read the same way.
enum ClusterMapper: ResourceMapper {
    static let types = ["AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster"]

    /// The property names of a cluster: CloudFormation's, or the EKS API's in CDK's `Config`.
    private struct Names {
        var encryptionConfig = "EncryptionConfig", resources = "Resources", provider = "Provider", keyArn = "KeyArn"
        var version = "Version"
        var vpcConfig = "ResourcesVpcConfig", endpointPublicAccess = "EndpointPublicAccess"
        var publicAccessCidrs = "PublicAccessCidrs"

        static let cloudFormation = Names()
        static let api = Names(encryptionConfig: "encryptionConfig", resources: "resources", provider: "provider",
                               keyArn: "keyArn", version: "version", vpcConfig: "resourcesVpcConfig",
                               endpointPublicAccess: "endpointPublicAccess", publicAccessCidrs: "publicAccessCidrs")
    }

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let isCDK = context.resource.type == "Custom::AWSCDK-EKS-Cluster"
        let properties = isCDK ? context.properties.child("Config") : context.properties
        let names = isCDK ? Names.api : Names.cloudFormation
        let configs = properties.child(names.encryptionConfig)
        let secrets = configs.items().first { config in
            config.child(names.resources).items().contains { $0.knownText == "secrets" }
        }
        let keyValue = secrets?.child(names.provider, names.keyArn) ?? configs
        var store = DataStore(kind: .secrets, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: keyValue.origin))
        if secrets != nil {
            store.encryption.atRest = Located(.known(true), at: keyValue.origin)
            store.encryption.kmsKey = KMSKeyProperty.read(keyValue, context: context, into: &deployment)
        } else {
            let version = properties.child(names.version)
            EKSDefaultEncryption.apply(version: version.knownText, at: version.isAbsent ? keyValue.origin : version.origin,
                                       to: &store)
        }
        deployment.dataStores.append(store)
        readEndpoint(properties.child(names.vpcConfig), names: names, context: context, into: &deployment)
    }

    private static func readEndpoint(_ vpc: PropertyValue, names: Names, context: ResourceContext,
                                     into deployment: inout Deployment) {
        if vpc.child(names.endpointPublicAccess).bool(worse: true, absentMeans: true)?.value == .known(false) { return }
        let cidrs = vpc.child(names.publicAccessCidrs)
        var list = Allowlist(kind: .endpointPublicAccess, component: context.component, origin: cidrs.origin,
                             internetFacing: true, hasDescriptionField: false)
        if cidrs.isAbsent {
            list.entries.append(AllowlistEntry(cidr: Located(.known("0.0.0.0/0"), at: cidrs.origin), description: nil,
                                               enabled: true, origin: cidrs.origin))
        }
        for item in cidrs.items() {
            guard let cidr = item.string(worst: SecurityGroupMapper.breadth,
                                         dominates: SecurityGroupMapper.admitsEveryone) else { continue }
            list.entries.append(AllowlistEntry(cidr: cidr, description: nil, enabled: true, origin: item.origin))
        }
        deployment.allowlists.append(list)
    }
}
