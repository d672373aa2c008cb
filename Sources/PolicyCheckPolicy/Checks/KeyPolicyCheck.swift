import PolicyCheckModel
import PolicyCheckSyntax

/// Key policies must not open a key to everyone: no `Allow` to principal `*` unless a condition binds the caller to
/// known accounts or principals, no `kms:*` to principal `*`, and no `kms:*` to another account's root.
///
/// Only conditions on the caller's identity restrict `Principal: "*"`: `kms:CallerAccount`, `aws:PrincipalOrgID`,
/// `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn` and their kin, under a positive operator and with a
/// value that is not a wildcard — and, for an ARN, whose account field is a literal account id (`namesAccount`).
/// `aws:SecureTransport` or `kms:EncryptionContext:*` restrict how, not who; and `kms:ViaService` alone admits any
/// account's requests through that service, so it counts only together with an account condition (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
public struct KeyPolicyCheck: Check {
    public static let name = "byok.key-policy"

    /// Condition keys that name who may call, lowercased (condition keys are case-insensitive).
    static var callerKeys: Set<String> { KeyPolicyCondition.callerKeys }

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
            // A statement to everyone bound only by a value known at deployment (`!Sub '${OrgId}*'`): not decided.
            if evidence.isEmpty, let statement = allows.first(where: {
                $0.principals.contains("*") && Self.binding($0.conditions) == .undecided
            }) {
                return CheckResult(key.component, .cannotVerify([Evidence(
                    "\(Self.name(statement)) allows principal \"*\" bound only by a condition value known at deployment, so whether it binds the caller cannot be verified",
                    at: statement.origin)]))
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
            ? "with no condition that binds the caller (\(statement.conditions.map(Self.whyNotBinding).joined(separator: "; ")))"
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
        binding(conditions) != .open
    }

    /// How conditions confine the caller: `bound` by a caller key's known values; `undecided` when the only such
    /// conditions hold a part known only at deployment (a template parameter in `!Sub`), which may be the whole
    /// identifier or a wildcard; `open` otherwise.
    enum Binding { case bound, undecided, open }

    static func binding(_ conditions: [KeyPolicyCondition]) -> Binding {
        var undecided = false
        for condition in conditions {
            let operation = condition.operatorName.lowercased()
            guard callerKeys.contains(condition.key.lowercased()), !operation.contains("not"),
                  !operation.hasSuffix("ifexists"), operation != "null", !operation.hasPrefix("forallvalues:"),
                  !condition.values.isEmpty,
                  condition.values.allSatisfy({ !matchesAnyCaller($0, key: condition.key, operation: operation) }) else { continue }
            if condition.values.contains(where: holdsDeploymentValue) { undecided = true } else { return .bound }
        }
        return undecided ? .undecided : .open
    }

    /// Why a condition does not bind the caller, for the message: the key may name who calls and the operator or value
    /// fail to confine it. `…IfExists` is true when the key is absent from the request
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists),
    /// and `aws:PrincipalOrgID` is absent for a caller in no organization
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid);
    /// a negated operator admits every value but those it names; `Null` tests only whether the key is present.
    static func whyNotBinding(_ condition: KeyPolicyCondition) -> String {
        let key = condition.key, operation = condition.operatorName
        let lowered = operation.lowercased()
        guard callerKeys.contains(key.lowercased()) else { return "\(key) restricts how the key is called, not who calls it" }
        if lowered == "null" { return "Null on \(key) tests only whether the key is present, not whose it is" }
        if lowered.contains("not") {
            return "\(operation) on \(key) admits every caller but those it names"
        }
        if lowered.hasSuffix("ifexists") {
            let example = key.lowercased() == "aws:principalorgid" ? " (a caller in no organization has none)" : ""
            return "\(operation) on \(key) also admits a request without \(key)\(example)"
        }
        if lowered.hasPrefix("forallvalues:") {
            return "\(operation) on \(key) is true when the request has no \(key) (a caller in no organization has none)"
        }
        if condition.values.isEmpty { return "\(key) is given no value" }
        if let wild = condition.values.first(where: { !arnKeys.contains(key.lowercased()) && matchesAnyCaller($0, key: key, operation: lowered) }) {
            return "\(key) '\(Excerpt.quote(wild))' matches any caller"
        }
        if let any = condition.values.first(where: { arnKeys.contains(key.lowercased()) && !namesAccount($0) }) {
            return "\(key) '\(Excerpt.quote(any))' matches principals of any account: its account is not a literal account id"
        }
        return "\(key) does not confine the caller"
    }

    /// The names inside a value's `${…}` placeholders (`aws:PrincipalOrgID`, `AWS::AccountId`, `OrgId`).
    static func placeholders(in value: String) -> [Substring] {
        var names: [Substring] = []
        var rest = Substring(value)
        while let start = rest.range(of: "${") {
            let name = rest[start.upperBound...].prefix { $0 != "}" }
            names.append(name)
            rest = rest[name.endIndex...]
        }
        return names
    }

    /// Whether a value holds an IAM policy variable (`${aws:PrincipalOrgID}`, one colon), not a CloudFormation pseudo
    /// parameter (`${AWS::AccountId}`, two).
    static func holdsPolicyVariable(_ value: String) -> Bool {
        placeholders(in: value).contains { name in
            let lowered = name.lowercased()
            return lowered.hasPrefix("aws:") && !lowered.hasPrefix("aws::")
        }
    }

    /// Whether a value holds a part known only at deployment: a `${…}` placeholder other than a pseudo parameter
    /// (`${AWS::AccountId}` is the stack's own account, as good as written).
    static func holdsDeploymentValue(_ value: String) -> Bool {
        placeholders(in: value).contains { !$0.hasPrefix("AWS::") }
    }

    /// Whether a value of a caller key admits any caller: `*` or a leading wildcard; under a `…Like` operator, any
    /// wildcard in a value that is no ARN (`o-*` is every organization, `????????????` every account id); an ARN
    /// whose account field is not a literal account id. `ForAllValues:` is true when the key is absent from the
    /// request, as `aws:PrincipalOrgID` is for a caller in no organization
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html);
    /// review, round 35.
    static func matchesAnyCaller(_ value: String, key: String, operation: String) -> Bool {
        if value == "*" || value.hasPrefix("*") { return true }
        // An IAM policy variable (`${aws:PrincipalOrgID}`) is the caller's own value: it matches every caller
        // (review, round 35; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
        if holdsPolicyVariable(value) { return true }
        let lowered = key.lowercased()
        if arnKeys.contains(lowered) { return !namesAccount(value) }
        guard operation.lowercased().contains("like"), let wildcard = value.firstIndex(where: { $0 == "*" || $0 == "?" }) else {
            return false
        }
        // A wildcard after a whole identifier still names it: an organization path's `o-…/` (its organization), a
        // role session's `AROA…:` unique id.
        let literal = value[..<wildcard]
        // A part known only at deployment (`${OrgId}/*`) may be the whole identifier: not judged as a wildcard
        // here (`binding` calls it undecided; regression run, round 35).
        if literal.contains("${") { return false }
        switch lowered {
        case "aws:principalorgpaths", "aws:sourceorgpaths": return !(literal.hasPrefix("o-") && literal.contains("/"))
        case "aws:userid": return !literal.contains(":")
        default: return true
        }
    }

    /// Condition keys whose values are ARNs, lowercased: an ARN pattern binds the caller only through its account.
    static let arnKeys: Set<String> = ["aws:principalarn", "aws:sourcearn"]

    /// Whether an ARN pattern confines its match to one account: its account field is a literal 12-digit account
    /// id. `ArnLike` and `StringLike` match `*` and `?` in the account field like in any other, so
    /// `arn:aws:iam::*:role/*` is every role of every AWS account
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN,
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
    /// An ARN whose service has no account field (an S3 bucket's `arn:aws:s3:::name`, for `aws:SourceArn`) names its
    /// resource without one: judged by its wildcards as before. A value not known here (`${…}`) is taken as written.
    static func namesAccount(_ value: String) -> Bool {
        let fields = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].lowercased() == "arn" else { return !value.contains("*") && !value.contains("?") || value.contains("${") }
        let account = fields[4]
        if account.isEmpty { return true }
        if account.contains("${") { return true }
        return account.count == 12 && account.allSatisfy(\.isASCIIDigit)
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
