import Foundation
import PolicyCheckKit
import PolicyCheckTestSupport
import Synchronization
import Testing

/// A run whose every input keeps its findings in its own file hands each file's group to `streamsGroups` as soon as
/// the groups before it are written, and holds only their counts, with waivers and a baseline applied file by file;
/// a run whose findings may lie in other files (a Terraform module) never calls it and returns them all.
@Suite struct GroupStreamingTests {
    private func run(_ paths: [String], waivers: WaiverFile? = nil, baseline: Baseline? = nil, streamed: Bool)
        -> (report: CheckReport, groups: [ReportGroup]) {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .high, toolVersion: "test")
        run.jobs = 2
        run.suppressions.waivers = waivers
        run.suppressions.baseline = baseline
        let groups = Mutex<[ReportGroup]>([])
        if streamed { run.streamsGroups = { group in groups.withLock { $0.append(group) } } }
        let report = run.run(paths: paths.map(PackText.root))
        return (report, groups.withLock { $0 })
    }

    @Test func filesOfTheirOwnFindingsAreWrittenInReportOrderAndOnlyCounted() {
        let paths = ["samples/violations", "samples/terraform-plan", "samples/cloudformation"]
        let whole = run(paths, streamed: false).report
        let (report, groups) = run(paths, streamed: true)
        #expect(groups.count > 3)
        #expect(groups.map(\.file) == groups.map(\.file).sorted(), "groups come in the order the report sorts files")
        #expect(report.findings.isEmpty)
        #expect(groups.flatMap(\.findings) == whole.findings)
        #expect(report.written.count == whole.findings.count)
        #expect(report.written.files == Set(groups.map(\.file)))
        #expect(report.failingCount == whole.failingCount && report.failingCount > 0)
        #expect(report.exitCode == whole.exitCode)
        #expect(report.countsBySeverity.map(\.1) == whole.countsBySeverity.map(\.1))
    }

    @Test func aWaiverFileIsAppliedToEachFileAndItsUseCountedOverTheRun() throws {
        let whole = run(["samples"], streamed: false).report
        let resources = Array(Set(whole.findings.filter { $0.ruleId == "MMC-NET-001" }.map(\.resource))).sorted()
        #expect(resources.count >= 2)
        let text = """
            apiVersion: policycheck/v1
            kind: Waivers
            waivers:
            \(resources.map { """
              - rule: MMC-NET-001
                resource: "\($0)"
                reason: accepted for the test
                requestedBy: alice@example.com
                approvedBy: bob@example.com
                approvedOn: 2026-06-01
                expires: 2027-01-31
            """ }.joined(separator: "\n"))
              - rule: MMC-ENC-001
                resource: no-such-resource
                reason: stale
                requestedBy: alice@example.com
                approvedBy: bob@example.com
                approvedOn: 2026-06-01
                expires: 2027-01-31
            """
        let waivers = try WaiverFile.parse(bytes: Array(text.utf8), path: "waivers.yaml",
                                           ruleIds: Fixture.defaultPolicy.rules.map(\.rule.id))
        let waived = run(["samples"], waivers: waivers, streamed: false).report
        let (report, groups) = run(["samples"], waivers: waivers, streamed: true)
        #expect(!groups.isEmpty && report.findings.isEmpty)
        #expect(groups.flatMap(\.findings) == waived.findings)
        #expect(report.suppressedCount == waived.suppressedCount && report.suppressedCount >= 2)
        #expect(report.waivers.map(\.state) == waived.waivers.map(\.state))
        #expect(report.waivers.map(\.matched) == waived.waivers.map(\.matched))
        #expect(report.waivers.last?.state == .stale)
    }

    @Test func aTerraformModuleKeepsEveryFindingForTheWholeRun() {
        let (report, groups) = run(["Tests/PolicyCheckKitTests/Fixtures/terraform-source"], streamed: true)
        #expect(groups.isEmpty)
        #expect(report.written.count == 0)
        // With no findings an unstreamed run and a streamed one would look alike: the modules have some.
        #expect(!report.findings.isEmpty)
    }

    @Test func aBaselineIsAppliedToEachFileAsItIsWritten() {
        let recorded = run(["samples/violations"], streamed: false).report.findings
        let baseline = Baseline(recording: Array(recorded.prefix(5)), source: "baseline.json")
        let paths = ["samples/violations", "samples/cloudformation"]
        let whole = run(paths, baseline: baseline, streamed: false).report
        let (report, groups) = run(paths, baseline: baseline, streamed: true)
        #expect(!groups.isEmpty && report.findings.isEmpty)
        #expect(groups.flatMap(\.findings) == whole.findings)
        #expect(report.suppressedCount == 5 && whole.suppressedCount == 5)
        #expect(report.failingCount == whole.failingCount)
    }
}
