/// What an S3 public access block that leaves settings off allows, for the message: each setting guards one way a
/// bucket is opened — `BlockPublicAcls`/`IgnorePublicAcls` public ACLs, `BlockPublicPolicy`/`RestrictPublicBuckets`
/// public bucket policies (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
enum PublicAccessBlock {
    /// "aws_s3_bucket_public_access_block.b leaves block_public_policy off, so a public bucket policy would open it
    /// to the internet".
    static func note(off settings: [String], block: String) -> String {
        let lowered = settings.map { $0.lowercased() }
        let acls = lowered.contains { $0.contains("acl") }
        let policies = lowered.contains { $0.contains("polic") || $0.contains("restrict") }
        let opener = acls && policies ? "a public bucket policy or ACL" : acls ? "a public ACL" : "a public bucket policy"
        let names = settings.joined(separator: ", ")
        return "\(block) leaves \(names) off, so \(opener) would open it to the internet"
    }
}
