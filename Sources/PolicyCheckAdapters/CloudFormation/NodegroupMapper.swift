import PolicyCheckModel

/// `AWS::EKS::Nodegroup` without a `LaunchTemplate` is a volume store of its nodes' root volumes, as Terraform's
/// `aws_eks_node_group` is: EKS launches them from a template of its own that states no encryption
/// (`EncryptedElsewhere.nodeGroupDefaultTemplate`). One with a launch template takes its volumes from it, judged as
/// `AWS::EC2::LaunchTemplate`.
enum NodegroupMapper: ResourceMapper {
    static let types = ["AWS::EKS::Nodegroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let template = context.properties.child("LaunchTemplate")
        guard template.isAbsent else { return }
        var encryption = Encryption(origin: template.origin)
        encryption.undeclared = EncryptedElsewhere.nodeGroupDefaultTemplate
        deployment.dataStores.append(DataStore(kind: .volume, component: context.component, origin: context.modelOrigin,
                                               encryption: encryption))
    }
}
