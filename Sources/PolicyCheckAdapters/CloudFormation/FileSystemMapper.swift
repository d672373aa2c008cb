import PolicyCheckModel

/// `AWS::EFS::FileSystem` becomes a file store, as Terraform's `aws_efs_file_system` does: `Encrypted` (not set:
/// not declared; EFS's API creates an unencrypted file system unless it is true) and `KmsKeyId` (not set: the
/// AWS-managed `aws/elasticfilesystem` key)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-efs-filesystem.html).
enum FileSystemMapper: ResourceMapper {
    static let types = ["AWS::EFS::FileSystem"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        SwitchedStore.map(context, kind: .fileStore, switch: "Encrypted", into: &deployment)
    }
}
