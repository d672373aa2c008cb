import PolicyCheckModel
import PolicyCheckSyntax

/// The EBS volumes an `AWS::EC2::Instance`, `AWS::AutoScaling::LaunchConfiguration` (`BlockDeviceMappings`) or
/// `AWS::EC2::LaunchTemplate` (`LaunchTemplateData.BlockDeviceMappings`) attaches, read as Terraform's instances,
/// launch configurations and launch templates are: one volume store per mapping with an `Ebs` block, named by the
/// resource's logical id and located at the mapping; `Ebs.Encrypted` (not set: not declared, as the account's EBS
/// default decides, which a template cannot show) and `Ebs.KmsKeyId` (a launch configuration has none: the
/// AWS-managed `aws/ebs` key). A volume made from a snapshot without `Encrypted` inherits the snapshot's encryption
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-instance-ebs.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-ebs.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-autoscaling-launchconfiguration-blockdevice.html).
///
/// An instance always has a root volume, on the device its AMI names (`/dev/xvda` or `/dev/sda1`); when no mapping
/// with an `Ebs` block names a root device (or a device the template leaves to a parameter), the root volume's
/// encryption is not declared, as for a Terraform instance without `root_block_device`. An instance launched from a
/// launch template takes its volumes from it: its root volume cannot be verified on the instance. A launch template
/// states only the mappings it overrides.
enum InstanceVolumeMapper: ResourceMapper {
    static let types = ["AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::LaunchTemplate"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let isTemplate = context.resource.type == "AWS::EC2::LaunchTemplate"
        let mappings = isTemplate
            ? context.properties.child("LaunchTemplateData", "BlockDeviceMappings")
            : context.properties.child("BlockDeviceMappings")
        var rootMapped = false
        for mapping in mappings.items() {
            let ebs = mapping.child("Ebs")
            guard !ebs.isAbsent else { continue }  // an instance store (`VirtualName`) or `NoDevice`
            deployment.dataStores.append(volume(ebs, device: mapping, context: context, into: &deployment))
            // A device the template does not name (a parameter) may be the root one.
            let device = mapping.child("DeviceName").knownText
            rootMapped = rootMapped || device.map(Self.rootDeviceNames.contains) ?? true
        }
        guard !isTemplate, !rootMapped else { return }
        var root = DataStore(kind: .volume, component: context.component, origin: mappings.origin,
                             encryption: Encryption(origin: mappings.origin))
        let launchTemplate = context.properties.child("LaunchTemplate")
        if !launchTemplate.isAbsent {
            // Its volumes are the launch template's, judged there, or the AMI's.
            let reason = EncryptedElsewhere.launchTemplateRoot
            root.encryption.atRest = Located(.unknown(reason: reason), at: launchTemplate.origin)
            root.encryption.kmsKey = Located(.unknown(reason: reason), at: launchTemplate.origin)
        }
        deployment.dataStores.append(root)
    }

    /// The device names AMIs give their root volume (`/dev/xvda` on Amazon Linux, `/dev/sda1` on Ubuntu and Windows,
    /// https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html): a mapping of another device leaves the
    /// root volume to the AMI and the account's EBS default, as when no device is mapped.
    static let rootDeviceNames: Set<String> = ["/dev/xvda", "/dev/sda1", "/dev/sda", "xvda", "sda1", "sda"]

    /// One mapping's volume: `Encrypted` and `KmsKeyId` in `ebs`, located at `device`.
    private static func volume(_ ebs: PropertyValue, device: PropertyValue, context: ResourceContext,
                               into deployment: inout Deployment) -> DataStore {
        let flag = ebs.child("Encrypted")
        let key = ebs.child("KmsKeyId")
        var store = DataStore(kind: .volume, component: context.component, origin: device.origin,
                              encryption: Encryption(origin: flag.origin))
        if !flag.isAbsent { store.encryption.atRest = flag.bool(worse: false, absentMeans: false) }
        store.encryption.kmsKey = KMSKeyProperty.read(key, context: context, into: &deployment)
        let snapshot = ebs.child("SnapshotId")
        if store.encryption.atRest == nil, !snapshot.isAbsent {
            let reason = snapshot.knownText.map { "inherited from snapshot '\(Excerpt.quote($0))'" } ?? "inherited from its snapshot"
            store.encryption.atRest = Located(.unknown(reason: reason), at: flag.origin)
            if store.encryption.kmsKey == nil {
                store.encryption.kmsKey = Located(.unknown(reason: reason), at: key.origin)
            }
        }
        return store
    }
}
