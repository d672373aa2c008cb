import PolicyCheckModel
import PolicyCheckSyntax

/// The server-side encryption algorithms S3 accepts for a bucket's default encryption: `AES256` (SSE-S3),
/// `aws:kms` (SSE-KMS) and `aws:kms:dsse` (DSSE-KMS). S3 rejects any other value, so a bucket that names one is
/// not encrypted as declared — nor can one that names none (the field is required); and only the two KMS
/// algorithms use the KMS key a configuration names.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html
enum S3EncryptionAlgorithm {
    static let accepted: Set<String> = ["AES256", "aws:kms", "aws:kms:dsse"]
    static let usingKMS: Set<String> = ["aws:kms", "aws:kms:dsse"]
    static let acceptedText = "AES256, aws:kms or aws:kms:dsse"

    /// The known algorithm of an S3 bucket's default encryption, `nil` for other stores or an unknown value.
    static func algorithm(of store: DataStore) -> Located<String>? {
        guard store.storageType?.value == "s3", let algorithm = store.encryption.algorithm,
              let text = algorithm.value.known else { return nil }
        return Located(text, at: algorithm.origin)
    }

    /// The algorithm when S3 would refuse it.
    static func refused(by store: DataStore) -> Located<String>? {
        algorithm(of: store).flatMap { accepted.contains($0.value) ? nil : $0 }
    }

    static func quoted(_ algorithm: String) -> String { "'\(Excerpt.quote(algorithm))'" }

    /// How a refused algorithm reads in a message: quoted, or for none at all (an empty value), that S3 needs one.
    static func refusal(_ algorithm: String) -> String {
        algorithm.isEmpty ? "no algorithm, which S3 requires" : "\(quoted(algorithm)), an algorithm S3 does not accept"
    }
}
