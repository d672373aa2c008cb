import PolicyCheckModel

/// `AWS::EC2::Volume` becomes a volume store: `Encrypted` (default false, unless the account encrypts by default,
/// which a template cannot show) and `KmsKeyId`.
enum VolumeMapper: ResourceMapper {
    static let types = ["AWS::EC2::Volume"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        SwitchedStore.map(context, kind: .volume, switch: "Encrypted", into: &deployment)
    }
}
