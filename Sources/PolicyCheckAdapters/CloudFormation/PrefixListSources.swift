import PolicyCheckModel
import PolicyCheckSyntax

/// The address ranges a security-group rule's `SourcePrefixListId` admits.
///
/// An inbound rule admits "the IP address ranges that are specified by a prefix list"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html),
/// so a rule naming an `AWS::EC2::PrefixList` of the template (`!Ref List`, whose value is the list's id, or
/// `!GetAtt List.PrefixListId`,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-prefixlist.html#aws-resource-ec2-prefixlist-return-values)
/// admits each `Entries[].Cidr` as if it were written as the rule's `CidrIp`. A list the template does not declare (a
/// `pl-…` id, an AWS-managed list such as CloudFront's origin-facing one, another stack's export) holds ranges known
/// only at deployment: cannot be verified, as a `CidrIp` the template does not decide is.
enum PrefixListSources {
    /// The ranges, each located where its text is written (a list's entry, or the rule's `SourcePrefixListId`);
    /// empty when the rule names no prefix list.
    static func ranges(of rule: PropertyValue, in template: Template) -> [Located<Fact<String>>] {
        let source = rule.child("SourcePrefixListId")
        var ranges: [Located<Fact<String>>] = []
        // Lists outside the template are one entry however many a lookup may pick (a `!FindInMap` by region names
        // one AWS-managed list per region: one rule is not sixteen findings).
        var outside: [TemplateValue] = []
        for alternative in source.alternatives where !alternative.isAbsent {
            guard case .resource(let id, "AWS::EC2::PrefixList", let attribute) = alternative,
                  attribute == nil || attribute == "PrefixListId", let list = template.resource(id) else {
                outside.append(alternative)
                continue
            }
            ranges += entries(of: list, resolver: rule.resolver)
        }
        if let first = outside.first {
            let ids = outside.compactMap { if case .string(let id) = $0 { id } else { nil } }
            let why = ids.count > 1 && ids.count == outside.count
                ? "prefix list (one of \(ids.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", "))"
                    + "\(ids.count > 3 ? " and \(ids.count - 3) more" : "")) is not declared in this template (AWS-managed "
                    + "lists or another stack's): its address ranges are known only at deployment"
                : reason(first)
            ranges.append(Located(.unknown(reason: why), at: source.origin))
        }
        return ranges
    }

    /// The `Entries[].Cidr` of a prefix list of the template.
    private static func entries(of list: TemplateResource, resolver: IntrinsicResolver) -> [Located<Fact<String>>] {
        let entry = list.properties
        let properties = PropertyValue(path: "\(list.path).Properties", offset: entry?.keyOffset ?? list.keyOffset,
                                       alternatives: entry.map { resolver.resolve($0.value) } ?? [.absent],
                                       resolver: resolver)
        return properties.child("Entries").items().compactMap {
            $0.child("Cidr").string(worst: SecurityGroupMapper.breadth, dominates: SecurityGroupMapper.admitsEveryone)
        }
    }

    /// Why a prefix list's ranges cannot be read from the template.
    private static func reason(_ value: TemplateValue) -> String {
        switch value {
        case .string(let id):
            return "prefix list '\(Excerpt.quote(id))' is not declared in this template (an AWS-managed list or "
                + "another stack's): its address ranges are known only at deployment"
        case .resource(let id, let type, _):
            return "'\(Excerpt.quote(id))' (\(type)) is not an AWS::EC2::PrefixList: the rule's address ranges are "
                + "known only at deployment"
        default:
            return "the rule's prefix list: " + value.unknownReason(expected: "a prefix list id")
        }
    }
}
