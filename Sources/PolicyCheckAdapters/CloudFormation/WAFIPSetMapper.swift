import PolicyCheckModel

/// `AWS::WAFv2::IPSet` `Addresses`, judged as Terraform's `aws_wafv2_ip_set` is (`WAFIPSetJudgement`): in full when an
/// `AWS::WAFv2::WebACL` rule of the template with an `Allow` action references it (`Statement.IPSetReferenceStatement.Arn`,
/// `!GetAtt Set.Arn`), not at all when only `Block` rules (or those and `Count` ones) do, and otherwise on what is a
/// mistake either way. Before round 35 no template's IP set was read.
enum WAFIPSetMapper: ResourceMapper {
    static let types = ["AWS::WAFv2::IPSet"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        guard let used = WAFIPSetJudgement.usedByAllowRule(context.relations?.ipSetActions[context.component] ?? []) else { return }
        let addresses = context.properties.child("Addresses")
        var allowlist = Allowlist(kind: .webACLIPSet, component: context.component, origin: addresses.origin,
                                  internetFacing: true, hasDescriptionField: false)
        let cidrs = addresses.items().compactMap { item in
            item.string(worst: SecurityGroupMapper.breadth, dominates: SecurityGroupMapper.admitsEveryone)
                .map { (cidr: $0, origin: item.origin) }
        }
        allowlist.entries = WAFIPSetJudgement.entries(cidrs, used: used)
        if !allowlist.entries.isEmpty { deployment.allowlists.append(allowlist) }
    }

    /// The actions of a web ACL's rules by the IP set each references at the top of its statement.
    static func add(webACL properties: PropertyValue, into actions: inout [String: Set<String>]) {
        for rule in properties.child("Rules").items() {
            let action = rule.child("Action")
            let names = action.alternatives.flatMap { alternative -> [String] in
                guard case .mapping(let node) = alternative else { return [] }
                return (node.entries ?? []).map { $0.key.lowercased() }.filter(WAFIPSetJudgement.actions.contains)
            }
            for alternative in rule.child("Statement", "IPSetReferenceStatement", "Arn").alternatives {
                guard case .resource(let id, "AWS::WAFv2::IPSet", _) = alternative else { continue }
                actions[id, default: []].formUnion(names)
            }
        }
    }
}
