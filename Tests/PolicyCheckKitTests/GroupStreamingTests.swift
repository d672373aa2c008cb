import Foundation
import PolicyCheckKit
import PolicyCheckTestSupport
import Synchronization
import Testing

/// A run whose every input keeps its findings in its own file hands each file's group to `streamsGroups` as soon as
/// the groups before it are written, and holds only their counts; a run that needs the whole of its findings (a
/// waiver file, a Terraform module) never calls it and returns them all.
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

    @Test func aWaiverFileKeepsEveryFindingForTheWholeRun() {
        let waivers = WaiverFile(path: "waivers.yaml", sha256: "", waivers: [])
        let (report, groups) = run(["samples/violations"], waivers: waivers, streamed: true)
        #expect(groups.isEmpty)
        #expect(!report.findings.isEmpty && report.written.count == 0)
    }

    @Test func aTerraformModuleKeepsEveryFindingForTheWholeRun() {
        let (report, groups) = run(["Tests/PolicyCheckKitTests/Fixtures/terraform-source"], streamed: true)
        #expect(groups.isEmpty)
        #expect(report.written.count == 0)
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
