import PolicyCheckModel

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
        }
    }
}
