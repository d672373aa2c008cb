import PolicyCheckKit
import Testing

/// MMC-OFF-*: what each offering provides.
@Suite struct OfferingRuleTests {
    static let notProvidedByShared = "which the Shared offering does not provide"

    static let failures: [RuleFailure] = [
        RuleFailure("offering/shared-own-network/fail.yaml", "MMC-OFF-001", .high, at: 10, 16,
                    resource: "acme-prod/network",
                    says: ["'spec.network.privateConnectivity.enabled' asks for its own network (private connectivity)",
                           notProvidedByShared]),
        RuleFailure("offering/shared-kubernetes-ha/fail.yaml", "MMC-OFF-001", .high, at: 10, 17,
                    resource: "acme-prod/highAvailability",
                    says: ["'spec.highAvailability.kubernetes' asks for Kubernetes high availability", notProvidedByShared]),
        RuleFailure("offering/shared-database-ha/fail.yaml", "MMC-OFF-001", .high, at: 10, 15,
                    resource: "acme-prod/highAvailability",
                    says: ["'spec.highAvailability.database' asks for database high availability", notProvidedByShared]),
        RuleFailure("offering/shared-object-storage/fail.yaml", "MMC-OFF-001", .high, at: 9, 11,
                    resource: "acme-prod/fileStore",
                    says: ["'spec.fileStore.type' asks for its own object storage (an S3 bucket)", notProvidedByShared]),
        RuleFailure("offering/shared-encryption-keys/fail.yaml", "MMC-OFF-001", .high, at: 9, 5,
                    resource: "acme-prod/keys",
                    says: ["'spec.keys' asks for customer-managed encryption keys (BYOK)", notProvidedByShared]),
        RuleFailure("offering/shared-kms-key/fail.yaml", "MMC-OFF-001", .high, at: 11, 15,
                    resource: "acme-prod/database",
                    says: ["'spec.database.encryption.kmsKey' asks for customer-managed encryption keys (BYOK)",
                           notProvidedByShared]),
        RuleFailure("offering/shared-backup-schedule/fail.yaml", "MMC-OFF-001", .high, at: 9, 15,
                    resource: "acme-prod/backups",
                    says: ["'spec.backups.schedule' asks for a custom backup schedule", notProvidedByShared]),
        RuleFailure("offering/custom-domain/fail.yaml", "MMC-OFF-002", .medium, at: 8, 17,
                    resource: "acme-prod",
                    says: ["'spec.customDomain' asks for a custom URL, which Mattermost Cloud does not provide"]),
    ]

    static let passes: [RulePass] = [
        // Dedicated asks for every Dedicated-only capability and gets it.
        RulePass("compliant/dedicated.yaml", "MMC-OFF-001", outcome: .notApplicable),
        RulePass("compliant/shared.yaml", "MMC-OFF-001"),
        // An AWS-managed key is not a customer key, so a Shared deployment may name it.
        RulePass("offering/shared-aws-managed-key/pass.yaml", "MMC-OFF-001"),
        RulePass("compliant/dedicated.yaml", "MMC-OFF-002"),
        RulePass("compliant/minimal.yaml", "MMC-OFF-002"),
        // Issue 15: an empty value asks for nothing.
        RulePass("offering/custom-domain/pass-empty.yaml", "MMC-OFF-002", outcome: nil),
        RulePass("offering/shared-backup-schedule/pass-empty.yaml", "MMC-OFF-001"),
    ]

    @Test func sharedDeploymentAskingForEveryDedicatedCapabilityIsReportedOncePerField() {
        // The same requests that pass for Dedicated fail for Shared, one finding per field.
        let result = Fixture.check("native/offering/shared-everything/fail.yaml")
        #expect(result.errors.isEmpty)
        let located = result.findings("MMC-OFF-001").map { "\($0.line):\($0.column) \($0.path)" }
        #expect(located == [
            "9:17 spec.highAvailability.kubernetes",
            "10:15 spec.highAvailability.database",
            "14:15 spec.database.encryption.kmsKey",
            "16:11 spec.fileStore.type",
            "19:15 spec.backups.schedule",
            "22:15 spec.backups.encryption.kmsKey",
            "24:5 spec.keys",
            "32:16 spec.network.privateConnectivity.enabled",
        ])
    }

    @Test func dedicatedOnlyRuleDoesNotApplyToDedicated() {
        let result = Fixture.check("native/compliant/dedicated.yaml")
        let outcomes = result.outcomes.filter { $0.ruleId == "MMC-OFF-001" }
        #expect(outcomes.map(\.status) == [.notApplicable])
    }
}
