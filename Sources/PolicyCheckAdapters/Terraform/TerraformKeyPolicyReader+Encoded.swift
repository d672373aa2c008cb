import PolicyCheckModel
import PolicyCheckSyntax

/// A key policy whose text is known only after apply — almost every key policy names its own account's root, and
/// Terraform source writes it `arn:aws:iam::${data.aws_caller_identity.current.account_id}:root` — read for what its
/// known parts already decide (`TerraformValue.encodedDocument`). Before, one such statement made the whole policy
/// "cannot be verified", so a statement beside it granting principal `"*"` without a condition passed as an info.
extension TerraformKeyPolicyReader {
    /// The statements whose known parts decide what MMC-KEY-010 asks of them, with the unknown items of their lists
    /// left out. A statement is left out when its effect is not known or not `Allow` (the rule judges allows only);
    /// when its principals hold an unknown and none of the known ones is `"*"` (the unknown may be `"*"`); or when its
    /// conditions hold an unknown that may bind the caller and it does not grant `kms:*` to `"*"` (only `kms:*` to
    /// everyone fails whatever its conditions; an unknown value of a key that names no caller decides nothing). Unknown actions keep it: principal `"*"` without
    /// a condition that binds the caller fails whatever it allows.
    static func decidedStatements(encoded document: (after: SourceNode, unknown: SourceNode?),
                                  at origin: Origin) -> [KeyPolicyStatement] {
        let mirror = document.unknown?["Statement"]
        if mirror?.bool == true || mirror?.string != nil { return [] }
        let statements = policy(document: document.after, at: origin).statements
        let statementNode = document.after["Statement"]
        // One statement written as an object has its mirror as an object too; a list has a list.
        let mirrors: [SourceNode?] = statementNode?.items != nil
            ? (statementNode?.items ?? []).indices.map { mirror?.item(at: $0) }
            : [mirror]
        return statements.enumerated().compactMap { index, statement in
            let statementMirror = index < mirrors.count ? mirrors[index] : nil
            if statementMirror?.bool == true || statementMirror?.string != nil { return nil }
            let unknownFields = Set((statementMirror?.entries ?? []).map(\.key))
            guard !unknownFields.contains("Effect"), statement.effect.lowercased() == "allow" else { return nil }
            let everyone = statement.principals.contains("*")
            if unknownFields.contains("Principal"), !everyone { return nil }
            let allActions = statement.actions.contains { $0 == "*" || $0.lowercased() == "kms:*" }
            if unknownFields.contains("Condition"), !(everyone && allActions),
               !(everyone && unknownOnlyBesideCallers(statementMirror?["Condition"])) { return nil }
            var decided = statement
            // A condition whose value is unknown is still one: named in the message ("… restricts how the key is
            // called"), not left out as if the statement had none (review, round 35).
            for operation in statementMirror?["Condition"]?.entries ?? [] {
                for key in operation.value.entries ?? [] where key.value.bool != false
                    && !decided.conditions.contains(where: { $0.operatorName == operation.key && $0.key == key.key }) {
                    decided.conditions.append(KeyPolicyCondition(operatorName: operation.key, key: key.key, values: []))
                }
            }
            return decided
        }
    }

    /// Whether a condition's unknown parts are only values of keys that cannot bind the caller (an encryption
    /// context's trail ARN holding the account id a variable gives): whatever those values, only the known caller
    /// keys decide whether the statement opens the key to everyone (tester, round 35). An unknown operator, key
    /// list or caller key's value may bind the caller: not decided.
    private static func unknownOnlyBesideCallers(_ mirror: SourceNode?) -> Bool {
        guard let operators = mirror?.entries else { return false }
        return operators.allSatisfy { operation in
            if operation.value.bool == false { return true }
            guard let keys = operation.value.entries else { return false }
            return keys.allSatisfy { key in
                isKnown(key.value) || !KeyPolicyCondition.callerKeys.contains(key.key.lowercased())
            }
        }
    }

    /// Whether an unknown-mirror node says every part below it is known.
    private static func isKnown(_ mirror: SourceNode) -> Bool {
        if let flag = mirror.bool { return !flag }
        if let items = mirror.items { return items.allSatisfy(isKnown) }
        if let entries = mirror.entries { return entries.allSatisfy { isKnown($0.value) } }
        return mirror.isNull
    }
}
