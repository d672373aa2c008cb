import PolicyCheckModel

/// Key policies must not open a key to everyone: no `Allow` to principal `*` unless a condition binds the caller to
/// known accounts or principals, no `kms:*` to principal `*`, and no `kms:*` to another account's root.
///
/// Only conditions on the caller's identity restrict `Principal: "*"`: `kms:CallerAccount`, `aws:PrincipalOrgID`,
/// `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn` and their kin, under a positive operator and with a
/// value that is not a wildcard. `aws:SecureTransport` or `kms:EncryptionContext:*` restrict how, not who; and
/// `kms:ViaService` alone admits any account's requests through that service, so it counts only together with an
/// account condition (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
public struct KeyPolicyCheck: Check {
    public static let name = "byok.key-policy"

    /// Condition keys that name who may call, lowercased (condition keys are case-insensitive).
    static let callerKeys: Set<String> = [
        "kms:calleraccount", "aws:principalorgid", "aws:principalorgpaths", "aws:principalarn",
        "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
        "aws:userid",
    ]

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.compactMap { key in
            guard let policy = key.policy else { return nil }
            let allows = policy.statements.filter { $0.effect.lowercased() == "allow" }
            let own = key.arn?.value.known.flatMap { AmazonResourceName($0)?.account }
            var evidence = allows.compactMap(everyone)
            evidence += otherAccountRoots(allows, ownAccount: own)
            // A policy known only in part fails on what its known statements grant; otherwise it cannot be verified.
            if let reason = policy.unknownReason, evidence.isEmpty {
                return CheckResult(key.component, .cannotVerify([Evidence("the key policy cannot be verified: \(reason)",
                                                                          at: policy.origin)]))
            }
            return CheckResult(key.component, .from(evidence))
        }
    }

    private func everyone(_ statement: KeyPolicyStatement) -> Evidence? {
        guard statement.principals.contains("*") else { return nil }
        let name = Self.name(statement)
        if Self.allActions(statement) {
            return Evidence("\(name) allows kms:* to principal \"*\"; even with a condition, grant only the actions needed",
                            at: statement.origin)
        }
        guard !Self.bindsCaller(statement.conditions) else { return nil }
        let why = statement.hasCondition
            ? "with no condition that binds the caller (\(statement.conditions.map(\.key).joined(separator: ", ")) restricts how the key is called, not who calls it)"
            : "without a condition"
        return Evidence("\(name) allows principal \"*\" (anyone) \(why) to \(Self.actions(statement)); expected named principals or a condition such as kms:CallerAccount or aws:PrincipalOrgID",
                        at: statement.origin)
    }

    /// `kms:*` hands out administration; only the key's own account root may hold it. Without the key's ARN, the
    /// account that a policy grants `kms:*` to first is taken as the key's own (the default key policy's statement).
    private func otherAccountRoots(_ statements: [KeyPolicyStatement], ownAccount: String?) -> [Evidence] {
        var own = ownAccount
        var evidence: [Evidence] = []
        for statement in statements where Self.allActions(statement) {
            for account in statement.principals.compactMap(Self.rootAccount) {
                if own == nil { own = account }
                guard account != own else { continue }
                evidence.append(Evidence("\(Self.name(statement)) allows kms:* to the root of account \(account), which is not the key's own account \(own!); grant another account only the actions it needs",
                                         at: statement.origin))
            }
        }
        return evidence
    }

    /// Whether the conditions confine the caller: one caller key under a positive operator, with a concrete value.
    static func bindsCaller(_ conditions: [KeyPolicyCondition]) -> Bool {
        conditions.contains { condition in
            let operation = condition.operatorName.lowercased()
            guard callerKeys.contains(condition.key.lowercased()), !operation.contains("not"),
                  !operation.hasSuffix("ifexists"), operation != "null", !condition.values.isEmpty else { return false }
            return condition.values.allSatisfy { $0 != "*" && !$0.hasPrefix("*") }
        }
    }

    /// The account of `arn:aws:iam::<account>:root` or a bare 12-digit account id; `nil` for other principals.
    static func rootAccount(_ principal: String) -> String? {
        if principal.count == 12, principal.allSatisfy(\.isASCIIDigit) { return principal }
        guard let arn = AmazonResourceName(principal), arn.service == "iam", arn.resource == "root",
              arn.account.count == 12, arn.account.allSatisfy(\.isASCIIDigit) else { return nil }
        return arn.account
    }

    private static func allActions(_ statement: KeyPolicyStatement) -> Bool {
        statement.actions.contains { $0 == "*" || $0.lowercased() == "kms:*" }
    }

    private static func name(_ statement: KeyPolicyStatement) -> String {
        statement.sid.map { "statement '\($0)'" } ?? "a statement"
    }

    private static func actions(_ statement: KeyPolicyStatement) -> String {
        statement.actions.isEmpty ? "no stated action" : statement.actions.prefix(4).joined(separator: ", ")
            + (statement.actions.count > 4 ? ", …" : "")
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
