import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// A fixed report every reporter renders for its golden file: unicode in messages and paths, a path with spaces,
/// characters each format must escape, an open finding per severity band, a suppressed finding, a cannot-verify
/// finding, passing and not-applicable outcomes, a skipped file and an input error.
enum GoldenReport {
    static let evaluatedAt = Timestamp(iso8601: "2026-11-29T12:34:56Z")!
    static let spaced = "deploy/prod east/app manifest.yaml"
    static let accented = "deploy/ünïcode.yaml"

    static let rules: [PolicyRule] = [
        rule("TEST-NET-001", "Ensure no allowlist admits the whole Internet", .network, .critical, ["SOC2:CC6.1", "SOC2:CC6.6"],
             remediation: "Replace `0.0.0.0/0` with the customer's ranges | one per entry."),
        rule("TEST-ENC-001", "Ensure every data store is encrypted at rest", .encryption, .high, ["SOC2:CC6.1"],
             remediation: "Set encryption.atRest: true."),
        rule("TEST-KEY-001", "Ensure key material has a bounded validity period", .byok, .medium, ["SOC2:CC6.1", "SOC2:CC8.1"],
             remediation: "Set validTo no later than 365 days after importedAt."),
        rule("TEST-CHG-001", "Ensure emergency changes name a ticket", .changeManagement, .low, ["SOC2:CC8.1"],
             remediation: "Name the change ticket in maintenance.emergency.ticket."),
        rule("TEST-AVL-001", "Ensure backups are kept for 30 days", .availability, .low, [],
             remediation: "Set backups.retentionDays to 30 or more."),
    ]

    static var report: CheckReport {
        let open = [
            finding(rules[0], spaced, 12, 9, resource: "acme-prod/network/ipFiltering", path: "spec.network.ipFiltering.allowlist[0].cidr",
                    message: "'0.0.0.0/0' admits 100% of IPv4, e.g. 1.2.3.4:443 | expected customer ranges"),
            finding(rules[1], spaced, 20, 31, utf16: 32, resource: "acme-prod/database", path: "spec.database.encryption.atRest",
                    message: "encryption at rest is off for « données 🚀 » <db>; expected \"on\"\nsee ]]> & notes\u{7}"),
            finding(rules[2], spaced, 30, 7, resource: "acme-prod/keys/data-key", path: "spec.keys[0].material.validTo",
                    message: "key material is valid for 536 days after import; at most 365 are allowed (日本語)"),
        ]
        var unverified = finding(rules[2], accented, 5, 3, resource: "module.kms.aws_kms_key.main", path: "validTo",
                                 message: "validTo is known only after apply, so the validity period cannot be checked")
        unverified.severity = .info
        unverified.cannotVerify = true
        var waived = finding(rules[3], accented, 9, 5, resource: "acme-prod/maintenance", path: "spec.maintenance.emergency",
                             message: "the emergency change has no ticket; both are required")
        waived.suppression = Suppression(kind: .waiver, justification: "CHG-42 approved by the CAB — expires 2027-01-31",
                                         location: "waivers.yaml:3")
        let findings = (open + [unverified, waived]).sorted(by: Finding.reportOrder)
        var report = CheckReport(
            toolVersion: PolicyCheckVersion.current, evaluatedAt: evaluatedAt, failOn: .low,
            packs: [PackSummary(id: "golden", version: "7.3.1", origin: "<test>/golden.yaml", ruleCount: rules.count)],
            filesChecked: [spaced, accented], filesSkipped: [SkippedFile(file: "deploy/README.yaml", reason: "not a manifest: in none of the formats policycheck reads")],
            deploymentCount: 2, findings: findings,
            errors: [Diagnostic(file: "broken.yaml", location: SourceLocation(line: 3, column: 7),
                                message: "unknown field 'regoin' in 'spec' (did you mean 'region'?)")],
            outcomes: [
                RuleOutcome(ruleId: "TEST-NET-001", resource: "acme-prod/network/ipFiltering", file: spaced, status: .fail),
                RuleOutcome(ruleId: "TEST-ENC-001", resource: "acme-prod/database", file: spaced, status: .fail),
                RuleOutcome(ruleId: "TEST-ENC-001", resource: "acme-prod/fileStore", file: spaced, status: .pass),
                RuleOutcome(ruleId: "TEST-KEY-001", resource: "acme-prod/keys/data-key", file: spaced, status: .fail),
                RuleOutcome(ruleId: "TEST-AVL-001", resource: "acme-prod/backups", file: spaced, status: .pass),
                RuleOutcome(ruleId: "TEST-KEY-001", resource: "module.kms.aws_kms_key.main", file: accented, status: .cannotVerify),
                RuleOutcome(ruleId: "TEST-CHG-001", resource: "acme-prod/maintenance", file: accented, status: .fail),
                RuleOutcome(ruleId: "TEST-AVL-001", resource: "acme-prod", file: accented, status: .notApplicable),
            ]
        )
        report.rules = rules
        return report
    }

    private static func rule(_ id: String, _ title: String, _ category: RuleCategory, _ severity: Severity,
                             _ controls: [String], remediation: String) -> PolicyRule {
        PolicyRule(id: id, title: title, category: category, severity: severity, controls: controls,
                   description: "\(title.replacingOccurrences(of: "Ensure ", with: "Checks that ")).",
                   remediation: remediation, appliesTo: Applicability(), checkName: "test.\(id.lowercased())",
                   packID: "golden")
    }

    private static func finding(_ rule: PolicyRule, _ file: String, _ line: Int, _ column: Int, utf16: Int? = nil,
                                resource: String, path: String, message: String) -> Finding {
        Finding(ruleId: rule.id, title: rule.title, category: rule.category, severity: rule.severity, resource: resource,
                file: file, line: line, column: column, path: path, message: message, remediation: rule.remediation,
                controls: rule.controls, utf16Column: utf16)
    }
}
