import PolicyCheckKit
import Testing

/// MMC-RES-*: every region the deployment names or implies, and multi-Region keys.
@Suite struct ResidencyRuleTests {
    static let outside = "outside the allowed us-east-1"

    static let failures: [RuleFailure] = [
        RuleFailure("residency/allowed-regions/fail-component.yaml", "MMC-RES-001", .high, at: 10, 13,
                    resource: "acme-prod/database",
                    says: ["database region is 'eu-west-1'", "places data in a region", outside]),
        RuleFailure("residency/allowed-regions/fail-copy-regions.yaml", "MMC-RES-001", .high, at: 13, 9,
                    resource: "acme-prod/backups",
                    says: ["backup copy region is 'eu-central-1'", "a copy of the data would be kept in", outside]),
        RuleFailure("residency/allowed-regions/fail-key-arn.yaml", "MMC-RES-001", .high, at: 10, 12,
                    resource: "acme-prod/keys/data-key",
                    says: ["region in the key ARN is 'eu-west-2'", outside], also: ["MMC-KEY-002"]),
        RuleFailure("residency/allowed-regions/fail-kms-key-arn.yaml", "MMC-RES-001", .high, at: 13, 15,
                    resource: "acme-prod/database",
                    says: ["region in the KMS key ARN is 'eu-central-1'", outside]),
        RuleFailure("residency/allowed-regions/fail-replica.yaml", "MMC-RES-001", .high, at: 17, 11,
                    resource: "acme-prod/keys/data-key",
                    says: ["key replica region is 'us-west-2'", "a copy of the data would be kept in", outside],
                    also: ["MMC-KEY-002"]),
        RuleFailure("residency/allowed-regions/fail-endpoint.yaml", "MMC-RES-001", .high, at: 11, 30,
                    resource: "acme-prod/network",
                    says: ["private connectivity endpoint region is 'ap-southeast-2'", outside]),
        RuleFailure("residency/allowed-regions/fail-malformed.yaml", "MMC-RES-001", .high, at: 7, 11,
                    resource: "acme-prod",
                    says: ["deployment region 'us-east1' is not an AWS region code", "expected one of us-east-1"]),
        RuleFailure("residency/multi-region-keys/fail-flag.yaml", "MMC-RES-002", .low, at: 16, 20,
                    resource: "acme-prod/keys/data-key",
                    says: ["multi-Region key (multiRegion: true)", "replicating it to other regions"]),
        RuleFailure("residency/multi-region-keys/fail-mrk.yaml", "MMC-RES-002", .low, at: 10, 12,
                    resource: "acme-prod/keys/data-key",
                    says: ["key id 'mrk-1234abcd12ab34cd56ef1234567890ab' is a multi-Region key (mrk-)"]),
    ]

    static let passes: [RulePass] = [
        RulePass("residency/allowed-regions/pass.yaml", "MMC-RES-001"),
        RulePass("compliant/dedicated.yaml", "MMC-RES-001"),
        RulePass("residency/multi-region-keys/pass.yaml", "MMC-RES-002"),
        RulePass("compliant/dedicated.yaml", "MMC-RES-002"),
    ]

    @Test func onlyTheOutOfRegionCopyIsReported() {
        // copyRegions lists us-east-1 and eu-central-1; only the second is a finding.
        let result = Fixture.check("native/residency/allowed-regions/fail-copy-regions.yaml")
        let findings = result.findings("MMC-RES-001")
        #expect(findings.count == 1)
        #expect(findings.first?.path == "spec.backups.copyRegions[1]")
    }

    @Test func everyRegionReferenceOfADeploymentIsCollected() throws {
        let result = Fixture.check("native/compliant/dedicated.yaml")
        let deployment = try #require(result.deployments.first)
        let roles = deployment.regions.map { "\($0.component): \($0.role)" }
        #expect(roles == [
            ": deployment region",
            "database: database region",
            "fileStore: file store region",
            "backups: backup region",
            "keys/data-key: region in the key ARN",
            "network: private connectivity endpoint region",
        ])
        #expect(deployment.regions.allSatisfy { $0.region == "us-east-1" })
    }
}
