import PolicyCheckModel

/// `AWS::FSx::FileSystem` becomes a file store, as Terraform's `aws_fsx_*_file_system` do. FSx encrypts every file
/// system at rest, with the key `KmsKeyId` names or else its AWS managed key
/// (https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html), so only the key is judged
/// (MMC-ENC-002). A scratch Lustre file system (`LustreConfiguration.DeploymentType` `SCRATCH_1`, the default, or
/// `SCRATCH_2`) takes no customer key: "If you create a scratch file system, the data is encrypted using keys managed
/// by Amazon FSx" (https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html), which the finding says.
enum FSxMapper: ResourceMapper {
    static let types = ["AWS::FSx::FileSystem"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        var store = SwitchedStore.alwaysEncrypted(context, kind: .fileStore, key: properties.child("KmsKeyId"), into: &deployment)
        if properties.child("FileSystemType").knownText?.uppercased() == "LUSTRE" {
            let type = properties.child("LustreConfiguration", "DeploymentType")
            if type.possibleValues.contains(where: { ($0.isAbsent ? "SCRATCH_1" : $0.scalarText ?? "").uppercased().hasPrefix("SCRATCH") }) {
                store.encryption.keyNote = TerraformDataStoreReader.scratchKeyNote
            }
        }
        deployment.dataStores.append(store)
    }
}
