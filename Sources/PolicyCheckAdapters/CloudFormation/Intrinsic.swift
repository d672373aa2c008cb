import PolicyCheckSyntax

/// One CloudFormation intrinsic function call, read from either syntax: the YAML short form (`!Ref Key`,
/// `!GetAtt Key.Arn`) or the long form every template may use (`{"Ref": "Key"}`, `{"Fn::GetAtt": ["Key", "Arn"]}`).
///
/// Both become the same value: the function's long name (`Ref`, `Condition` or `Fn::…`) and its argument.
struct Intrinsic {
    /// The long name: `Ref`, `Condition`, `Fn::Sub`, `Fn::GetAtt`, …
    let function: String
    /// The argument, without the short-form tag.
    let argument: SourceNode
    /// Where the call is written.
    let offset: Int

    /// The call a node spells, or `nil` for plain values.
    static func parse(_ node: SourceNode) -> Intrinsic? {
        if let tag = node.tag, tag.hasPrefix("!"), tag.count > 1 {
            var argument = node
            argument.tag = nil
            return Intrinsic(function: longName(shortTag: String(tag.dropFirst())), argument: argument, offset: node.offset)
        }
        guard let entries = node.entries, entries.count == 1, let entry = entries.first else { return nil }
        if entry.key == "Ref" || entry.key.hasPrefix("Fn::") {
            return Intrinsic(function: entry.key, argument: entry.value, offset: node.offset)
        }
        // `Condition` is a function only with a condition name; IAM statements have `Condition` mappings.
        if entry.key == "Condition", entry.value.string != nil {
            return Intrinsic(function: entry.key, argument: entry.value, offset: node.offset)
        }
        return nil
    }

    /// `Ref` → `Ref`, `Condition` → `Condition`, `Sub` → `Fn::Sub`.
    static func longName(shortTag name: String) -> String {
        name == "Ref" || name == "Condition" ? name : "Fn::\(name)"
    }

    /// How the call reads in messages: `!Sub`, `!GetAtt`.
    var displayName: String {
        "!" + (function.hasPrefix("Fn::") ? String(function.dropFirst(4)) : function)
    }

    /// The logical id a `Ref` names, or a `!GetAtt` of `attribute` (`!GetAtt Vpc.VpcId`, `[Vpc, VpcId]`): for a
    /// resource whose attribute is documented as the same value as its `Ref` (a VPC's `VpcId`).
    func referencedResource(orAttribute attribute: String) -> String? {
        switch function {
        case "Ref":
            return argument.string
        case "Fn::GetAtt":
            let parts = argument.string.map { $0.split(separator: ".", maxSplits: 1).map(String.init) }
                ?? argument.items?.map { $0.string ?? "" } ?? []
            return parts.count == 2 && parts[1] == attribute && !parts[0].isEmpty ? parts[0] : nil
        default:
            return nil
        }
    }
}
