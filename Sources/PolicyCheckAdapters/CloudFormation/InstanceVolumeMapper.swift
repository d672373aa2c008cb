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
/// An instance always has a root volume, on the device its AMI names (`RootVolume`): when no mapping with an `Ebs`
/// block names a root device, the root volume's encryption is not declared, as for a Terraform instance without
/// `root_block_device`. A launch configuration or launch template is judged the same way, once, on itself: every
/// instance an Auto Scaling group (or anything else) launches from it has that root volume, whoever refers to it and
/// however. Mappings that differ between an `!If`'s branches or a parameter's allowed values are judged at their worst;
/// a device name known only at deployment cannot be verified. An instance launched from a launch template takes its
/// volumes from it: its root volume cannot be verified on the instance.
enum InstanceVolumeMapper: ResourceMapper {
    static let types = ["AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::LaunchTemplate"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        if context.resource.type == "AWS::EC2::LaunchTemplate" {
            mapVolumes(context.properties.child("LaunchTemplateData", "BlockDeviceMappings"), launchTemplate: nil,
                       context: context, into: &deployment)
        } else {
            mapVolumes(context.properties.child("BlockDeviceMappings"),
                       launchTemplate: context.properties.child("LaunchTemplate"), context: context, into: &deployment)
        }
    }

    /// The volumes of one instance's (or launch template's) `BlockDeviceMappings`: one per mapping with an `Ebs`
    /// block, and the root volume when no mapping covers the root device — unless the instance is launched from its
    /// `LaunchTemplate` (`nil` for a launch template itself). Shared with `SpotFleetMapper`.
    static func mapVolumes(_ mappings: PropertyValue, launchTemplate: PropertyValue?, context: ResourceContext,
                           into deployment: inout Deployment) {
        for mapping in mappings.items() {
            let ebs = mapping.child("Ebs")
            guard !ebs.isAbsent else { continue }  // an instance store (`VirtualName`) or `NoDevice`
            deployment.dataStores.append(volume(ebs, device: mapping, context: context, into: &deployment))
        }
        let root = rootMapping(mappings)
        if case .mapped = root { return }
        if let launchTemplate, !launchTemplate.isAbsent {
            // Its volumes are the launch template's, judged there, or the AMI's.
            let reason = EncryptedElsewhere.launchTemplateRoot
            var store = DataStore(kind: .volume, component: context.component, origin: mappings.origin,
                                  encryption: Encryption(origin: mappings.origin))
            store.encryption.atRest = Located(.unknown(reason: reason), at: launchTemplate.origin)
            store.encryption.kmsKey = Located(.unknown(reason: reason), at: launchTemplate.origin)
            deployment.dataStores.append(store)
        } else if let store = RootVolume.store(root, component: context.component, origin: mappings.origin) {
            deployment.dataStores.append(store)
        }
    }

    // MARK: - The root device

    /// Whether `mappings` cover the root device: in each of the lists it may be (an `!If` between lists, a resolved
    /// `AWS::NoValue`), some mapping must; the worst list decides.
    private static func rootMapping(_ mappings: PropertyValue) -> RootVolume.Mapping {
        mappings.eachAlternative.map { list in
            list.items().reduce(RootVolume.Mapping.unmapped) { $0.or(rootMapping(ofItem: $1)) }
        }.reduce(.mapped) { $0.worse($1) }
    }

    /// One mapping, in every value it may take: it covers the root device only if each value is an `Ebs` mapping of
    /// a root device name.
    private static func rootMapping(ofItem item: PropertyValue) -> RootVolume.Mapping {
        item.eachAlternative.map { mapping in
            guard !mapping.child("Ebs").isAbsent else { return RootVolume.Mapping.unmapped }
            let device = mapping.child("DeviceName")
            return device.possibleValues.map { name in
                if let text = name.scalarText { return RootVolume.Mapping.device(text) }
                if name.isAbsent { return .unmapped }
                let why = name.unknownReason(expected: "a device name")
                return .unknown(reason: RootVolume.unknownReason(of: "DeviceName", why), at: device.origin)
            }.reduce(.mapped) { $0.worse($1) }
        }.reduce(.mapped) { $0.worse($1) }
    }

    /// One mapping's volume: `Encrypted` and `KmsKeyId` in `ebs`, located at `device`.
    private static func volume(_ ebs: PropertyValue, device: PropertyValue, context: ResourceContext,
                               into deployment: inout Deployment) -> DataStore {
        let flag = ebs.child("Encrypted")
        let key = ebs.child("KmsKeyId")
        var store = DataStore(kind: .volume, component: context.component, origin: device.origin,
                              encryption: Encryption(origin: flag.origin))
        if !flag.isAbsent {
            store.encryption.atRest = flag.bool(worse: false, absentMeans: false)
            store.encryption.atRestNote = flag.worstCaseNote(worse: false, absentMeans: false)
        }
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
