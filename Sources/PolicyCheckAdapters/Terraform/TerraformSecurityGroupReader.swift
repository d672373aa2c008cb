import PolicyCheckModel
import PolicyCheckNetwork

/// Reads security-group ingress (`aws_security_group` and `aws_default_security_group` inline rules,
/// `aws_security_group_rule` of type ingress, `aws_vpc_security_group_ingress_rule`) into allowlists, one per
/// resource — and, for entries in private address space (normal inside a VPC), a second one per resource that is not
/// internet-facing.
///
/// A VPC's default security group is a security group like any other, and one that reaches further: EC2 associates it
/// with every instance and network interface launched in the VPC without a security group of its own
/// (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html, "Default security groups for your
/// VPCs"; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html). So its inline
/// `ingress` blocks are read as an `aws_security_group`'s are; the standalone rules name the group they join only by
/// id, and every one of them is judged on its own whichever group that is.
struct TerraformSecurityGroupReader {
    /// Address space that only reaches a security group from inside private networks.
    static let privatePurposes: Set<SpecialPurpose> = [.privateUse, .sharedAddressSpace, .uniqueLocal]

    let input: any TerraformResourceGraph
    /// The input's prefix lists, for rules that name one.
    let prefixLists: TerraformPrefixListIndex

    func read(into deployment: inout Deployment) {
        for resource in input.resources {
            var entries: [AllowlistEntry] = []
            var origin = resource.attributes.origin
            var raw = resource.valuesNode
            switch resource.type {
            case "aws_security_group", "aws_default_security_group":
                let ingress = resource["ingress"]
                origin = ingress.origin
                raw = ingress.node
                if ingress.isUnknown && !ingress.isProviderDefault {
                    entries.append(Self.unknownRule(ingress))
                }
                for rule in ingress.items {
                    // A rule known only in part (a `dynamic` block over an unknown for_each, beside known ones).
                    if rule.isUnknown {
                        entries.append(Self.unknownRule(rule))
                        continue
                    }
                    entries += self.entries(rule, of: resource, cidrs: ["cidr_blocks", "ipv6_cidr_blocks"],
                                            prefixLists: "prefix_list_ids", protocol: "protocol", otherSources: ["prefix_list_ids", "security_groups", "self"],
                                            withoutSource: Self.inlineWithoutSource)
                }
            case "aws_security_group_rule":
                // A rule whose type is not known here (`type = each.value.type` of a `for_each` over a value known
                // only at apply, as modules that take rule lists write it) may be an ingress rule: it cannot be
                // verified, and is never left out as if it were egress.
                let type = resource["type"]
                if type.isUnknown {
                    entries = [Self.unknownRule(type)]
                    break
                }
                guard type.knownString == "ingress" else { continue }
                entries = self.entries(resource.attributes, of: resource, cidrs: ["cidr_blocks", "ipv6_cidr_blocks"],
                                       prefixLists: "prefix_list_ids", protocol: "protocol", otherSources: ["prefix_list_ids", "source_security_group_id", "self"],
                                       withoutSource: Self.ruleWithoutSource)
            case "aws_vpc_security_group_ingress_rule":
                entries = self.entries(resource.attributes, of: resource, cidrs: ["cidr_ipv4", "cidr_ipv6"],
                                       prefixLists: "prefix_list_id", protocol: "ip_protocol", otherSources: ["prefix_list_id", "referenced_security_group_id"],
                                       withoutSource: Self.vpcRuleWithoutSource)
            default:
                continue
            }
            let (inside, outside) = split(entries)
            let joins = group(joinedBy: resource)
            for (list, internetFacing) in [(outside, true), (inside, false)] where !list.isEmpty {
                var allowlist = Allowlist(kind: .securityGroupIngress, component: resource.address, origin: origin,
                                          internetFacing: internetFacing, hasDescriptionField: true)
                allowlist.entries = list
                allowlist.rawNode = raw
                allowlist.joins = joins
                deployment.allowlists.append(allowlist)
            }
        }
    }

    /// An entry standing for rules not known here: a block that cannot be verified, whose description is not known
    /// either (MMC-NET-008 does not call it missing).
    private static func unknownRule(_ rule: TerraformAttribute) -> AllowlistEntry {
        var entry = AllowlistEntry(cidr: Located(.unknown(reason: rule.unknownReason), at: rule.origin),
                                   description: nil, enabled: true, origin: rule.origin)
        entry.isUnknownRule = true
        return entry
    }

    /// The group whose rules the resource's list holds: the group itself, or the one a standalone rule's
    /// `security_group_id` refers to (a rule whose group is not in the input joins none it can be judged with).
    private func group(joinedBy resource: TerraformResource) -> String? {
        switch resource.type {
        case "aws_security_group", "aws_default_security_group":
            return resource.address
        default:
            return input.referenced(by: resource["security_group_id"], of: resource,
                                    types: ["aws_security_group", "aws_default_security_group"])?.address
        }
    }

    /// Every security-group rule needs a source: an IPv4 or IPv6 range, a prefix list or a security group
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html, "Source or destination"; "You
    /// must specify exactly one of the following sources",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-securitygroup-ingress.html).
    /// Without one, what happens depends on the resource type; none of them opens anything.
    static let inlineWithoutSource = "the ingress rule names no source (cidr_blocks, ipv6_cidr_blocks, "
        + "prefix_list_ids, security_groups or self = true): EC2 adds no rule without a source, so the group is "
        + "created without it and the rule admits nothing it declares"
    static let ruleWithoutSource = "the ingress rule names no source (cidr_blocks, ipv6_cidr_blocks, "
        + "prefix_list_ids, source_security_group_id or self = true): AWS needs one, and the provider refuses it"
    static let vpcRuleWithoutSource = "the ingress rule names no source: exactly one of cidr_ipv4, cidr_ipv6, "
        + "prefix_list_id or referenced_security_group_id is required, so it cannot be created"

    /// Whether the rule names a source other than a CIDR block: a known non-empty value or `self = true`; a value
    /// unknown until apply counts as a source (it cannot be judged, and is not an address range).
    private static func hasOtherSource(_ rule: TerraformAttribute, _ fields: [String]) -> Bool {
        fields.contains { field in
            let value = rule.child(field)
            if value.isUnknown { return true }
            if field == "self" { return value.bool()?.value.known == true }
            if value.node?.isSequence == true { return value.items.contains { $0.isUnknown || $0.knownString?.isEmpty == false } }
            return value.knownString?.isEmpty == false
        }
    }

    /// The entries of one ingress rule: one per CIDR block and per range of the prefix lists it names
    /// (`TerraformPrefixListIndex`), sharing the rule's description and ports; a rule with no source at all is one
    /// entry with `missingSource` set (MMC-NET-002).
    private func entries(_ rule: TerraformAttribute, of resource: TerraformResource, cidrs fields: [String],
                         prefixLists listField: String, protocol field: String,
                         otherSources: [String], withoutSource: String) -> [AllowlistEntry] {
        let description = rule.child("description")
        // A description known only at apply (`each.value.description`) is still written: not a missing one
        // (MMC-NET-008), as a CloudFormation description built with an intrinsic is not.
        let text = description.knownString.map { Located($0, at: description.origin) }
            ?? (description.isUnknown && !description.isProviderDefault
                ? Located("(known only at apply)", at: description.origin) : nil)
        let ports = Self.ports(rule, protocol: field)
        let ipProtocol = rule.child(field).knownString.flatMap {
            EntryProtocol.named($0, from: rule.child("from_port").knownInt, to: rule.child("to_port").knownInt)
        }
        var entries: [AllowlistEntry] = []
        // Whether a CIDR field is unknown until apply, as a whole or an item: a source, though not one to judge.
        var declared = false
        let origin = rule.origin
        // The rule's entries differ only in their blocks: the first is made whole, the rest share its fields.
        var first: AllowlistEntry?
        func entry(_ cidr: Located<Fact<String>>) -> AllowlistEntry {
            if let first { return AllowlistEntry(cidr: cidr, sharingWith: first) }
            var entry = AllowlistEntry(cidr: cidr, description: text, enabled: true, origin: origin, ports: ports,
                                       ipProtocol: ipProtocol)
            entry.rawNode = rule.node
            first = entry
            return entry
        }
        for field in fields {
            let attribute = rule.child(field)
            let isList = attribute.node?.isSequence == true || attribute.unknown?.isSequence == true
            // Each list is read once (its items hold a path each; a 100,000-entry list was read twice).
            let values = isList ? attribute.items : [attribute]
            declared = declared || attribute.isUnknown
            entries.reserveCapacity(entries.count + values.count)
            // A list unknown as a whole stands as one entry that cannot be verified.
            for value in values {
                if isList && value.isUnknown { declared = true }
                guard let cidr = value.string(), cidr.value.known?.isEmpty != true else { continue }
                entries.append(entry(cidr))
            }
        }
        for range in prefixLists.ranges(of: rule.child(listField), in: resource) {
            entries.append(entry(range))
        }
        if entries.isEmpty, !declared, !Self.hasOtherSource(rule, otherSources) {
            var entry = AllowlistEntry(cidr: Located(.known(""), at: rule.origin), description: text, enabled: true,
                                       origin: rule.origin, ports: ports, ipProtocol: ipProtocol)
            entry.missingSource = withoutSource
            entry.rawNode = rule.node
            entries.append(entry)
        }
        return entries
    }

    /// The ports a rule opens: every port for protocol `-1`/`all`, `from_port`–`to_port` for TCP and UDP, and
    /// none for ICMP and ICMPv6 (whose "ports" are the type and code, kept in the entry's protocol), and unknown for
    /// other protocols.
    static func ports(_ rule: TerraformAttribute, protocol field: String) -> PortRange? {
        guard let proto = rule.child(field).knownString?.lowercased() else { return nil }
        if proto == "-1" || proto == "all" { return PortRange(0, 65535) }
        guard ["tcp", "udp", "6", "17"].contains(proto), let from = rule.child("from_port").knownInt,
              let to = rule.child("to_port").knownInt, 0 <= from, from <= to, to <= 65535 else { return nil }
        return PortRange(from, to)
    }

    /// Entries whose CIDR lies wholly in private address space, and the rest (unknown, malformed and world-open
    /// entries are always judged as internet-facing).
    private func split(_ entries: [AllowlistEntry]) -> (inside: [AllowlistEntry], outside: [AllowlistEntry]) {
        let isInside = entries.map { entry in
            guard let text = entry.cidr.value.known, case .success(let parsed) = CIDRParser.parse(text),
                  !parsed.cidr.isWholeSpace else { return false }
            return SpecialPurposeRegistry.ranges(overlapping: parsed.cidr, includingGloballyReachable: true).contains {
                Self.privatePurposes.contains($0.purpose) && $0.cidr.contains(parsed.cidr)
            }
        }
        // Most rules' entries all fall on one side: hand the list over whole rather than copy every entry (a
        // 100,000-entry list was copied entry by entry, with the page faults of a new array).
        let insideCount = isInside.count(where: { $0 })
        if insideCount == 0 { return ([], entries) }
        if insideCount == entries.count { return (entries, []) }
        var inside: [AllowlistEntry] = []
        var outside: [AllowlistEntry] = []
        inside.reserveCapacity(insideCount)
        outside.reserveCapacity(entries.count - insideCount)
        for (entry, isPrivate) in zip(entries, isInside) {
            if isPrivate { inside.append(entry) } else { outside.append(entry) }
        }
        return (inside, outside)
    }
}

extension TerraformSecurityGroupReader: TerraformReader {
    init(_ reading: TerraformReading) {
        self.init(input: reading.input, prefixLists: TerraformPrefixListIndex(input: reading.input))
    }
}
