/// Key policies must not open a key to everyone: no `Allow` to principal `*` without a condition, and no `kms:*`
/// to a broad principal (`*`, or a whole account root other than the key's own administrators).
public struct KeyPolicyCheck: Check {
    public static let name = "byok.key-policy"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.compactMap { key in
            guard let policy = key.policy else { return nil }
            if let reason = policy.unknownReason {
                return CheckResult(key.component, .cannotVerify([Evidence("the key policy cannot be verified: \(reason)",
                                                                          at: policy.origin)]))
            }
            let evidence = policy.statements.compactMap { statement -> Evidence? in
                guard statement.effect.lowercased() == "allow" else { return nil }
                let name = statement.sid.map { "statement '\($0)'" } ?? "a statement"
                let everyone = statement.principals.contains("*")
                let allActions = statement.actions.contains { $0 == "*" || $0.lowercased() == "kms:*" }
                if everyone && !statement.hasCondition {
                    return Evidence("\(name) allows principal \"*\" (anyone) without a condition to \(Self.actions(statement)); expected named principals or a condition",
                                    at: statement.origin)
                }
                if everyone && allActions {
                    return Evidence("\(name) allows kms:* to principal \"*\"; even with a condition, grant only the actions needed",
                                    at: statement.origin)
                }
                return nil
            }
            return CheckResult(key.component, .from(evidence))
        }
    }

    private static func actions(_ statement: KeyPolicyStatement) -> String {
        statement.actions.isEmpty ? "no stated action" : statement.actions.prefix(4).joined(separator: ", ")
            + (statement.actions.count > 4 ? ", …" : "")
    }
}
