import PolicyCheckModel

/// An S3 replication rule's destination bucket, read alike in templates (`BucketMapper`) and plans
/// (`TerraformRegionReader`): S3 copies every object the rule covers there
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html, across regions or within one), and a
/// bucket's ARN names no region, so a destination that is no bucket of the input holds a copy whose region cannot
/// be verified (tester, round 36: it passed unread).
enum S3ReplicationDestination {
    static let reason = "the replication destination bucket's region is not stated (an S3 bucket ARN carries none), and replication copies every object there"

    /// The bucket name a destination names: `arn:aws:s3:::name`, or the name itself.
    static func bucketName(_ text: String) -> String {
        AmazonResourceName(text)?.resource ?? text
    }
}
