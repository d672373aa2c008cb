import PolicyCheckModel

/// Whether an `AWS::RDS::DBInstance` that does not state `PubliclyAccessible` is public. CloudFormation passes no
/// value, so the default depends on the VPC and the DB subnet group
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible)
/// as RDS decides it
/// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, `PubliclyAccessible`):
/// without a `DBSubnetGroupName` the instance is created in the region's default VPC and is public when that VPC
/// has an internet gateway attached — every default VPC is created with one
/// (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html) —, and with one it is public when the subnet
/// group's VPC has an internet gateway attached. Terraform's provider sends `publicly_accessible = false` instead, so
/// a Terraform database without it is private.
enum DatabasePublicDefault {
    /// The instance's public accessibility, with a note saying why, when `PubliclyAccessible` is not set.
    static func access(_ properties: PropertyValue, context: ResourceContext) -> (Located<Fact<Bool>>, note: String?) {
        let origin = properties.child("PubliclyAccessible").origin
        let group = properties.child("DBSubnetGroupName")
        if group.isAbsent {
            return (Located(.known(true), at: origin),
                    "PubliclyAccessible is not set and no DBSubnetGroupName is, so RDS creates the instance in the region's default VPC, which is created with an internet gateway, and makes it public")
        }
        guard let vpcs = subnetGroupVPCs(group, context: context) else {
            return (Located(.unknown(reason: "PubliclyAccessible is not set, and RDS then makes the instance public when its DB subnet group's VPC has an internet gateway attached, which this template does not decide"),
                            at: origin), nil)
        }
        for vpc in vpcs {
            guard let attachment = gatewayAttachment(of: vpc, context: context) else { continue }
            return (Located(.known(true), at: origin),
                    "PubliclyAccessible is not set and its DB subnet group's VPC '\(vpc)' has an internet gateway attached ('\(attachment)'), so RDS makes it public")
        }
        return (Located(.unknown(reason: "PubliclyAccessible is not set, and RDS then makes the instance public when its DB subnet group's VPC has an internet gateway attached; no attachment to \(vpcs.map { "'\($0)'" }.joined(separator: ", ")) is in this template, but one made elsewhere would be"),
                        at: origin), nil)
    }

    /// The logical ids of the VPCs of a DB subnet group of the template, when every subnet of it is a subnet of the
    /// template in a VPC of the template; `nil` otherwise.
    private static func subnetGroupVPCs(_ group: PropertyValue, context: ResourceContext) -> [String]? {
        let template = context.template
        guard group.alternatives.count == 1, case .resource(let groupID, "AWS::RDS::DBSubnetGroup", nil) = group.alternatives[0],
              let groupResource = template.resource(groupID) else { return nil }
        let groupProperties = ResourceContext(resource: groupResource, template: template, resolver: context.resolver).properties
        var vpcs: [String] = []
        let subnets = groupProperties.child("SubnetIds").items()
        guard !subnets.isEmpty else { return nil }
        for subnet in subnets {
            guard subnet.alternatives.count == 1, case .resource(let subnetID, "AWS::EC2::Subnet", nil) = subnet.alternatives[0],
                  let subnetResource = template.resource(subnetID) else { return nil }
            let vpc = ResourceContext(resource: subnetResource, template: template, resolver: context.resolver).properties.child("VpcId")
            guard vpc.alternatives.count == 1, case .resource(let vpcID, "AWS::EC2::VPC", nil) = vpc.alternatives[0] else { return nil }
            if !vpcs.contains(vpcID) { vpcs.append(vpcID) }
        }
        return vpcs
    }

    /// The logical id of an `AWS::EC2::VPCGatewayAttachment` of the template that attaches an internet gateway to
    /// the VPC: those naming it by `Ref` from the template's index, those whose `VpcId` is written otherwise
    /// (`!If`, `!GetAtt`) resolved.
    private static func gatewayAttachment(of vpc: String, context: ResourceContext) -> String? {
        let attachments = context.template.internetGatewayAttachments
        let candidates = (attachments.byVPC[vpc] ?? []) + attachments.other
        return candidates.first { resource in
            let properties = ResourceContext(resource: resource, template: context.template, resolver: context.resolver).properties
            return properties.child("VpcId").alternatives.contains {
                if case .resource(vpc, "AWS::EC2::VPC", nil) = $0 { return true }
                return false
            } && !properties.child("InternetGatewayId").isAbsent
        }?.logicalID
    }
}
