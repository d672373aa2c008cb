import PolicyCheckKit
import Testing

/// MMC-ENC-*: encryption at rest, and customer-managed keys when the deployment brings its own.
@Suite struct EncryptionRuleTests {
    static let expectedDeclared = "expected one of the declared keys (data-key)"

    static let failures: [RuleFailure] = [
        RuleFailure("encryption/at-rest/fail-at-rest-false.yaml", "MMC-ENC-001", .critical, at: 11, 15,
                    resource: "acme-prod/database",
                    says: ["encryption at rest is off for the database", "expected it to be on"]),
        RuleFailure("encryption/at-rest/fail-database-no-encryption.yaml", "MMC-ENC-001", .critical, at: 9, 5,
                    resource: "acme-prod/database",
                    says: ["no encryption at rest is declared for the database", "'spec.database.encryption'"]),
        RuleFailure("encryption/at-rest/fail-backups-no-encryption.yaml", "MMC-ENC-001", .critical, at: 9, 5,
                    resource: "acme-prod/backups",
                    says: ["no encryption at rest is declared for the backups", "'spec.backups.encryption'"]),
        RuleFailure("encryption/at-rest/fail-minio-no-encryption.yaml", "MMC-ENC-001", .critical, at: 9, 5,
                    resource: "acme-prod/fileStore",
                    says: ["no encryption at rest is declared for the file store", "'spec.fileStore.encryption'"]),
        RuleFailure("encryption/customer-managed-key/fail-aes256.yaml", "MMC-ENC-002", .high, at: 20, 18,
                    resource: "acme-prod/fileStore",
                    says: ["the file store is encrypted with SSE-S3 (AES256)", "expected aws:kms with one of the declared keys (data-key)"]),
        RuleFailure("encryption/customer-managed-key/fail-aws-managed.yaml", "MMC-ENC-002", .high, at: 21, 15,
                    resource: "acme-prod/fileStore",
                    says: ["is encrypted with the AWS-managed key 'alias/aws/s3'", expectedDeclared]),
        RuleFailure("encryption/customer-managed-key/fail-no-key.yaml", "MMC-ENC-002", .high, at: 19, 7,
                    resource: "acme-prod/backups",
                    says: ["no KMS key is named for the backups, so AWS manages its key", expectedDeclared]),
        RuleFailure("encryption/customer-managed-key/fail-other-key.yaml", "MMC-ENC-002", .high, at: 20, 15,
                    resource: "acme-prod/database",
                    says: ["key/99999999-12ab-34cd-56ef-1234567890ab', which is not one of the declared keys (data-key)"]),
    ]

    static let passes: [RulePass] = [
        RulePass("encryption/at-rest/pass.yaml", "MMC-ENC-001"),
        // S3 encrypts every object with SSE-S3 by default.
        RulePass("encryption/at-rest/pass-s3-default.yaml", "MMC-ENC-001"),
        RulePass("compliant/dedicated.yaml", "MMC-ENC-001"),
        RulePass("compliant/shared.yaml", "MMC-ENC-001"),
        RulePass("encryption/customer-managed-key/pass-declared-id.yaml", "MMC-ENC-002"),
        RulePass("encryption/customer-managed-key/pass-declared-arn.yaml", "MMC-ENC-002"),
        // No keys declared: SSE-S3 and AWS-managed keys are fine.
        RulePass("encryption/customer-managed-key/pass-no-keys.yaml", "MMC-ENC-002", outcome: .notApplicable),
        RulePass("compliant/dedicated.yaml", "MMC-ENC-002"),
    ]

    @Test func unencryptedStoreIsNotAlsoAskedForACustomerKey() {
        // atRest: false is the at-rest rule's finding; the customer-key rule has nothing to add.
        let result = Fixture.check("native/encryption/at-rest/fail-at-rest-false.yaml")
        #expect(result.findings("MMC-ENC-002").isEmpty)
    }

    @Test func everyStoreWithoutTheDeclaredKeyIsReported() {
        let result = Fixture.check("native/offering/shared-everything/fail.yaml")
        // The S3 file store names no key although keys are declared; the database and backups use data-key.
        #expect(result.findings("MMC-ENC-002").map(\.resource) == ["acme-prod/fileStore"])
    }
}
