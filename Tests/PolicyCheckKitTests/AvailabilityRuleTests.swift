import PolicyCheckKit
import Testing

/// MMC-AVL-*: backup retention.
@Suite struct AvailabilityRuleTests {
    static let failures: [RuleFailure] = [
        RuleFailure("availability/backup-retention/fail.yaml", "MMC-AVL-001", .medium, at: 9, 20,
                    resource: "acme-prod/backups",
                    says: ["backups are kept 7 days; at least 30 are required"]),
    ]

    static let passes: [RulePass] = [
        RulePass("availability/backup-retention/pass.yaml", "MMC-AVL-001"),
        // Retention not stated: nothing to judge (absence is never a finding by itself).
        RulePass("availability/backup-retention/pass-absent.yaml", "MMC-AVL-001", outcome: .notApplicable),
        RulePass("compliant/dedicated.yaml", "MMC-AVL-001"),
    ]

    @Test(arguments: [(0, true), (1, true), (29, true), (30, false), (3650, false)])
    func retentionBoundary(_ days: Int, _ reported: Bool) throws {
        let result = try Fixture.check("native/availability/backup-retention/fail.yaml",
                                       replacing: [("retentionDays: 7", "retentionDays: \(days)")])
        #expect(result.findings("MMC-AVL-001").isEmpty == !reported, "\(result.summary)")
        if days == 1 { #expect(result.findings.first?.message.contains("kept 1 day;") == true) }
    }
}
