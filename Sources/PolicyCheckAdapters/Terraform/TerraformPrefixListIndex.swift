import PolicyCheckModel
import PolicyCheckSyntax

/// The customer-managed prefix lists of the input and their entries, built once per input, and the address ranges a
/// security-group rule's `prefix_list_ids` (`prefix_list_id` of an `aws_vpc_security_group_ingress_rule`) admits.
///
/// A rule that references a prefix list admits every CIDR block of it, "the same as" rules written one per block
/// (https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html). A list of the input is an
/// `aws_ec2_managed_prefix_list` (its `entry` blocks' `cidr`) and the `aws_ec2_managed_prefix_list_entry` resources
/// whose `prefix_list_id` names it (the provider's two ways of writing entries,
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_managed_prefix_list). A rule names
/// a list by the configuration's reference (`aws_ec2_managed_prefix_list.office.id`, through modules as other
/// relations are followed) or, in a plan of a list that exists, by its known id. A list that is not in the input —
/// an AWS-managed one such as `com.amazonaws.us-east-1.s3` (a `pl-…` id or a data source), another configuration's —
/// holds ranges known only at deployment: one entry per rule that cannot be verified, as CloudFormation's
/// `PrefixListSources` does for a list outside the template.
struct TerraformPrefixListIndex {
    static let listType = "aws_ec2_managed_prefix_list"

    private let input: any TerraformResourceGraph
    /// Lists by their id, where a plan knows it (a list that exists).
    private var byID: [String: TerraformResource] = [:]
    /// `aws_ec2_managed_prefix_list_entry` resources by the address of the list they add to.
    private var added: [String: [TerraformResource]] = [:]

    init(input: any TerraformResourceGraph) {
        self.input = input
        let lists = input.resources(ofType: [Self.listType])
        guard !lists.isEmpty else { return }
        for list in lists {
            if let id = list["id"].knownString, byID[id] == nil { byID[id] = list }
        }
        for entry in input.resources(ofType: ["aws_ec2_managed_prefix_list_entry"]) {
            let value = entry["prefix_list_id"]
            guard let list = input.referenced(by: value, of: entry, types: [Self.listType])
                    ?? value.knownString.flatMap({ byID[$0] }) else { continue }
            added[list.address, default: []].append(entry)
        }
    }

    /// The ranges `attribute` (a rule's `prefix_list_ids` or `prefix_list_id`) of `resource` admits, each located
    /// where its text is written; empty when it names no list. Lists outside the input are one entry that cannot be
    /// verified, however many the rule names.
    func ranges(of attribute: TerraformAttribute, in resource: TerraformResource) -> [Located<Fact<String>>] {
        let isList = attribute.node?.isSequence == true || attribute.unknown?.isSequence == true
        // A list whose items are all unknown may have no `after` value, only its `after_unknown` mirror.
        guard isList || !attribute.isAbsent, !attribute.isProviderDefault else { return [] }
        let wholeUnknown = attribute.isUnknown && !isList
        let values = isList ? attribute.items : wholeUnknown ? [] : [attribute]
        var knownIDs: [(id: String, origin: Origin)] = []
        var unknownItems: [TerraformAttribute] = []
        for value in values {
            if value.isUnknown { unknownItems.append(value) } else if let id = value.knownString { knownIDs.append((id, value.origin)) }
        }
        // A list id is unknown until apply for a list created with the rule: the configuration's references say which.
        let references = unknownItems.isEmpty && !wholeUnknown
            ? [] : input.referencedEach(by: attribute, of: resource, types: [Self.listType])
        var lists: [TerraformResource] = []
        var seen: Set<String> = []
        var outsideIDs: [(id: String, origin: Origin)] = []
        for (id, origin) in knownIDs {
            guard let list = byID[id] else { outsideIDs.append((id, origin)); continue }
            if seen.insert(list.address).inserted { lists.append(list) }
        }
        var byReference = 0
        for case let (_, list?) in references where seen.insert(list.address).inserted {
            lists.append(list)
            byReference += 1
        }
        // What no list of the input accounts for: more unknown ids than lists referenced, or a reference to a data
        // source or another resource (a gateway endpoint's `prefix_list_id`) beside the lists — a conditional may
        // pick it. Variables, locals and module outputs are followed by `referencedEach`; one that leads to no list
        // (an object variable a `lookup` reads other settings from) names none itself, and its unknown ids count.
        let elsewhere = references.first { $0.target == nil && !Self.passedThrough.contains(Self.root($0.reference)) }
            .map(\.reference)
        var ranges = lists.flatMap(entries)
        if let first = outsideIDs.first {
            ranges.append(Located(.unknown(reason: Self.outside(outsideIDs.map(\.id))), at: first.origin))
        } else if wholeUnknown && (byReference == 0 || elsewhere != nil)
                    || !unknownItems.isEmpty && (unknownItems.count > byReference || elsewhere != nil) {
            let origin = unknownItems.first?.origin ?? attribute.origin
            // Named by what it is written from (a variable) rather than Terraform's own `count.index`.
            let source = elsewhere ?? references.first { !Self.terraformRoots.contains(Self.root($0.reference)) }?.reference
            ranges.append(Located(.unknown(reason: Self.unresolved(source, outside: elsewhere != nil,
                                                                   attribute: unknownItems.first ?? attribute)),
                                  at: origin))
        }
        return ranges
    }

    /// The `cidr` of a list's `entry` blocks and of the entry resources that add to it, each once.
    private func entries(of list: TerraformResource) -> [Located<Fact<String>>] {
        var ranges: [Located<Fact<String>>] = []
        var known: Set<String> = []
        let inline = list["entry"]
        if inline.isUnknown && !inline.isProviderDefault {
            ranges.append(Located(.unknown(reason: "the entries of prefix list \(list.address) are "
                                           + inline.unknownReason), at: inline.origin))
        }
        let cidrs = inline.items.map { $0.child("cidr") } + (added[list.address] ?? []).map { $0["cidr"] }
        for cidr in cidrs {
            guard let range = cidr.string() else { continue }
            // A list that exists holds, in a plan, the entries its entry resources added too: one range once.
            if let text = range.value.known, !known.insert(text).inserted { continue }
            ranges.append(range)
        }
        return ranges
    }

    /// Reference roots that are not a prefix list's source themselves: values followed elsewhere (variables, locals,
    /// module outputs) and Terraform's own (`count.index` in `aws_ec2_managed_prefix_list.x[count.index]`).
    private static let passedThrough = terraformRoots.union(["var", "local", "module"])
    private static let terraformRoots: Set<Substring> = ["count", "each", "self", "path", "terraform"]

    private static func root(_ reference: String) -> Substring { reference.prefix { $0 != "." && $0 != "[" } }

    /// Why ranges of lists the input does not declare cannot be read.
    private static func outside(_ ids: [String]) -> String {
        let named = ids.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
            + (ids.count > 3 ? " and \(ids.count - 3) more" : "")
        return (ids.count == 1 ? "prefix list \(named) is" : "prefix lists \(named) are")
            + " not declared in this input (an AWS-managed list such as com.amazonaws.<region>.s3, or one managed "
            + "elsewhere): its address ranges are known only at deployment"
    }

    /// Why a prefix list id known only at apply cannot be matched to a list of the input.
    private static func unresolved(_ reference: String?, outside: Bool, attribute: TerraformAttribute) -> String {
        if let reference, outside {
            return "the rule's prefix list comes from \(Excerpt.quote(reference)), which is not a managed prefix list "
                + "of this input (an AWS-managed list, or one managed elsewhere): its address ranges are known only "
                + "at deployment"
        }
        if let reference {
            return "the rule's prefix list id comes from \(Excerpt.quote(reference)) and names no managed prefix list "
                + "of this input: its address ranges are known only at deployment"
        }
        return "the rule's prefix list id is \(attribute.unknownReason) and names no managed prefix list of this "
            + "input: its address ranges are known only at deployment"
    }
}
