import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a `KeyPolicy` (a mapping, or a JSON string) into the statements the key-policy rule judges.
///
/// `Allow` with `NotPrincipal` admits everyone but the listed principals, so it reads as principal `*`; `NotAction`
/// allows everything but the listed actions, so it reads as action `*`. An unknown `Effect` reads as `Allow`.
enum KeyPolicyReader {
    static func read(_ policy: PropertyValue) -> KeyPolicy? {
        guard !policy.isAbsent else { return nil }
        var statements: [KeyPolicyStatement] = []
        for alternative in policy.alternatives {
            var document = PropertyValue(path: policy.path, offset: policy.offset, alternatives: [alternative],
                                         resolver: policy.resolver)
            var fromText = false
            if case .string(let text) = alternative, let parsed = try? JSONReader().read(Array(text.utf8)) {
                document = PropertyValue(path: policy.path, offset: policy.offset, alternatives: [.mapping(parsed)],
                                         resolver: policy.resolver)
                fromText = true
            }
            let list = document.child("Statement")
            let items = list.alternatives.contains { if case .mapping = $0 { return true } else { return false } }
                ? [list] : list.items()
            for item in items {
                let origin = fromText ? policy.origin : item.origin
                statements.append(statement(item, origin: origin))
            }
        }
        return KeyPolicy(origin: policy.origin, statements: statements)
    }

    private static func statement(_ item: PropertyValue, origin: Origin) -> KeyPolicyStatement {
        let effect = item.child("Effect").knownText ?? "Allow"
        var principals = texts(principalValues(item.child("Principal")))
        let notPrincipal = item.child("NotPrincipal")
        if !notPrincipal.isAbsent, effect.lowercased() == "allow" { principals.append("*") }
        var actions = texts(flatten(item.child("Action")))
        // NotAction in an Allow allows every other action; in a Deny it denies every other action, not every action.
        if !item.child("NotAction").isAbsent { actions.append(effect.lowercased() == "deny" ? "(not-action)" : "*") }
        var statement = KeyPolicyStatement(effect: effect, principals: principals, actions: actions,
                                           conditions: conditions(item.child("Condition")), sid: item.child("Sid").knownText,
                                           origin: origin)
        let resources = flatten(item.child("Resource"))
        if !item.child("NotResource").isAbsent {
            // Every resource but the ones named: it covers none of them (for a bucket policy, not every object).
            statement.resources = []
        } else if !resources.isEmpty {
            let known = texts(resources)
            statement.resources = known + Array(repeating: "(unknown)", count: resources.count - known.count)
        }
        return statement
    }

    /// One condition per operator and key; a `Condition` that is not a mapping of mappings (an intrinsic that cannot
    /// be resolved) reads as one condition with an unknown key, which binds no caller.
    private static func conditions(_ condition: PropertyValue) -> [KeyPolicyCondition] {
        guard !condition.isAbsent else { return [] }
        var result: [KeyPolicyCondition] = []
        for alternative in condition.alternatives {
            // An absent alternative is a branch where the statement itself is not there (`!If [C, {…}, !Ref
            // AWS::NoValue]`): it has no condition to read, and is not an unknown one.
            if case .absent = alternative { continue }
            guard case .mapping(let node) = alternative, let operations = node.entries else {
                result.append(KeyPolicyCondition(operatorName: "(unknown)", key: "(unknown)", values: []))
                continue
            }
            let single = PropertyValue(path: condition.path, offset: condition.offset, alternatives: [alternative],
                                       resolver: condition.resolver)
            for operation in operations {
                let block = single.child(operation.key)
                for case .mapping(let keys) in block.alternatives {
                    for key in keys.entries ?? [] {
                        let values = PropertyValue(path: block.path, offset: block.offset, alternatives: [.mapping(keys)],
                                                   resolver: block.resolver).child(key.key)
                        result.append(KeyPolicyCondition(operatorName: operation.key, key: key.key,
                                                         values: texts(flatten(values))))
                    }
                }
            }
        }
        return result
    }

    /// `"*"`, or the values under `AWS`, `Service`, `Federated` and `CanonicalUser`.
    private static func principalValues(_ principal: PropertyValue) -> [TemplateValue] {
        principal.alternatives.flatMap { alternative -> [TemplateValue] in
            guard case .mapping(let node) = alternative else { return [alternative] }
            let single = PropertyValue(path: principal.path, offset: principal.offset, alternatives: [alternative],
                                       resolver: principal.resolver)
            return (node.entries ?? []).flatMap { flatten(single.child($0.key)) }
        }
    }

    /// A scalar or a list of scalars, as values.
    private static func flatten(_ value: PropertyValue) -> [TemplateValue] {
        value.alternatives.flatMap { alternative -> [TemplateValue] in
            if case .sequence = alternative {
                return PropertyValue(path: value.path, offset: value.offset, alternatives: [alternative],
                                     resolver: value.resolver).items().flatMap(\.alternatives)
            }
            return alternative.isAbsent ? [] : [alternative]
        }
    }

    /// Texts as written; unknown parts keep their `${…}` form.
    private static func texts(_ values: [TemplateValue]) -> [String] {
        values.compactMap { value in
            if let text = value.scalarText { return text }
            if case .unknown(_, let text) = value { return text ?? "(unknown)" }
            if case .resource(let id, _, let attribute) = value { return "${\(id)\(attribute.map { ".\($0)" } ?? "")}" }
            return nil
        }
    }
}
