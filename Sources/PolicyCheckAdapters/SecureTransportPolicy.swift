import PolicyCheckModel
import PolicyCheckSyntax

/// Whether a bucket policy refuses requests not sent over TLS: a `Deny` of every S3 action (`s3:*` or `*`) to every
/// principal when `aws:SecureTransport` is false, as AWS's example policy does
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit).
enum SecureTransportPolicy {
    static func denies(_ statements: [KeyPolicyStatement]) -> Bool {
        statements.contains { statement in
            statement.effect.lowercased() == "deny"
                && statement.principals.contains("*")
                && statement.actions.contains { $0 == "*" || $0.lowercased() == "s3:*" }
                && statement.conditions.contains { condition in
                    ["bool", "boolifexists"].contains(condition.operatorName.lowercased())
                        && condition.key.lowercased() == "aws:securetransport"
                        && condition.values.contains { $0.lowercased() == "false" }
                }
                && coversEveryObject(statement.resources)
        }
    }

    /// Whether a statement's resources cover every object of the bucket, or may (one not known here): a resource
    /// whose trailing `*` follows no `/` other than the one before it (`arn:aws:s3:::chat-logs/*`, `${Logs.Arn}/*`,
    /// `*`). A deny of `arn:aws:s3:::chat-logs/exports/*` leaves every other object served over plain HTTP; S3 refuses
    /// a bucket policy naming another bucket's resources, so the bucket's name is not compared. Unread resources
    /// count as covering: the statement is judged as before they were read.
    static func coversEveryObject(_ resources: [String]?) -> Bool {
        guard let resources, !resources.isEmpty else { return true }
        return resources.contains { resource in
            if resource == "(unknown)" { return true }
            guard resource.hasSuffix("*") else { return false }
            var base = resource.dropLast()
            if base.hasSuffix("/") { base = base.dropLast() }
            return !base.contains("/")
        }
    }

    /// The statement fields that decide whether a statement denies requests without TLS (its `Resource` is the
    /// bucket's, as every bucket policy's is: S3 refuses a policy naming another bucket).
    static let decisiveFields: Set<String> = ["Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Condition"]

    /// A bucket policy whose text is known only after apply, judged by what it encodes (a Terraform `jsonencode` or
    /// `aws_iam_policy_document` whose resources are the bucket's ARN): a statement whose decisive fields are known
    /// and deny requests without TLS makes it on; a statement with an unknown decisive field leaves it unknown; else
    /// no statement can deny them, whatever its resources turn out to be, and it is off.
    static func judge(encoded document: (after: SourceNode, unknown: SourceNode?), unknownReason: String,
                      at origin: Origin) -> StoreSetting<Bool> {
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
        for (index, statement) in statements.enumerated() {
            let statementMirror = index < mirrors.count ? mirrors[index] : nil
            let wholeUnknown = statementMirror?.bool == true || statementMirror?.string != nil
            let unknownFields = Set((statementMirror?.entries ?? []).map(\.key))
            // An Allow denies nothing, whatever else it says: only a Deny (or an effect not known) can be undecided.
            let deniesNothing = !wholeUnknown && !unknownFields.contains("Effect") && statement.effect.lowercased() != "deny"
            if !deniesNothing && (wholeUnknown || !unknownFields.isDisjoint(with: decisiveFields)) {
                undecided = true
            } else {
                known.append(statement)
            }
        }
        if denies(known) { return StoreSetting(.known(true), at: origin) }
        if undecided { return StoreSetting(.unknown(reason: unknownReason), at: origin) }
        return StoreSetting(.known(false), at: origin,
                            note: "its bucket policy denies no request whose aws:SecureTransport is false")
    }
}
