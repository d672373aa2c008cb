import PolicyCheckModel

/// The EBS volumes of an `AWS::EC2::SpotFleet`'s instances, CloudFormation's counterpart of Terraform's
/// `aws_spot_fleet_request`: each of `SpotFleetRequestConfigData.LaunchSpecifications` launches instances with its
/// own `BlockDeviceMappings`, read as an `AWS::EC2::Instance`'s are (`InstanceVolumeMapper`): one volume store per
/// mapping with an `Ebs` block, and the root volume when no mapping names a root device. A spot fleet's `Ebs` takes
/// `Encrypted` and `SnapshotId` but no key, so an encrypted volume uses the AWS managed `aws/ebs` key
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-spotfleet-ebsblockdevice.html).
/// Instances launched from `LaunchTemplateConfigs` take their volumes from the launch templates, judged there.
enum SpotFleetMapper: ResourceMapper {
    static let types = ["AWS::EC2::SpotFleet"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        for specification in context.properties.child("SpotFleetRequestConfigData", "LaunchSpecifications").items() {
            // A launch specification is an instance of its own: it has a root volume (and no launch template,
            // so its `LaunchTemplate` is absent).
            InstanceVolumeMapper.mapVolumes(specification.child("BlockDeviceMappings"),
                                            launchTemplate: specification.child("LaunchTemplate"),
                                            context: context, into: &deployment)
        }
    }
}
