import PolicyCheckModel

/// A file store must keep earlier versions of what is overwritten or deleted, so an object can be recovered from a
/// mistake or an attack: S3 versioning (https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html).
public struct VersioningCheck: Check {
    public static let name = "availability.versioning"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        StoreSettingJudgement.results(
            deployment, \.versioning,
            problem: { "versioning is off for the \($0.displayName), so an overwritten or deleted object is gone" },
            expected: { _ in "versioning enabled" },
            subject: { "versioning of the \($0.displayName)" })
    }
}
