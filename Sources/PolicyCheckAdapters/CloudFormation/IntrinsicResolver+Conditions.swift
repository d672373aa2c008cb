import PolicyCheckSyntax

/// Conditions (`Conditions:`, `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`) evaluated for one
/// deployment scenario, so properties that follow the same parameter are judged together: a key whose `KeySpec` is
/// `!Ref KeySpec` and whose `EnableKeyRotation` is `!If [HasSymmetricKey, true, false]` rotates exactly when it is
/// symmetric. CloudFormation compares `Fn::Equals` operands as strings
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html).
extension IntrinsicResolver {
    /// Whether the condition `name` holds; `nil` when it depends on anything but one value per operand.
    ///
    /// Each condition is decided once per scenario (`conditionTruths`): a chain of conditions each an `Fn::And` of
    /// ten references to the one before was decided 10^n times, and an 8 KB template of seven levels took 36 s
    /// (hunter, round 37).
    func condition(_ name: String, depth: Int) -> Bool? {
        guard depth < Self.maxDepth, let node = template.root["Conditions"]?[name] else { return nil }
        if let decided = conditionTruths.truth(of: name, depth: depth) { return decided }
        let decided = truth(node, depth: depth + 1)
        conditionTruths.record(decided, of: name, depth: depth)
        return decided
    }

    private func truth(_ node: SourceNode, depth: Int) -> Bool? {
        guard depth < Self.maxDepth, let call = Intrinsic.parse(node) else { return nil }
        let operands = call.argument.items ?? []
        switch call.function {
        case "Fn::Equals":
            // An operand that follows a parameter the scenario does not fix (one without `AllowedValues`) may take
            // any value: the comparison is undecided.
            guard operands.count == 2,
                  operands.allSatisfy({ parameters(in: $0).allSatisfy { assignment?[$0] != nil } }) else { return nil }
            let left = resolve(operands[0], depth: depth), right = resolve(operands[1], depth: depth)
            guard left.count == 1, right.count == 1, let a = left[0].scalarText, let b = right[0].scalarText else { return nil }
            return a == b
        case "Fn::Not":
            guard operands.count == 1 else { return nil }
            return truth(operands[0], depth: depth + 1).map(!)
        case "Fn::And", "Fn::Or":
            let values = operands.map { truth($0, depth: depth + 1) }
            let decisive = call.function == "Fn::Or"
            if values.contains(decisive) { return decisive }
            return values.contains(nil) || values.isEmpty ? nil : !decisive
        case "Condition":
            return call.argument.string.flatMap { condition($0, depth: depth + 1) }
        default:
            return nil
        }
    }

    /// The parameters a node's value may depend on: those it references (`Ref`, `${Name}` in `!Sub`) and those of
    /// the conditions its `!If`s name, through `Condition` references.
    func parameters(in node: SourceNode) -> Set<String> {
        var names: Set<String> = []
        var visited: Set<String> = []
        collect(node, into: &names, visited: &visited, depth: 0)
        return names
    }

    private func collect(_ node: SourceNode, into names: inout Set<String>, visited: inout Set<String>, depth: Int) {
        guard depth < Self.maxDepth else { return }
        if let call = Intrinsic.parse(node) {
            switch call.function {
            case "Ref":
                if let name = call.argument.string, template.parameters[name] != nil { names.insert(name) }
            case "Fn::If", "Condition":
                let name = call.function == "Condition" ? call.argument.string : call.argument.items?.first?.string
                if let name, visited.insert(name).inserted, let condition = template.root["Conditions"]?[name] {
                    collect(condition, into: &names, visited: &visited, depth: depth + 1)
                }
            case "Fn::Sub":
                let text = call.argument.string ?? call.argument.items?.first?.string ?? ""
                for name in Self.substitutionNames(text) where template.parameters[name] != nil { names.insert(name) }
            default:
                break
            }
        }
        for child in node.entries?.map(\.value) ?? node.items ?? [] {
            collect(child, into: &names, visited: &visited, depth: depth + 1)
        }
    }

    /// The names in a `!Sub` string's `${Name}` placeholders (`${!Literal}` is none).
    private static func substitutionNames(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = rest[..<close]
            if !name.hasPrefix("!") { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// The conditions one scenario has decided. A truth holds at any depth; an undecided one (`nil`) only at its depth or
/// deeper, since with more depth left it might have been decided (`IntrinsicResolver.maxDepth`).
final class ConditionTruths {
    private var decided: [String: (truth: Bool?, depth: Int)] = [:]

    /// The recorded truth of `name` for a lookup at `depth`, `nil` when none applies (`.some(nil)`: undecided).
    func truth(of name: String, depth: Int) -> Bool?? {
        guard let known = decided[name] else { return nil }
        if known.truth != nil || known.depth <= depth { return .some(known.truth) }
        return nil
    }

    func record(_ truth: Bool?, of name: String, depth: Int) {
        if let known = decided[name], known.truth != nil || known.depth <= depth { return }
        decided[name] = (truth, depth)
    }
}
