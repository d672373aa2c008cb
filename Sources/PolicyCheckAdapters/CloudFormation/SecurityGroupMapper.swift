import PolicyCheckModel
import PolicyCheckNetwork

/// Security-group ingress (`AWS::EC2::SecurityGroup` `SecurityGroupIngress[]`, and `AWS::EC2::SecurityGroupIngress`)
/// becomes allowlists named by the resource's logical id.
///
/// Rules from private address space (RFC 1918, shared address space, unique-local) are normal inside a VPC: they go
/// to a second allowlist that is not internet-facing. `IpProtocol` `-1` opens every port; rules for TCP and UDP open
/// `FromPort`–`ToPort`; ICMP and ICMPv6 rules open no port (their `FromPort`/`ToPort` are the ICMP type and code, kept
/// in the entry's protocol); rules for other protocols or with unknown ports carry no port range, and are judged
/// as all-port rules. A rule's `SourcePrefixListId` admits the prefix list's ranges (`PrefixListSources`); rules that
/// name a security group instead of a CIDR are not address ranges.
enum SecurityGroupMapper: ResourceMapper {
    static let types = ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let isGroup = context.resource.type == "AWS::EC2::SecurityGroup"
        let ingress = isGroup ? properties.child("SecurityGroupIngress") : properties
        // A rule that a condition may leave out (`!If [C, {…}, !Ref AWS::NoValue]`) is judged as the rule it may be:
        // its absence admits nothing, and read with it, its ports were unknown and judged as all ports.
        let rules = isGroup ? inlineRules(ingress) : [properties]
        var internet = Allowlist(kind: .securityGroupIngress, component: context.component, origin: ingress.origin,
                                 internetFacing: true, hasDescriptionField: true)
        internet.joins = isGroup ? context.resource.logicalID : joinedGroup(properties.child("GroupId"), context: context)
        var inVPC = internet
        inVPC.internetFacing = false
        // Rules that cannot be read have no description to ask for: they are judged as unknown only.
        var unreadable = internet
        unreadable.hasDescriptionField = false
        for rule in rules {
            guard rule.alternatives.contains(where: { if case .mapping = $0 { return true } else { return false } }) else {
                let reason = rule.alternatives.first?.unknownReason(expected: "an ingress rule") ?? "it is not an ingress rule"
                unreadable.entries.append(AllowlistEntry(cidr: Located(.unknown(reason: reason), at: rule.origin),
                                                         description: nil, enabled: true, origin: rule.origin))
                continue
            }
            let ports = portRange(rule)
            let ipProtocol = protocolOf(rule)
            let text = description(rule.child("Description"))
            var cidrs = ["CidrIp", "CidrIpv6"].compactMap {
                rule.child($0).string(worst: breadth, dominates: admitsEveryone)
            }
            cidrs += PrefixListSources.ranges(of: rule, in: context.template)
            for cidr in cidrs {
                let entry = AllowlistEntry(cidr: cidr, description: text, enabled: true, origin: rule.origin, ports: ports,
                                           ipProtocol: ipProtocol)
                if isPrivate(cidr.value) { inVPC.entries.append(entry) } else { internet.entries.append(entry) }
            }
        }
        if !internet.entries.isEmpty { deployment.allowlists.append(internet) }
        if !inVPC.entries.isEmpty { deployment.allowlists.append(inVPC) }
        if !unreadable.entries.isEmpty { deployment.allowlists.append(unreadable) }
    }

    /// A group's inline rules: the items of its `SecurityGroupIngress` list — or the one rule written where the list
    /// belongs, as a mapping. CloudFormation is documented to take a list, but stelligent's cfn-model (cfn_nag's
    /// parser) reads a mapping there as a list of one ("this can be a Hash or an Array") and cfn_nag's own test
    /// templates write it so; read as a value that is not a list, a world-open SSH rule written so was an entry that
    /// cannot be verified (info, under the default gate). If CloudFormation refuses such a template, the finding
    /// is on a template that cannot deploy; if it takes it, the rule is judged as what it opens.
    static func inlineRules(_ ingress: PropertyValue) -> [PropertyValue] {
        ingress.eachAlternative.flatMap { alternative -> [PropertyValue] in
            if case .mapping = alternative.alternatives.first { return [alternative] }
            return alternative.items().map(\.present)
        }
    }

    /// The template's security group a standalone rule's `GroupId` names (`!Ref` or `!GetAtt Group.GroupId`), so its
    /// entries are judged with the group's; `nil` when it names none of the template's, or more than one.
    private static func joinedGroup(_ groupId: PropertyValue, context: ResourceContext) -> String? {
        guard groupId.alternatives.count == 1, case .resource(let id, let type, _) = groupId.alternatives[0],
              type == "AWS::EC2::SecurityGroup" else { return nil }
        return id
    }

    /// The ports a rule opens, or `nil` when they are unknown or the protocol has none.
    static func portRange(_ rule: PropertyValue) -> PortRange? {
        guard let proto = rule.child("IpProtocol").knownText?.lowercased() else { return nil }
        if proto == "-1" || proto == "all" { return PortRange(0, 65535) }
        guard ["tcp", "udp", "6", "17"].contains(proto),
              let from = rule.child("FromPort").integers(), let to = rule.child("ToPort").integers() else { return nil }
        let lower = from.min()!, upper = to.max()!
        if lower == -1 && upper == -1 { return PortRange(0, 65535) }
        return PortRange(lower, upper)
    }

    /// The protocol a rule admits (ICMP with its type and code from `FromPort`/`ToPort`); `nil` when unknown.
    static func protocolOf(_ rule: PropertyValue) -> EntryProtocol? {
        guard let text = rule.child("IpProtocol").knownText else { return nil }
        func single(_ field: String) -> Int? {
            guard let values = rule.child(field).integers(), values.count == 1 else { return -1 }
            return values[0]
        }
        return EntryProtocol.named(text, from: single("FromPort"), to: single("ToPort"))
    }

    /// Whether a CIDR admits every address of its version (or is malformed): no alternative can be worse.
    static func admitsEveryone(_ text: String) -> Bool {
        guard case .success(let parsed) = CIDRParser.parse(text) else { return true }
        return parsed.cidr.isWholeSpace
    }

    /// How many addresses a CIDR admits, as a rank: the broadest alternative (or a malformed one) is the worst.
    static func breadth(_ text: String) -> Int {
        guard case .success(let parsed) = CIDRParser.parse(text) else { return Int.max }
        return parsed.cidr.hostBitCount
    }

    /// Whether a CIDR lies wholly in private address space.
    static func isPrivate(_ value: Fact<String>) -> Bool {
        guard let text = value.known, case .success(let parsed) = CIDRParser.parse(text) else { return false }
        let privatePurposes: [SpecialPurpose] = [.privateUse, .sharedAddressSpace, .uniqueLocal]
        return SpecialPurposeRegistry.ranges(overlapping: parsed.cidr, includingGloballyReachable: true).contains {
            privatePurposes.contains($0.purpose) && $0.cidr.contains(parsed.cidr)
        }
    }

    /// A rule's description: as written, or — built with an intrinsic (`!Sub "VPN ${Site}"`) — its text with the
    /// unresolved parts kept, since a description that is only known at deploy time is still there.
    static func description(_ value: PropertyValue) -> Located<String>? {
        if let known = value.knownText { return Located(known, at: value.origin) }
        guard !value.isAbsent else { return nil }
        for case .unknown(_, let text?) in value.alternatives { return Located(text, at: value.origin) }
        return Located("(known at deploy time)", at: value.origin)
    }
}
