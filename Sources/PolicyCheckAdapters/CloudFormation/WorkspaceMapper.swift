import PolicyCheckModel

/// `AWS::WorkSpaces::Workspace` holds two volumes, each a volume store: the root volume (`RootVolumeEncryptionEnabled`)
/// and the user volume (`UserVolumeEncryptionEnabled`), both under `VolumeEncryptionKey` (absent: the AWS managed
/// `aws/workspaces` key). WorkSpaces encrypts a volume only when asked at launch ("Indicates whether the data stored
/// on the root volume is encrypted", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspaces-workspace.html;
/// "You can't encrypt an existing WorkSpace", https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html),
/// so an absent switch is not declared and `false` is off. Round 25: eijikominami/aws-cloudformation-templates'
/// `euc/templates/workspaces.yaml` turns both off and passed.
enum WorkspaceMapper: ResourceMapper {
    static let types = ["AWS::WorkSpaces::Workspace"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        for flag in ["RootVolumeEncryptionEnabled", "UserVolumeEncryptionEnabled"] {
            SwitchedStore.map(context, kind: .volume, flag: properties.child(flag),
                              key: properties.child("VolumeEncryptionKey"), into: &deployment)
        }
    }
}
