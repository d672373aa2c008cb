import PolicyCheckKit
import Testing

/// MMC-KEY-*: customer keys (BYOK), their rotation and their imported material.
@Suite struct ByokRuleTests {
    static let keyResource = "acme-prod/keys/data-key"
    static let expectedARN = "expected arn:aws:kms:<region>:<12-digit account>:key/<key id>"

    static let failures: [RuleFailure] = [
        RuleFailure("byok/key-arn-syntax/fail-alias-arn.yaml", "MMC-KEY-001", .high, at: 10, 12, resource: keyResource,
                    says: ["'arn:aws:kms:us-east-1:111122223333:alias/data-key' is an alias ARN; expected a key ARN"]),
        RuleFailure("byok/key-arn-syntax/fail-account.yaml", "MMC-KEY-001", .high, at: 10, 12, resource: keyResource,
                    says: ["account '11112222333' in the key ARN is not 12 digits", expectedARN]),
        RuleFailure("byok/key-arn-syntax/fail-key-id.yaml", "MMC-KEY-001", .high, at: 10, 12, resource: keyResource,
                    says: ["key id '1234abcd-12ab-34cd-56ef' is neither a UUID nor 'mrk-' followed by 32 hex digits"]),
        RuleFailure("byok/key-region/fail.yaml", "MMC-KEY-002", .high, at: 10, 12, resource: keyResource,
                    says: ["key ARN is in region 'eu-west-1'; keys must be in us-east-1"], also: ["MMC-RES-001"]),
        RuleFailure("byok/key-region/fail-replica.yaml", "MMC-KEY-002", .high, at: 17, 11, resource: keyResource,
                    says: ["key is replicated to 'eu-west-1'; keys must stay in us-east-1"], also: ["MMC-RES-001"]),
        RuleFailure("byok/key-references/fail.yaml", "MMC-KEY-003", .high, at: 20, 15, resource: "acme-prod/database",
                    says: ["kmsKey 'data-kye' does not resolve", "declared keys: data-key", "(did you mean 'data-key'?)"]),
        RuleFailure("byok/symmetric-key-spec/fail.yaml", "MMC-KEY-004", .high, at: 12, 16, resource: keyResource,
                    says: ["key spec is 'RSA_2048' but the key encrypts the database; expected SYMMETRIC_DEFAULT"]),
        RuleFailure("byok/rotation/fail-aws-kms-no-rotation.yaml", "MMC-KEY-005", .medium, at: 9, 7, resource: keyResource,
                    says: ["automatic rotation is not enabled", "expected rotation.mode: automatic every 90–2560 days"]),
        RuleFailure("byok/rotation/fail-aws-kms-disabled.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["automatic rotation is not enabled"]),
        RuleFailure("byok/rotation/fail-aws-kms-period-30.yaml", "MMC-KEY-005", .medium, at: 15, 21, resource: keyResource,
                    says: ["rotation period 30 days is outside the 90–2560 days AWS KMS supports"]),
        RuleFailure("byok/rotation/fail-external-automatic.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["AWS KMS cannot rotate imported (EXTERNAL) key material automatically",
                           "expected on-demand rotation with a period"]),
        RuleFailure("byok/rotation/fail-on-demand-no-period.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["on-demand rotation needs periodDays (at most 365)"]),
        RuleFailure("byok/rotation/fail-on-demand-period-too-long.yaml", "MMC-KEY-005", .medium, at: 15, 21,
                    resource: keyResource, says: ["on-demand rotation every 400 days exceeds 365 days"]),
        RuleFailure("byok/material-expired/fail.yaml", "MMC-KEY-006", .high, at: 21, 20, resource: keyResource,
                    says: ["key material 'material-1' expired on 2026-11-01 (28 days before 2026-11-29)"]),
        RuleFailure("byok/material-expiring/fail.yaml", "MMC-KEY-007", .low, at: 21, 20, resource: keyResource,
                    says: ["key material 'material-1' expires on 2026-12-19, in 20 days (within 30)"]),
        RuleFailure("byok/material-validity-period/fail.yaml", "MMC-KEY-008", .medium, at: 21, 20, resource: keyResource,
                    says: ["key material 'material-1' is valid for 375 days after import; at most 365 days are allowed (until 2027-11-20T00:00:00Z)"]),
        // Issue 15: one second over was reported as "365 days; at most 365".
        RuleFailure("byok/material-validity-period/fail-365-days-and-1-second.yaml", "MMC-KEY-008", .medium, at: 21, 20,
                    resource: keyResource,
                    says: ["key material 'material-1' is valid for 365 days and 1 second after import; at most 365 days are allowed (until 2027-11-20T00:00:00Z)"]),
        RuleFailure("byok/material-validity-period/fail-does-not-expire-with-valid-to.yaml", "MMC-KEY-008", .medium,
                    at: 21, 20, resource: keyResource,
                    says: ["key material 'material-1' does not expire (KEY_MATERIAL_DOES_NOT_EXPIRE) but states validTo 2027-11-15",
                           "AWS KMS rejects a validTo with that model"]),
        // Issue 15: any expired material makes the whole key unusable, current or not.
        RuleFailure("byok/material-expired/fail-not-current.yaml", "MMC-KEY-006", .high, at: 21, 20, resource: keyResource,
                    says: ["key material 'material-1' (not current) expired on 2026-11-01",
                           "AWS KMS puts the whole key into Pending import"]),
        RuleFailure("byok/deletion-window/fail.yaml", "MMC-KEY-012", .medium, at: 13, 27, resource: keyResource,
                    says: ["a scheduled deletion of the key waits 7 days", "expected at least 30 days"]),
        RuleFailure("byok/material-consistency/fail-two-current.yaml", "MMC-KEY-011", .medium, at: 23, 20,
                    resource: keyResource,
                    says: ["2 materials are marked current ('material-1', 'material-2'); a key has exactly one current material"]),
        // An HMAC (or asymmetric) key keeps the material first imported: "For asymmetric and HMAC keys, you cannot
        // change the key material after the initial import" (ImportKeyMaterial; tester round 32).
        RuleFailure("byok/material-consistency/fail-hmac-two-materials.yaml", "MMC-KEY-011", .medium, at: 19, 11,
                    resource: "acme-prod/keys/signing-key",
                    says: ["2 materials are declared on a key of spec HMAC_256, which takes one imported material and never another"]),
        RuleFailure("byok/material-consistency/fail-aws-kms-origin.yaml", "MMC-KEY-011", .medium, at: 11, 15,
                    resource: keyResource,
                    says: ["the key's origin is AWS_KMS, whose material AWS KMS generates; imported materials belong to an EXTERNAL key"]),
        // Issue 15: AWS KMS rotates only symmetric encryption keys with AWS_KMS material (automatically) or
        // EXTERNAL material (on demand).
        RuleFailure("byok/rotation/fail-rsa-automatic.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["rotation.mode: automatic is set, but AWS KMS rotates only symmetric encryption keys, not RSA_2048 keys",
                           "expected rotation.mode: disabled"]),
        RuleFailure("byok/rotation/fail-hmac-automatic.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["not HMAC_256 keys"]),
        RuleFailure("byok/rotation/fail-ecc-automatic.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["not ECC_NIST_P256 keys"]),
        RuleFailure("byok/rotation/fail-cloudhsm-automatic.yaml", "MMC-KEY-005", .medium, at: 14, 15, resource: keyResource,
                    says: ["AWS KMS does not rotate keys in a custom key store (origin AWS_CLOUDHSM)"]),
        RuleFailure("byok/wrapping-algorithm/fail.yaml", "MMC-KEY-009", .high, at: 22, 30, resource: keyResource,
                    says: ["wrapped with RSAES_PKCS1_V1_5, which AWS KMS no longer accepts"]),
        RuleFailure("byok/wrapping-algorithm/fail-unknown.yaml", "MMC-KEY-009", .high, at: 22, 30, resource: keyResource,
                    says: ["wrapping algorithm 'RSAES_OAEP_SHA256' is not one AWS KMS accepts",
                           "(did you mean 'RSAES_OAEP_SHA_256'?)"]),
        // Tester round 31: RSAES_OAEP_* wraps every material but an RSA private key, which AWS KMS imports only with
        // RSA_AES_KEY_WRAP_*; and not ECC_NIST_P521 material under an RSA_2048 wrapping key (GetParametersForImport).
        RuleFailure("byok/wrapping-algorithm/fail-rsa-material-oaep.yaml", "MMC-KEY-009", .high, at: 21, 30,
                    resource: keyResource,
                    says: ["key material 'material-1' of this RSA_2048 key is wrapped with RSAES_OAEP_SHA_256, but AWS KMS imports an RSA private key only with RSA_AES_KEY_WRAP_SHA_256 or RSA_AES_KEY_WRAP_SHA_1",
                           "download a wrapping public key and import token for RSA_AES_KEY_WRAP_SHA_256"]),
        RuleFailure("byok/wrapping-algorithm/fail-p521-oaep-rsa2048-wrapping-key.yaml", "MMC-KEY-009", .high, at: 21, 30,
                    resource: keyResource,
                    says: ["of this ECC_NIST_P521 key is wrapped with RSAES_OAEP_SHA_1, but AWS KMS does not accept ECC_NIST_P521 key material wrapped with RSAES_OAEP_* under an RSA_2048 wrapping key",
                           "download an RSA_3072 or RSA_4096 wrapping key, or choose RSA_AES_KEY_WRAP_SHA_256"],
                    also: ["MMC-KM-003"]),
    ]

    static let passes: [RulePass] = [
        RulePass("byok/key-arn-syntax/pass.yaml", "MMC-KEY-001"),
        RulePass("byok/key-region/pass.yaml", "MMC-KEY-002"),
        RulePass("byok/key-references/pass.yaml", "MMC-KEY-003"),
        RulePass("compliant/dedicated.yaml", "MMC-KEY-004"),
        // An asymmetric key that encrypts no data store is not this rule's business.
        RulePass("byok/symmetric-key-spec/pass-unused.yaml", "MMC-KEY-004", outcome: .notApplicable),
        RulePass("byok/rotation/pass.yaml", "MMC-KEY-005"),
        RulePass("byok/rotation/pass-external.yaml", "MMC-KEY-005"),
        RulePass("byok/material-expired/pass.yaml", "MMC-KEY-006"),
        RulePass("byok/material-consistency/pass.yaml", "MMC-KEY-011"),
        RulePass("byok/deletion-window/pass.yaml", "MMC-KEY-012"),
        RulePass("byok/rotation/pass-rsa-not-rotated.yaml", "MMC-KEY-005", outcome: .notApplicable),
        RulePass("byok/rotation/pass-hmac-not-rotated.yaml", "MMC-KEY-005", outcome: .notApplicable),
        RulePass("byok/rotation/pass-ecc-not-rotated.yaml", "MMC-KEY-005", outcome: .notApplicable),
        RulePass("byok/material-expiring/pass.yaml", "MMC-KEY-007"),
        // Exactly 365 days is the most AWS KMS allows, and allowed.
        RulePass("byok/material-validity-period/pass-365-days.yaml", "MMC-KEY-008"),
        RulePass("byok/wrapping-algorithm/pass.yaml", "MMC-KEY-009"),
        RulePass("byok/wrapping-algorithm/pass-rsa-material-key-wrap.yaml", "MMC-KEY-009"),
        RulePass("byok/wrapping-algorithm/pass-p521-oaep-rsa4096-wrapping-key.yaml", "MMC-KEY-009"),
        RulePass("compliant/dedicated.yaml", "MMC-KEY-006"),
    ]

    // MARK: - Expiry is judged against the injected clock

    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @Test func materialIsExpiredFromItsValidToInstantOn() {
        let fixture = "native/byok/material-expired/fail.yaml"  // validTo 2026-11-01
        let atExpiry = Fixture.check(fixture, now: Self.at("2026-11-01T00:00:00Z"))
        #expect(atExpiry.findings("MMC-KEY-006").count == 1)
        #expect(atExpiry.findings("MMC-KEY-007").isEmpty)
        let justBefore = Fixture.check(fixture, now: Self.at("2026-10-31T23:59:59Z"))
        #expect(justBefore.findings("MMC-KEY-006").isEmpty)
        #expect(justBefore.findings("MMC-KEY-007").count == 1)
    }

    @Test func expiringWindowIsThirtyDaysInclusive() throws {
        let fixture = "native/byok/material-expiring/fail.yaml"  // validTo 2026-12-19
        let thirty = Fixture.check(fixture, now: Self.at("2026-11-19T00:00:00Z"))
        let finding = try #require(thirty.findings("MMC-KEY-007").first)
        #expect(finding.message.contains("in 30 days (within 30)"))
        let thirtyOne = Fixture.check(fixture, now: Self.at("2026-11-18T00:00:00Z"))
        #expect(thirtyOne.findings.isEmpty, "\(thirtyOne.summary)")
    }

    @Test func expiredMaterialIsNotAlsoReportedAsExpiring() {
        let result = Fixture.check("native/byok/material-expired/fail.yaml")
        #expect(result.ruleIds == ["MMC-KEY-006"])
    }

    @Test func materialThatDoesNotExpireIsNeverExpired() throws {
        let result = try Fixture.check("native/byok/material-expired/fail.yaml", replacing: [
            ("KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"), ("          validTo: \"2026-11-01\"\n", ""),
        ])
        #expect(result.errors.isEmpty)
        #expect(result.findings.isEmpty, "\(result.summary)")
        // With a validTo left behind, the material is not expired but states what AWS KMS refuses (MMC-KEY-008).
        let stated = try Fixture.check("native/byok/material-expired/fail.yaml", replacing: [
            ("KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"),
        ])
        #expect(stated.ruleIds == ["MMC-KEY-008"])
    }

    @Test func expiringMaterialWithoutValidToIsReported() throws {
        let result = try Fixture.check("native/byok/material-expiring/pass.yaml", replacing: [
            ("          validTo: \"2027-05-31\"\n", ""),
        ])
        let finding = try #require(result.findings("MMC-KEY-008").first)
        #expect(finding.message == "key material 'material-1' expires but states no validTo")
        #expect(finding.line == 17 && finding.column == 11)
    }

    @Test func materialValidBeforeItWasImportedIsReported() throws {
        let result = try Fixture.check("native/byok/material-validity-period/fail.yaml", replacing: [
            ("validTo: \"2027-11-30\"", "validTo: \"2026-11-10\""),
        ])
        let finding = try #require(result.findings("MMC-KEY-008").first)
        #expect(finding.message.contains("is valid to 2026-11-10, before it was imported on 2026-11-20"))
    }

    // MARK: - Key references

    @Test(arguments: [
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:us-east-1:111122223333:alias/data",
        "alias/data",
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "mrk-1234abcd12ab34cd56ef1234567890ab",
        "data-key",
    ])
    func resolvableKeyReferencesPass(_ reference: String) throws {
        let result = try Fixture.check("native/byok/key-references/fail.yaml", replacing: [("data-kye", reference)])
        #expect(result.findings("MMC-KEY-003").isEmpty, "\(result.summary)")
    }

    @Test func unresolvedReferenceWithoutDeclaredKeysSaysSo() throws {
        let result = Fixture.check(yaml: """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: acme-prod}
            spec:
              offering: dedicated
              region: us-east-1
              database:
                encryption: {atRest: true, kmsKey: my-key}
            """)
        let finding = try #require(result.findings("MMC-KEY-003").first)
        #expect(finding.message.contains("no keys are declared in spec.keys"))
        #expect(!finding.message.contains("did you mean"))
        #expect(finding.line == 8 && finding.column == 40)
    }
}
