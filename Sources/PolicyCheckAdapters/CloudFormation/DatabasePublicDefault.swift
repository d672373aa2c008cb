import PolicyCheckModel
import PolicyCheckSyntax

/// Whether an `AWS::RDS::DBInstance` (or a Multi-AZ DB cluster) that does not state `PubliclyAccessible` is public. CloudFormation passes no
/// value, so the default depends on the VPC and the DB subnet group
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible)
/// as RDS decides it
/// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, `PubliclyAccessible`):
/// without a `DBSubnetGroupName` the instance is created in the region's default VPC and is public when that VPC
/// has an internet gateway attached — every default VPC is created with one
/// (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html) —, and with one it is public when the subnet
/// group's VPC has an internet gateway attached. The group named `default` is the default VPC's: "PubliclyAccessible
/// defaults to false unless the value of DBSubnetGroup is default, in which case PubliclyAccessible defaults to true"
/// (same reference). Terraform's provider sends `publicly_accessible = false` instead, so a Terraform database
/// without it is private.
///
/// A Multi-AZ DB cluster (`AWS::RDS::DBCluster` with `DBClusterInstanceClass`, engine `mysql` or `postgres`) takes
/// the same default: its `PubliclyAccessible` is "Valid for Cluster Type: Multi-AZ DB clusters only", public without
/// a `DBSubnetGroupName` when the default VPC has an internet gateway and with one when the group's VPC has
/// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html, `PubliclyAccessible`). An
/// Aurora cluster's instances decide it, each by its own `PubliclyAccessible` (`DatabaseMapper`).
///
/// Judged at its worst over the alternatives of `DBSubnetGroupName` (`!If` branches, `AllowedValues`): one that
/// leaves the default VPC's group, or names a group whose VPC the template attaches an internet gateway to, makes
/// the database public.
enum DatabasePublicDefault {
    /// What RDS's default decides for a database of `type` that does not set `PubliclyAccessible`: `instance` for a DB
    /// instance that is no read replica (a replica takes the defaults of CreateDBInstanceReadReplica, not read here),
    /// `cluster` for a Multi-AZ DB cluster; `nil` for any other.
    static func subject(_ type: String, _ properties: PropertyValue) -> String? {
        switch type {
        case "AWS::RDS::DBInstance":
            return properties.child("SourceDBInstanceIdentifier").isAbsent ? "instance" : nil
        case "AWS::RDS::DBCluster":
            return isMultiAZCluster(properties) ? "cluster" : nil
        default:
            return nil
        }
    }

    /// Whether a DB cluster is a Multi-AZ DB cluster: it sets `DBClusterInstanceClass`, which is "Valid for Cluster
    /// Type: Multi-AZ DB clusters only" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html),
    /// and its engine may be other than Aurora (Multi-AZ DB clusters run `mysql` and `postgres`).
    private static func isMultiAZCluster(_ properties: PropertyValue) -> Bool {
        guard !properties.child("DBClusterInstanceClass").isAbsent else { return false }
        return !properties.child("Engine").possibleValues.allSatisfy {
            $0.scalarText?.lowercased().hasPrefix("aurora") == true
        }
    }

    /// The database's public accessibility, with a note saying why, when `PubliclyAccessible` is not set; `subject`
    /// names it in the messages (`instance`, `cluster`).
    static func access(_ properties: PropertyValue, context: ResourceContext,
                       subject: String = "instance") -> (Located<Fact<Bool>>, note: String?) {
        let origin = properties.child("PubliclyAccessible").origin
        let group = properties.child("DBSubnetGroupName")
        var undecided = false
        var vpcsWithoutAttachment: [String] = []
        for alternative in group.possibleValues {
            if alternative.isAbsent {
                let unset = group.isAbsent ? "no DBSubnetGroupName is" : "DBSubnetGroupName may be left unset"
                return (Located(.known(true), at: origin),
                        "PubliclyAccessible is not set and \(unset), so RDS creates the \(subject) in the region's default VPC, which is created with an internet gateway, and makes it public")
            }
            if let name = alternative.scalarText, isDefaultVPCGroup(name) {
                return (Located(.known(true), at: origin),
                        "PubliclyAccessible is not set and DBSubnetGroupName is '\(Excerpt.quote(name))', the default VPC's DB subnet group, so RDS makes the \(subject) public (the default VPC is created with an internet gateway)")
            }
            guard let vpcs = subnetGroupVPCs(alternative, context: context) else {
                undecided = true
                continue
            }
            for vpc in vpcs {
                guard let attachment = gatewayAttachment(of: vpc, context: context) else {
                    if !vpcsWithoutAttachment.contains(vpc) { vpcsWithoutAttachment.append(vpc) }
                    continue
                }
                return (Located(.known(true), at: origin),
                        "PubliclyAccessible is not set and its DB subnet group's VPC '\(vpc)' has an internet gateway attached ('\(attachment)'), so RDS makes it public")
            }
        }
        if undecided || vpcsWithoutAttachment.isEmpty {
            return (Located(.unknown(reason: "PubliclyAccessible is not set, and RDS then makes the \(subject) public when its DB subnet group's VPC has an internet gateway attached, which this template does not decide"),
                            at: origin), nil)
        }
        return (Located(.unknown(reason: "PubliclyAccessible is not set, and RDS then makes the \(subject) public when its DB subnet group's VPC has an internet gateway attached; no attachment to \(vpcsWithoutAttachment.map { "'\($0)'" }.joined(separator: ", ")) is in this template, but one made elsewhere would be"),
                        at: origin), nil)
    }

    /// Whether a `DBSubnetGroupName` names the default VPC's DB subnet group, `default` (RDS stores names lowercase,
    /// and no group of one's own may take that name:
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html, "Must not be default").
    static func isDefaultVPCGroup(_ name: String) -> Bool {
        name.lowercased() == "default"
    }

    /// The logical ids of the VPCs of a DB subnet group of the template, when every subnet of it is a subnet of the
    /// template in a VPC of the template; `nil` otherwise.
    private static func subnetGroupVPCs(_ group: TemplateValue, context: ResourceContext) -> [String]? {
        let template = context.template
        guard let groupID = subnetGroupID(group, template: template), let groupResource = template.resource(groupID) else { return nil }
        let groupProperties = ResourceContext(resource: groupResource, template: template, resolver: context.resolver).properties
        var vpcs: [String] = []
        let subnets = groupProperties.child("SubnetIds").items()
        guard !subnets.isEmpty else { return nil }
        for subnet in subnets {
            guard subnet.alternatives.count == 1,
                  let subnetID = reference(subnet.alternatives[0], type: "AWS::EC2::Subnet", idAttribute: "SubnetId"),
                  let subnetResource = template.resource(subnetID) else { return nil }
            let vpc = ResourceContext(resource: subnetResource, template: template, resolver: context.resolver).properties.child("VpcId")
            guard vpc.alternatives.count == 1,
                  let vpcID = reference(vpc.alternatives[0], type: "AWS::EC2::VPC", idAttribute: "VpcId") else { return nil }
            if !vpcs.contains(vpcID) { vpcs.append(vpcID) }
        }
        return vpcs
    }

    /// The logical id of the DB subnet group of the template that a value of `DBSubnetGroupName` names: by `Ref`
    /// (which returns the group's name), by `!Sub "${Group}"`, or by the group's own `DBSubnetGroupName` (compared
    /// lowercased: "This value is stored as a lowercase string",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbsubnetgroup.html).
    private static func subnetGroupID(_ value: TemplateValue, template: Template) -> String? {
        switch value {
        case .resource(let id, "AWS::RDS::DBSubnetGroup", nil):
            return id
        case .string(let name), .number(let name):
            return template.subnetGroup(named: name)
        case .unknown(_, let text?):
            // `!Sub "${Group}"` is the group's `Ref`, which the resolver keeps as the text `${Group}`; a variable that
            // takes the group's logical id as its name may be read as the group, which can only make the database
            // public, never pass it.
            guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
            let id = String(text.dropFirst(2).dropLast())
            guard !id.contains(where: { "${}.!".contains($0) }), template.resource(id)?.type == "AWS::RDS::DBSubnetGroup" else { return nil }
            return id
        default:
            return nil
        }
    }

    /// The logical id of an `AWS::EC2::VPCGatewayAttachment` of the template that attaches an internet gateway to
    /// the VPC: those naming it by `Ref` or `!GetAtt <VPC>.VpcId` from the template's index, those whose `VpcId` is
    /// written otherwise (`!If`, `!Select`) resolved.
    private static func gatewayAttachment(of vpc: String, context: ResourceContext) -> String? {
        let attachments = context.template.internetGatewayAttachments
        let candidates = (attachments.byVPC[vpc] ?? []) + attachments.other
        return candidates.first { resource in
            let properties = ResourceContext(resource: resource, template: context.template, resolver: context.resolver).properties
            return properties.child("VpcId").alternatives.contains {
                reference($0, type: "AWS::EC2::VPC", idAttribute: "VpcId") == vpc
            } && !properties.child("InternetGatewayId").isAbsent
        }?.logicalID
    }

    /// The logical id of a resource of `type` of the template a value names by its id: a `Ref`, or `!GetAtt` of
    /// `idAttribute`, the return value that is the same id (a VPC's `VpcId`, a subnet's `SubnetId`:
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html#aws-resource-ec2-subnet-return-values).
    private static func reference(_ value: TemplateValue, type: String, idAttribute: String) -> String? {
        guard case .resource(let id, type, let attribute) = value, attribute == nil || attribute == idAttribute else { return nil }
        return id
    }
}
