import PolicyCheckModel

/// Reads `aws_wafv2_ip_set` `addresses` into web ACL allowlists.
///
/// An IP set is only a list of addresses; whether it allows or blocks depends on the web ACL rule that uses it. A
/// set an `aws_wafv2_web_acl` rule in the same plan uses with action `allow` is judged as an allowlist in full. A set
/// used only by `block` or `count` rules is a block list and is not judged. A set no web ACL in the plan uses
/// could be either, so only what is a mistake either way is judged: a `0.0.0.0/0` or `::/0` entry, or entries that
/// together cover half the public addresses of a version or more — covering all of them is possible only so, as
/// "AWS WAF supports all IPv4 and IPv6 CIDR ranges except for /0"
/// (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-ipset-match.html); before, the
/// halves `0.0.0.0/1` and `128.0.0.0/1` in a set an allow rule used through a `dynamic` block passed.
struct TerraformIPSetReader {
    static let ipSetType = "aws_wafv2_ip_set"
    let input: any TerraformResourceGraph

    func read(into deployment: inout Deployment) {
        let usage = usages()
        for set in input.resources(ofType: [Self.ipSetType]) {
            guard let used = WAFIPSetJudgement.usedByAllowRule(usage[set.address] ?? []) else { continue }
            let addresses = set["addresses"]
            var allowlist = Allowlist(kind: .webACLIPSet, component: set.address, origin: addresses.fieldOrigin,
                                      internetFacing: true, hasDescriptionField: false)
            let values = addresses.node?.items != nil || addresses.unknown?.items != nil ? addresses.items : [addresses]
            let cidrs = values.compactMap { value in value.string().map { (cidr: $0, origin: value.origin) } }
            allowlist.entries = WAFIPSetJudgement.entries(cidrs, used: used)
            if !allowlist.entries.isEmpty { deployment.allowlists.append(allowlist) }
        }
    }

    // MARK: - Web ACL rules

    /// The actions of the web ACL rules that use each IP set, by the set's address: rules whose statement is an
    /// `ip_set_reference_statement`, matched by a known ARN or by the configuration's reference.
    private func usages() -> [String: Set<String>] {
        var usage: [String: Set<String>] = [:]
        let acls = input.resources(ofType: ["aws_wafv2_web_acl"])
        guard !acls.isEmpty else { return usage }
        // The sets by known ARN (the first of each wins), so each rule finds its set by lookup.
        var setsByARN: [String: TerraformResource] = [:]
        for set in input.resources(ofType: [Self.ipSetType]) {
            if let arn = set["arn"].knownString, setsByARN[arn] == nil { setsByARN[arn] = set }
        }
        for acl in acls {
            for rule in acl["rule"].items {
                let arn = rule.descend(["statement", 0, "ip_set_reference_statement", 0, "arn"])
                if let text = arn.knownString, let set = setsByARN[text],
                   let action = action(of: rule, inConfiguration: false) {
                    usage[set.address, default: []].insert(action)
                }
                // Rules are a set: the configuration's rule at the same index is read on its own, action and reference.
                if let set = input.referenced(by: arn, of: acl, types: [Self.ipSetType]),
                   let action = action(of: rule, inConfiguration: true) {
                    usage[set.address, default: []].insert(action)
                }
            }
        }
        return usage
    }

    /// The rule's action: the `action` block that is present (in the configuration) or not empty (in the plan).
    private func action(of rule: TerraformAttribute, inConfiguration: Bool) -> String? {
        let block = rule.child("action").child(0)
        return WAFIPSetJudgement.actions.first { name in
            let action = block.child(name)
            return inConfiguration ? action.expression != nil : action.node?.items?.isEmpty == false
        }
    }
}

extension TerraformIPSetReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
