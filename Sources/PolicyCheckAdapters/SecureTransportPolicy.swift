import PolicyCheckModel
import PolicyCheckSyntax

/// Whether a bucket policy refuses requests not sent over TLS: a `Deny` of every S3 action (`s3:*` or `*`, not
/// `NotAction`) to every principal, on resources that cover every object, whose only condition is
/// `aws:SecureTransport` false — as AWS's example policy is
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit). Conditions of a
/// statement all have to hold for it to apply
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html),
/// so a second one (`aws:SourceVpce`, `aws:PrincipalArn`) narrows the deny to some plain-HTTP requests only.
enum SecureTransportPolicy {
    /// What the statements say: `true` when one denies every plain-HTTP request, `nil` when one would but its
    /// resources are not known here, else `false`.
    static func judge(_ statements: [KeyPolicyStatement]) -> Bool? {
        var undecided = false
        for statement in statements where refusesPlainHTTP(statement) {
            switch coversEveryObject(statement.resources) {
            case true?: return true
            case nil: undecided = true
            case false?: continue
            }
        }
        return undecided ? nil : false
    }

    /// The in-transit setting a bucket policy's statements give (its text known): on, off with the reason, or not
    /// verifiable when its TLS-only deny names resources not known here. Shared by the plan and template readers.
    static func setting(_ statements: [KeyPolicyStatement], at origin: Origin) -> StoreSetting<Bool> {
        switch judge(statements) {
        case true?: return StoreSetting(.known(true), at: origin)
        case nil: return StoreSetting(.unknown(reason: unknownResources), at: origin)
        case false?: return StoreSetting(.known(false), at: origin, note: deniesNothing)
        }
    }

    static let deniesNothing = "its bucket policy denies no request whose aws:SecureTransport is false"

    /// Why a policy whose TLS-only deny names resources not known here cannot be verified.
    static let unknownResources = "its deny of plain HTTP names resources not known here, which may cover only some objects"

    /// A Deny of every action to everyone, on the one condition that the request is not over TLS.
    static func refusesPlainHTTP(_ statement: KeyPolicyStatement) -> Bool {
        statement.effect.lowercased() == "deny"
            && statement.principals.contains("*")
            && statement.actions.contains { $0 == "*" || $0.lowercased() == "s3:*" }
            && !statement.conditions.isEmpty
            && statement.conditions.allSatisfy { condition in
                ["bool", "boolifexists"].contains(condition.operatorName.lowercased())
                    && condition.key.lowercased() == "aws:securetransport"
                    && condition.values.contains { $0.lowercased() == "false" }
            }
    }

    /// Whether a statement's resources cover every object of the bucket: a resource whose trailing `*` follows no
    /// `/` other than the one before it (`arn:aws:s3:::chat-logs/*`, `${Logs.Arn}/*`, `*`). A deny of
    /// `arn:aws:s3:::chat-logs/exports/*` leaves every other object served over plain HTTP; S3 refuses a bucket
    /// policy naming another bucket's resources, so the bucket's name is not compared. `nil` when a resource is not
    /// known here (`(unknown)`: it may name a prefix), or the statement's resources were not read; `false` for an
    /// empty list (a statement of `NotResource`, which the readers give so: it covers what it does not name).
    static func coversEveryObject(_ resources: [String]?) -> Bool? {
        guard let resources else { return nil }
        var unknown = false
        for resource in resources {
            if resource == "(unknown)" {
                unknown = true
                continue
            }
            guard resource.hasSuffix("*") else { continue }
            var base = resource.dropLast()
            if base.hasSuffix("/") { base = base.dropLast() }
            if !base.contains("/") { return true }
        }
        return unknown ? nil : false
    }

    /// A statement's resources with those known only after apply that are a resource's ARN resolved (`mirror`, their
    /// `after_unknown`): the bucket's own ARN as `arn:aws:s3:::this-bucket` and the text after it — so
    /// `coversEveryObject` reads `/*` as every object and `/logs/*` as some — and another resource's left out, as it
    /// names no object of this bucket. `nil` when one is unknown otherwise (`"${var.arn}/*"`: which bucket is not
    /// known).
    static func resources(_ known: [String]?, mirror: SourceNode, bucket: String) -> [String]? {
        func resolved(_ node: SourceNode) -> [String]? {
            guard let address = node[arnOf]?.string, let suffix = node[arnSuffix]?.string else { return nil }
            return address == bucket ? ["arn:aws:s3:::this-bucket" + suffix] : []
        }
        if let whole = resolved(mirror) { return whole }
        guard let marks = mirror.items, let known, known.count == marks.count else { return nil }
        var result: [String] = []
        for (resource, mark) in zip(known, marks) {
            if mark.bool == false {
                result.append(resource)
            } else if let arn = resolved(mark) {
                result += arn
            } else {
                return nil
            }
        }
        return result
    }

    private static let arnOf = SourceKey(TerraformPlanNodes.arnOf)
    private static let arnSuffix = SourceKey(TerraformPlanNodes.arnSuffix)

    /// The statement fields that decide whether a statement denies requests without TLS.
    static let decisiveFields: Set<String> = [
        "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Condition", "Resource", "NotResource",
    ]

    /// A bucket policy whose text is known only after apply, judged by what it encodes (a Terraform `jsonencode` or
    /// `aws_iam_policy_document` whose resources are the bucket's ARN): a statement whose decisive fields are known
    /// and deny every plain-HTTP request makes it on; a Deny (or a statement of unknown effect) with an unknown
    /// decisive field — its resources included, which may name a prefix — leaves it unknown; else no statement can
    /// deny them and it is off. An Allow denies nothing, whatever its unknown parts.
    /// A resource written as the bucket's own ARN (`"${aws_s3_bucket.logs.arn}/*"`, an `arnOf` mirror naming `bucket`,
    /// its address) is known to name that bucket's objects, and judged as written so; another resource's ARN names
    /// none of them.
    static func judge(encoded document: (after: SourceNode, unknown: SourceNode?), unknownReason: String,
                      bucket: String, at origin: Origin) -> StoreSetting<Bool> {
        let statements = TerraformKeyPolicyReader.policy(document: document.after, at: origin).statements
        let mirror = document.unknown?["Statement"]
        if mirror?.bool == true || mirror?.string != nil {
            return StoreSetting(.unknown(reason: unknownReason), at: origin)
        }
        let statementNode = document.after["Statement"]
        // One statement written as an object has its mirror as an object too; a list has a list.
        let mirrors: [SourceNode?] = statementNode?.items != nil
            ? (statementNode?.items ?? []).indices.map { mirror?.item(at: $0) }
            : [mirror]
        var known: [KeyPolicyStatement] = []
        var undecided = false
        for (index, read) in statements.enumerated() {
            var statement = read
            let statementMirror = index < mirrors.count ? mirrors[index] : nil
            // `NotResource`, known or not, covers every resource but the ones it names: not every object.
            if statementMirror?.entries?.contains(where: { $0.key == "NotResource" }) == true { statement.resources = [] }
            let wholeUnknown = statementMirror?.bool == true || statementMirror?.string != nil
            var unknownFields = Set((statementMirror?.entries ?? []).map(\.key))
            if statement.resources != [], let mirror = statementMirror?["Resource"],
               let resolved = resources(statement.resources, mirror: mirror, bucket: bucket) {
                statement.resources = resolved
                unknownFields.remove("Resource")
            }
            let deniesNothing = !wholeUnknown && !unknownFields.contains("Effect") && statement.effect.lowercased() != "deny"
            let unknownResources = unknownFields.contains("Resource") && statement.resources != []
            let otherUnknown = !unknownFields.isDisjoint(with: decisiveFields.subtracting(["Resource", "NotResource"]))
            if deniesNothing {
                known.append(statement)
            } else if wholeUnknown || otherUnknown {
                undecided = true
            } else if unknownResources {
                // Its resources are known only after apply: decided now only when its known fields already keep it
                // from refusing every plain-HTTP request (a second condition, NotAction, a principal not everyone).
                if refusesPlainHTTP(statement) { undecided = true } else { known.append(statement) }
            } else {
                known.append(statement)
            }
        }
        switch judge(known) {
        case true?: return StoreSetting(.known(true), at: origin)
        case nil: return StoreSetting(.unknown(reason: unknownReason), at: origin)
        case false?:
            if undecided { return StoreSetting(.unknown(reason: unknownReason), at: origin) }
            return StoreSetting(.known(false), at: origin, note: deniesNothing)
        }
    }
}
