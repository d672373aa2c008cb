import PolicyCheckKit
import Testing

/// MMC-CHG-*: maintenance window, soak period and emergency changes.
@Suite struct ChangeManagementRuleTests {
    static let maintenance = "acme-prod/maintenance"

    static let failures: [RuleFailure] = [
        RuleFailure("change-management/maintenance-window/fail-day.yaml", "MMC-CHG-001", .medium, at: 9, 13,
                    resource: maintenance,
                    says: ["maintenance window 'Sunnday 04:00-06:00 UTC' does not parse",
                           "'Sunnday' is not a day of the week"]),
        RuleFailure("change-management/maintenance-window/fail-time-range.yaml", "MMC-CHG-001", .medium, at: 9, 13,
                    resource: maintenance,
                    says: ["'4:00-06:00' is not a time range HH:MM-HH:MM (24-hour clock, 00:00–23:59)"]),
        RuleFailure("change-management/maintenance-window/fail-time-zone.yaml", "MMC-CHG-001", .medium, at: 9, 13,
                    resource: maintenance, says: ["'Mars/Olympus' is not a time zone"]),
        RuleFailure("change-management/maintenance-window/fail-too-short.yaml", "MMC-CHG-001", .medium, at: 9, 13,
                    resource: maintenance,
                    says: ["maintenance window 'Sun 04:00-04:30 UTC' lasts 30 minutes; at least 60 are required"]),
        // Issue 15: 24:00 and offsets no zone uses were accepted.
        RuleFailure("change-management/maintenance-window/fail-24-00.yaml", "MMC-CHG-001", .medium, at: 9, 13,
                    resource: maintenance,
                    says: ["'22:00-24:00' is not a time range HH:MM-HH:MM (24-hour clock, 00:00–23:59)"]),
        RuleFailure("change-management/maintenance-window/fail-utc-offset.yaml", "MMC-CHG-001", .medium, at: 9, 13,
                    resource: maintenance, says: ["'UTC-13:00' is not a time zone"]),
        RuleFailure("change-management/maintenance-window/fail-missing.yaml", "MMC-CHG-001", .medium, at: 9, 5,
                    resource: maintenance, says: ["no maintenance window is set"]),
        RuleFailure("change-management/soak-period/fail.yaml", "MMC-CHG-002", .medium, at: 10, 16,
                    resource: maintenance, says: ["upgrades soak for 12 hours; at least 24 are required"]),
        RuleFailure("change-management/emergency-justification/fail.yaml", "MMC-CHG-003", .high, at: 12, 7,
                    resource: maintenance, says: ["the emergency change has no ticket; both are required"],
                    also: ["MMC-CHG-004"]),
        RuleFailure("change-management/emergency-justification/fail-empty.yaml", "MMC-CHG-003", .high, at: 12, 7,
                    resource: maintenance, says: ["the emergency change has no reason and no ticket"],
                    also: ["MMC-CHG-004"]),
        RuleFailure("change-management/emergency-change/fail.yaml", "MMC-CHG-004", .info, at: 12, 7,
                    resource: maintenance,
                    says: ["change is marked as an emergency (ticket SEC-42) and bypasses the maintenance window and soak: CVE-2026-1234 hotfix"]),
    ]

    static let passes: [RulePass] = [
        // Crosses midnight (23:00-01:00 is two hours) in an IANA time zone.
        RulePass("change-management/maintenance-window/pass.yaml", "MMC-CHG-001"),
        RulePass("change-management/soak-period/pass.yaml", "MMC-CHG-002"),
        // The soak rule is for Dedicated only.
        RulePass("change-management/soak-period/pass-shared.yaml", "MMC-CHG-002", outcome: .notApplicable),
        RulePass("compliant/shared.yaml", "MMC-CHG-002", outcome: .notApplicable),
        RulePass("change-management/emergency-change/fail.yaml", "MMC-CHG-003", others: ["MMC-CHG-004"]),
        RulePass("change-management/emergency-change/pass.yaml", "MMC-CHG-004"),
    ]

    @Test(arguments: [
        ("Sun 04:00-06:00 UTC", true), ("sunday 04:00-05:00 UTC", true), ("Mon 22:30-00:00 GMT", true),
        ("Tue 00:00-23:59 UTC+02:00", true), ("Tue 00:00-24:00 UTC+02:00", false), ("Tue 04:00-06:00 UTC+14:30", false), ("Wed 04:00-06:00 UTC-05", true), ("Thu 23:30-00:30 Asia/Tokyo", true),
        ("Sun 04:00-04:00 UTC", false), ("Sun 04:00-06:00", false), ("Sun 24:30-01:00 UTC", false),
        ("Sun 04:00-06:00 UTC+15", false), ("Sun 04:00-06:00 utc", false), ("Sun 04:00-06:00 Europe/Nowhere", false),
        ("Sun 04:00 - 06:00 UTC", false), ("Sun 04:00-04:59 UTC", false),
        // The tz database's names without a slash are IANA names too (tester, round 35); an abbreviation is none.
        ("Sun 04:00-06:00 UCT", true), ("Sun 04:00-06:00 CET", true), ("Sun 04:00-06:00 EST5EDT", true),
        ("Sun 04:00-06:00 Zulu", true), ("Sun 04:00-06:00 GMT0", true), ("Sun 04:00-06:00 PST", false), ("Sun 04:00-06:00 CEST", false),
    ])
    func maintenanceWindowTable(_ window: String, _ accepted: Bool) throws {
        let result = try Fixture.check("native/change-management/maintenance-window/pass.yaml",
                                       replacing: [("Sat 23:00-01:00 Europe/Berlin", window)])
        #expect(result.findings("MMC-CHG-001").isEmpty == accepted, "\(window): \(result.summary)")
    }

    @Test func emergencyIsAlwaysReportedEvenWhenJustified() throws {
        let result = Fixture.check("native/change-management/emergency-change/fail.yaml")
        #expect(result.ruleIds == ["MMC-CHG-004"])
        let outcome = try #require(result.outcomes.first { $0.ruleId == "MMC-CHG-003" })
        #expect(outcome.status == .pass)
    }

    @Test func blankEmergencyReasonIsNotQuotedAsAReason() throws {
        let result = Fixture.check("native/change-management/emergency-justification/fail-empty.yaml")
        let finding = try #require(result.findings("MMC-CHG-004").first)
        #expect(finding.message == "change is marked as an emergency and bypasses the maintenance window and soak")
    }
}
