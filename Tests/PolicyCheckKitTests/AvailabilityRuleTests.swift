@testable import PolicyCheckKit
@testable import PolicyCheckPolicy
import Testing

/// MMC-AVL-*: backup retention.
@Suite struct AvailabilityRuleTests {
    static let failures: [RuleFailure] = [
        RuleFailure("availability/backup-retention/fail.yaml", "MMC-AVL-001", .medium, at: 9, 20,
                    resource: "acme-prod/backups",
                    says: ["backups are kept 7 days; at least 30 are required"]),
        // Issue 15: schedules were never validated.
        RuleFailure("availability/backup-schedule/fail.yaml", "MMC-AVL-002", .medium, at: 9, 15,
                    resource: "acme-prod/backups",
                    says: ["backup schedule '99 99 * * *' is not a valid cron expression: '99' is not a valid minute (0–59)"]),
        RuleFailure("availability/backup-schedule/fail-aws-cron.yaml", "MMC-AVL-002", .medium, at: 9, 15,
                    resource: "acme-prod/backups",
                    says: ["exactly one of day of month and day of week must be '?' in an AWS cron expression"]),
        // Issue 15, recovery: versioning, point-in-time recovery, vault lock.
        RuleFailure("availability/versioning/fail.yaml", "MMC-AVL-004", .medium, at: 11, 17, resource: "acme-prod/fileStore",
                    says: ["versioning is off for the file store", "expected versioning enabled"]),
        RuleFailure("availability/point-in-time-recovery/fail.yaml", "MMC-AVL-005", .medium, at: 11, 26,
                    resource: "acme-prod/database",
                    says: ["automated backups are off for the database", "expected automated backups kept at least 7 days"]),
        RuleFailure("availability/vault-lock/fail.yaml", "MMC-AVL-006", .medium, at: 11, 16, resource: "acme-prod/backups",
                    says: ["the backup vault has no vault lock"]),
    ]

    static let passes: [RulePass] = [
        RulePass("availability/backup-retention/pass.yaml", "MMC-AVL-001"),
        // Retention not stated: nothing to judge (absence is never a finding by itself).
        RulePass("availability/backup-retention/pass-absent.yaml", "MMC-AVL-001", outcome: .notApplicable),
        RulePass("compliant/dedicated.yaml", "MMC-AVL-001"),
        RulePass("availability/backup-schedule/pass.yaml", "MMC-AVL-002"),
        RulePass("compliant/dedicated.yaml", "MMC-AVL-002"),
        RulePass("availability/versioning/pass.yaml", "MMC-AVL-004"),
        RulePass("availability/point-in-time-recovery/pass.yaml", "MMC-AVL-005"),
        RulePass("availability/vault-lock/pass.yaml", "MMC-AVL-006"),
    ]

    @Test(arguments: [
        ("0 3 * * *", nil), ("*/15 0-6 1,15 JAN-MAR MON-FRI", nil), ("0 0 * * 7", nil),
        ("cron(0 5 ? * * *)", nil), ("cron(0 12 * * ? *)", nil), ("cron(0 5 ? * 6#3 *)", nil), ("cron(0 5 L * ? *)", nil),
        ("0 3 * *", "expected 5 fields"), ("0 24 * * *", "'24' is not a valid hour (0–23)"),
        ("0 3 32 * *", "'32' is not a valid day of month (1–31)"), ("0 3 * 13 *", "'13' is not a valid month"),
        ("0 3 * * 8", "'8' is not a valid day of week"), ("0 3 * * MON-SUNDAY", "'SUNDAY' is not a valid day of week"),
        ("5-1 * * * *", "the minute range '5-1' runs backwards"), ("*/0 * * * *", "has an invalid step"),
        ("cron(0 5 * * ? 1800)", "'1800' is not a valid year"), ("cron(0 5 ? * * *", "ends with ')'"),
    ] as [(String, String?)])
    func cronSchedulesAreValidated(_ schedule: String, _ problem: String?) {
        let found = CronSchedule.problem(schedule)
        if let problem {
            #expect(found?.contains(problem) == true, "\(found ?? "nil")")
        } else {
            #expect(found == nil)
        }
    }

    /// A valid schedule that names no day there is takes no backup (crontab(5): with day of week `*`, day of month
    /// and month must both match; AWS cron reads the day field that is not `?`).
    @Test(arguments: [
        ("0 3 31 2 *", 2026, "February has no day 31"), ("0 3 30,31 FEB *", 2026, "February has no day 30 or 31"),
        ("0 3 31 2,4,6 *", 2026, "no month it runs in (February, April, June) has a day 31"),
        ("0 3 31 */2 *", 2026, nil), ("0 3 31 2 MON", 2026, nil), ("0 3 29 2 *", 2026, nil),
        ("0 3 31 2 */2", 2026, "February has no day 31"), ("0 3 28-31 2 *", 2026, nil), ("0 3 31 1-12/3 *", 2026, nil),
        ("cron(0 3 31 2 ? *)", 2026, "February has no day 31"), ("cron(0 3 ? 2 MON *)", 2026, nil),
        ("cron(0 3 L 2 ? *)", 2026, nil), ("cron(0 3 * * ? 2020-2024)", 2026, "its years 2020, 2021, 2022, 2023, 2024 are past"),
        ("cron(0 3 * * ? 2025)", 2026, "its year 2025 is past"), ("cron(0 3 * * ? 2026)", 2026, nil),
        ("cron(0 3 29 2 ? 2027)", 2026, "February 29 falls in none of its years"), ("cron(0 3 29 2 ? 2028)", 2026, nil),
        ("cron(0 3 31 2 ? 2020)", 2026, "its year 2020 is past"),
    ] as [(String, Int, String?)])
    func schedulesThatNeverFireAreFound(_ schedule: String, _ year: Int, _ reason: String?) {
        #expect(CronSchedule.problem(schedule) == nil)
        #expect(CronSchedule.neverFires(schedule, fromYear: year) == reason)
    }

    /// An AWS schedule of listed years is tried day by day from the evaluation date: a date already past this year,
    /// or a fifth weekday a month never has in those years, never fires (hostile tester, round 36); `L`, `W` and `#`
    /// that do fall are found.
    @Test(arguments: [
        ("cron(0 3 1 1 ? 2026)", "no day it names falls on or after 2026-12-07 in its year 2026"),
        ("cron(0 3 31 12 ? 2026)", nil), ("cron(0 3 ? 2 MON#5 2027)", "no day it names falls on or after 2026-12-07 in its year 2027"),
        ("cron(0 3 ? 2 TUE#5 2028)", nil), ("cron(0 3 L 2 ? 2027)", nil), ("cron(0 3 ? 12 2L 2026)", nil),
        ("cron(0 3 ? 12 2L 2026-2027)", nil), ("cron(0 3 15W 11 ? 2026)", "no day it names falls on or after 2026-12-07 in its year 2026"),
        ("cron(0 3 LW 12 ? 2026)", nil), ("cron(0 3 * * ? 2026)", nil),
        // `L` alone in day of week is the week's last day, Saturday (review, round 36).
        ("cron(0 3 ? * L 2027)", nil),
        // Names holding the letters of AWS's specials are names: WED, JUL (final review, round 36).
        ("cron(0 3 ? * WED 2027)", nil), ("cron(0 3 31 JUL ? 2027)", nil), ("cron(0 3 ? JUL,AUG WED-FRI 2027)", nil),
        ("cron(0 3 ? JUL MON#5 2027)", "no day it names falls on or after 2026-12-07 in its year 2027"),
        ("cron(0 3 31 JUN ? 2027)", "June has no day 31"), ("cron(0 3 ? 2 2#5 2027,2029,2030,2031,2033,2034)", "no day it names falls on or after 2026-12-07 in its years 2027–2034 (6 years)"),
    ] as [(String, String?)])
    func listedYearsAreTriedDayByDay(_ schedule: String, _ reason: String?) {
        #expect(CronSchedule.problem(schedule) == nil)
        #expect(CronSchedule.neverFires(schedule, from: (2026, 12, 7)) == reason)
    }

    @Test func weekdaysAndTabs() {
        #expect(CronSchedule.weekday(year: 1970, month: 1, day: 1) == 5)
        #expect(CronSchedule.weekday(year: 2026, month: 12, day: 7) == 2)
        #expect(CronSchedule.weekday(year: 2000, month: 2, day: 29) == 3)
        // crontab(5): fields are "separated by spaces or tabs".
        #expect(CronSchedule.problem("0\t3\t*\t*\t*") == nil)
    }

    /// Every rule of every plan is judged: a second rule or a second plan's schedule went unread, and Terraform's
    /// `aws_backup_plan` schedules were not read at all (second review, round 36).
    @Test func everyRulesScheduleIsJudged() throws {
        let template = try CloudFormationTesting.findings("""
            Resources:
              P1:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: one
                    BackupPlanRule:
                      - {RuleName: a, TargetBackupVault: v, ScheduleExpression: cron(0 3 * * ? *), Lifecycle: {DeleteAfterDays: 35}}
                      - {RuleName: b, TargetBackupVault: v, ScheduleExpression: cron(0 3 31 2 ? *), Lifecycle: {DeleteAfterDays: 35}}
              P2:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: two
                    BackupPlanRule:
                      - {RuleName: c, TargetBackupVault: v, ScheduleExpression: cron(0 3 30 2 ? *), Lifecycle: {DeleteAfterDays: 90}}
            """)
        #expect(template.filter { $0.ruleId == "MMC-AVL-002" }.map { "\($0.resource) \($0.line)" }.sorted() == ["P1 9", "P2 16"])
        let source = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_backup_plan" "p" {
              name = "p"
              rule {
                rule_name         = "daily"
                target_vault_name = "v"
                schedule          = "cron(0 3 * * ? *)"
              }
              rule {
                rule_name         = "never"
                target_vault_name = "v"
                schedule          = "cron(0 3 31 2 ? *)"
              }
            }
            """)
        #expect(source.filter { $0.ruleId == "MMC-AVL-002" }.map(\.line) == [12])
    }

    @Test func aScheduleThatNeverFiresFailsTheRule() throws {
        let result = try Fixture.check("native/availability/backup-schedule/fail.yaml",
                                       replacing: [("\"99 99 * * *\"", "\"0 3 30 2 *\"")])
        #expect(result.findings("MMC-AVL-002").map(\.message)
            == ["backup schedule '0 3 30 2 *' never fires: February has no day 30; it takes no backup"], "\(result.summary)")
    }

    @Test(arguments: [(0, true), (1, true), (29, true), (30, false), (3650, false)])
    func retentionBoundary(_ days: Int, _ reported: Bool) throws {
        let result = try Fixture.check("native/availability/backup-retention/fail.yaml",
                                       replacing: [("retentionDays: 7", "retentionDays: \(days)")])
        #expect(result.findings("MMC-AVL-001").isEmpty == !reported, "\(result.summary)")
        if days == 1 { #expect(result.findings.first?.message.contains("kept 1 day;") == true) }
    }
}
