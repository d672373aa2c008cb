import PolicyCheckKit
import Testing

/// Waiver files: validation (located errors), matching by globs, expiry, stale waivers.
@Suite struct WaiverTests {
    typealias H = SuppressionHarness

    @Test func validWaiverIsReadWithEveryField() throws {
        let file = try H.waivers([H.entry(["risk": "medium", "compensatingControl": "weekly access review"])])
        let waiver = try #require(file.waivers.first)
        #expect(waiver.rule == "MMC-RES-001")
        #expect(waiver.resource == "pilot-*")
        #expect(waiver.requestedBy == "alice@example.com")
        #expect(waiver.approvedBy == "bob@example.com")
        #expect(waiver.ticket == "SEC-42")
        #expect(waiver.risk == "medium")
        #expect(waiver.compensatingControl == "weekly access review")
        #expect(waiver.location == "waivers.yaml:4")
        #expect(file.sha256.count == 64)
    }

    @Test func requesterCannotApproveTheirOwnWaiver() {
        let problems = H.problems([H.entry(["approvedBy": "Alice@Example.com "])])
        #expect(problems.count == 1)
        #expect(problems.first?.contains("waivers.yaml:4:17: error: 'waivers[0].approvedBy' must be someone other than the requester") == true)
    }

    @Test func expiryMoreThanAYearAfterApprovalIsRejected() {
        #expect(H.problems([H.entry(["approvedOn": "2026-06-01", "expires": "2027-06-01"])]).isEmpty)
        let problems = H.problems([H.entry(["approvedOn": "2026-06-01", "expires": "2027-06-02"])])
        #expect(problems.first?.contains("'waivers[0].expires' is more than a year after 'approvedOn' (2026-06-01)") == true)
        // A leap day's anniversary is 1 March.
        #expect(H.problems([H.entry(["approvedOn": "2028-02-29", "expires": "2029-03-01"])]).isEmpty)
    }

    @Test func expiryBeforeApprovalIsRejected() {
        let problems = H.problems([H.entry(["approvedOn": "2026-06-01", "expires": "2026-05-01"])])
        #expect(problems.first?.contains("'waivers[0].expires' must be after 'approvedOn'") == true)
    }

    @Test func missingFieldsMisspeltFieldsAndUnknownRulesAreLocatedWithSuggestions() {
        var entry = H.entry(["rule": "MMC-RES-01", "reason": "\"  \""])
        entry["ticket"] = nil
        entry["tikcet"] = "SEC-1"
        entry["approvedBy"] = nil
        let problems = H.problems([entry])
        #expect(problems.contains { $0.contains("names unknown rule 'MMC-RES-01' (did you mean 'MMC-RES-001'?)") })
        #expect(problems.contains { $0.contains("unknown field 'tikcet' in 'waivers[0]' (did you mean 'ticket'?)") })
        #expect(problems.contains { $0.contains("missing required field 'approvedBy' in 'waivers[0]'") })
        #expect(problems.contains { $0.contains("'waivers[0].reason' must not be blank") })
        #expect(problems.allSatisfy { $0.hasPrefix("waivers.yaml:") })
    }

    @Test func globThatMatchesNoRuleIsRejected() {
        #expect(H.problems([H.entry(["rule": "\"MMC-NOPE-*\""])]).first?.contains("matches no rule") == true)
        #expect(H.problems([H.entry(["rule": "\"MMC-RES-*\""])]).isEmpty)
    }

    @Test func wrongKindAndMalformedYAMLAreErrors() {
        #expect(throws: Diagnostics.self) {
            try WaiverFile.parse(bytes: Array("apiVersion: policycheck/v1\nkind: Waiver\nwaivers: []\n".utf8), path: "w.yaml", ruleIds: H.ruleIds)
        }
        #expect(throws: Diagnostics.self) {
            try WaiverFile.parse(bytes: Array("waivers: [\n".utf8), path: "w.yaml", ruleIds: H.ruleIds)
        }
    }

    @Test func waivedFindingStaysVisibleAndDoesNotFail() throws {
        let report = H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: try H.waivers([H.entry()])))
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-RES-001" })
        #expect(finding.suppression?.kind == .waiver)
        #expect(finding.suppression?.justification == "Frankfurt pilot approved by the DPO")
        #expect(finding.suppression?.location == "waivers.yaml:4")
        #expect(report.exitCode == 0)
        #expect(report.waivers.map(\.state) == [.active])
        #expect(report.waivers.first?.matched == 1)
    }

    @Test(arguments: [
        ("MMC-RES-*", "\"p*\"", nil, true),
        ("MMC-RES-001", "pilot-eu", "\"**/region-unwaived.yaml\"", true),
        ("MMC-RES-001", "pilot-eu", "\"*.json\"", false),
        ("MMC-RES-001", "\"other-*\"", nil, false),
        ("\"MMC-NET-*\"", "\"p*\"", nil, false),
    ] as [(String, String, String?, Bool)])
    func globsMatchRuleResourceAndFile(rule: String, resource: String, file: String?, waived: Bool) throws {
        var entry = H.entry(["rule": rule, "resource": resource])
        entry["file"] = file
        let report = H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: try H.waivers([entry])))
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-RES-001" })
        #expect(finding.isSuppressed == waived)
        #expect(report.waivers.first?.state == (waived ? .active : .stale))
    }

    @Test func expiredWaiverNoLongerAppliesAndTheMessageSaysWhen() throws {
        let waivers = try H.waivers([H.entry(["expires": "2026-11-28"])])
        let report = H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: waivers))
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-RES-001" })
        #expect(!finding.isSuppressed)
        #expect(finding.message.hasSuffix("(waiver waivers.yaml:4 expired on 2026-11-28)"))
        #expect(report.exitCode == 1)
        #expect(report.waivers.first?.state == .expired)
        #expect(report.waivers.first?.warning?.contains("expired on 2026-11-28; 1 finding is no longer waived") == true)
    }

    @Test func dateOnlyExpiryLastsToTheEndOfThatDay() throws {
        let waivers = try H.waivers([H.entry(["expires": "2026-11-29"])])
        let lastMinute = Timestamp(iso8601: "2026-11-29T23:59:59Z")!
        #expect(H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: waivers), now: lastMinute).exitCode == 0)
        let nextDay = Timestamp(iso8601: "2026-11-30T00:00:00Z")!
        #expect(H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: waivers), now: nextDay).exitCode == 1)
    }

    @Test func waiverThatMatchesNothingIsStale() throws {
        let waivers = try H.waivers([H.entry(), H.entry(["resource": "decommissioned"])])
        let report = H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: waivers))
        #expect(report.waivers.map(\.state) == [.active, .stale])
        #expect(report.staleWaivers.count == 1)
        #expect(report.staleWaivers.first?.warning?.hasPrefix("waivers.yaml:12:5: warning: stale waiver") == true)
    }

    @Test func jsonReportMarksWaivedFindingsAndListsWaivers() throws {
        let waivers = try H.waivers([H.entry(), H.entry(["resource": "decommissioned"])])
        let json = JSONReporter().render(H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: waivers)))
        #expect(json.contains("\"status\": \"suppressed\""))
        #expect(json.contains("\"kind\": \"waiver\""))
        #expect(json.contains("\"staleWaivers\": 1"))
        #expect(json.contains("\"status\": \"stale\""))
        #expect(json.contains("\"status\": \"active\""))
    }
}
