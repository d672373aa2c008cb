/// What an S3 public access block that leaves settings off allows, for the message. Of each pair, one setting stops
/// a public grant being made and the other stops S3 honouring one: `BlockPublicAcls` rejects public ACLs and
/// `IgnorePublicAcls` makes S3 ignore them; `BlockPublicPolicy` rejects public bucket policies and
/// `RestrictPublicBuckets` limits a bucket with one to AWS service principals and the owner's account
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html). So a public ACL
/// opens the bucket only with `IgnorePublicAcls` off, a public policy only with `RestrictPublicBuckets` off.
enum PublicAccessBlock {
    /// "aws_s3_bucket_public_access_block.b leaves restrict_public_buckets off, so a public bucket policy would open
    /// it to the internet".
    static func note(off settings: [String], block: String) -> String {
        let lowered = settings.map { $0.lowercased() }
        let acls = lowered.contains { $0.hasPrefix("ignore") }
        let policies = lowered.contains { $0.hasPrefix("restrict") }
        let names = settings.joined(separator: ", ")
        let effect: String
        switch (acls, policies) {
        case (true, true): effect = "so a public bucket policy or ACL would open it to the internet"
        case (true, false): effect = "so a public ACL would open it to the internet"
        case (false, true): effect = "so a public bucket policy would open it to the internet"
        case (false, false): effect = "so public grants can be made, though the settings left on keep S3 from honouring them"
        }
        return "\(block) leaves \(names) off, \(effect)"
    }
}
