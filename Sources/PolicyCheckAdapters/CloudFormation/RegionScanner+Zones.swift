import PolicyCheckModel

/// Availability Zone properties, read for the region their zone is in, as Terraform's `availability_zone` and
/// `availability_zones` are: an `AWS::EC2::Volume` in `eu-west-1a` keeps its data in eu-west-1.
extension RegionScanner {
    /// Properties whose value is an Availability Zone name, or a list of them, whatever the resource type and at any
    /// depth: `AvailabilityZone` (an instance, volume, subnet or DB instance,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html#cfn-ec2-volume-availabilityzone;
    /// a launch template's `Placement`), `AvailabilityZones` (an Auto Scaling group, a Classic Load Balancer, a DB
    /// cluster,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-availabilityzones).
    /// `AvailabilityZoneId`: a subnet's zone by its ID (`use1-az1`, read by `AvailabilityZoneID`; an ID names the
    /// same zone in every account,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html#cfn-ec2-subnet-availabilityzoneid).
    /// `AvailabilityZoneName`: an EFS One Zone file system's zone, and the zone a replication destination's One Zone
    /// file system is created in (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-filesystem.html,
    /// …/aws-properties-efs-filesystem-replicationdestination.html).
    static let zoneProperties: Set<String> = ["AvailabilityZone", "AvailabilityZones", "AvailabilityZoneName",
                                              "AvailabilityZoneId"]
    /// Properties whose value is a zone only in some types (by key, the types): an S3 directory bucket's
    /// `LocationName`, "the Zone ID of the Availability Zone (AZ) or Local Zone (LZ) where the bucket will be created"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-directorybucket.html,
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_LocationInfo.html).
    static let typedZoneProperties: [String: Set<String>] = ["LocationName": ["AWS::S3Express::DirectoryBucket"]]

    /// Records the region of one value of a zone property; `false` for a list or mapping, which the caller walks.
    ///
    /// A zone name counts by its region, unless it is the region the stack is in wherever the value is used (a
    /// region-keyed `!FindInMap` entry's). A zone of the stack's own region — `!Select [i, !GetAZs '']`, a parameter
    /// of type `AWS::EC2::AvailabilityZone::Name`, `!Sub '${AWS::Region}a'` — is no finding; a zone `!GetAZs` picks
    /// from a named region counts by that region. Another resource's attribute (`!GetAtt Instance.AvailabilityZone`)
    /// is that resource's zone: `AWS::Region` is "the Region in which the encompassing resource is being created"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html), the
    /// stack's for every resource of the template, and any other zone the resource names is read on it. A zone the
    /// template does not decide (a `String` parameter without a default, a custom resource's attribute) cannot be
    /// verified, as a region property's; text that is neither a zone name nor a zone ID names no region.
    static func recordZone(_ value: TemplateValue, path: String, key: String, offset: Int, context: ResourceContext,
                           stackRegion: String?, into found: inout [RegionReference]) -> Bool {
        let origin = Origin(offset: offset, path: path)
        switch value {
        case .sequence, .mapping:
            return false
        case .string(let zone):
            if let region = AvailabilityZoneName.region(of: zone) ?? AvailabilityZoneID.region(of: zone),
               region != stackRegion {
                found.append(RegionReference(region, at: origin, component: context.component,
                                             role: "\(key) '\(zone)'"))
            }
        case .unknown(let reason, let text):
            guard let text else {
                found.append(RegionReference(unknown: reason, at: origin, component: context.component, role: key))
                break
            }
            if isStackRegionZone(text) { break }
            if RegionCode.isWellFormed(text) {
                if text != stackRegion {
                    found.append(RegionReference(text, at: origin, component: context.component,
                                                 role: "\(key) (!GetAZs '\(text)')"))
                }
                break
            }
            found.append(RegionReference(unknown: reason, at: origin, component: context.component, role: key))
        case .resource(_, let type, _) where type.hasPrefix("AWS::"):
            break
        case .resource:
            found.append(RegionReference(unknown: value.unknownReason(expected: "an Availability Zone"), at: origin,
                                         component: context.component, role: key))
        case .bool, .number, .absent:
            break
        }
        return true
    }

    /// Whether an unknown value's text is a zone of the stack's region: its zones (`${AWS::Region}`), or the stack's
    /// region followed by a zone letter (`${AWS::Region}a`).
    private static func isStackRegionZone(_ text: String) -> Bool {
        let stack = IntrinsicResolver.stackRegionText
        guard text.hasPrefix(stack) else { return false }
        return text.utf8.dropFirst(stack.utf8.count).allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }
}
