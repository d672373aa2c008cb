import Foundation
import PolicyCheckKit
import Testing

/// A run keeps each file's verdicts only; leaving out the per-rule outcomes (for formats that never show them)
/// changes nothing else.
@Suite struct CheckRunTests {
    static let plans = [TerraformFixture.path("fail/violations-eu-west-1.json"), TerraformFixture.path("pass/encrypted-us-east-1.json")]

    /// The same run of the plans with the per-rule outcomes kept, and without them.
    private func fullAndLeanReports() throws -> (full: CheckReport, lean: CheckReport) {
        let pack = try PolicyLoader().loadDefault()
        var run = CheckRun(policy: CompiledPolicy(packs: [pack]), now: TerraformFixture.now, failOn: .low, toolVersion: "test")
        let full = run.run(paths: Self.plans)
        run.keepsOutcomes = false
        return (full, run.run(paths: Self.plans))
    }

    @Test func leavingOutOutcomesKeepsEveryFinding() throws {
        let (full, lean) = try fullAndLeanReports()
        #expect(!full.outcomes.isEmpty)
        #expect(lean.outcomes.isEmpty)
        #expect(lean.findings == full.findings)
        #expect(lean.exitCode == full.exitCode)
        #expect(lean.filesChecked == full.filesChecked)
    }

    /// Documents are freed once adapted unless a custom rule may read `raw.<path>` from them.
    @Test func onlyCustomRulesKeepSourceTreesPastAdaptation() throws {
        #expect(!CompiledPolicy(packs: [try PolicyLoader().loadDefault()]).readsSourceNodes)
        let custom = try PackText.load(PackText.customRule("""
            select: {resource: data-store}
            assert: {path: raw.multi_az, equals: true}
            """))
        #expect(custom.readsSourceNodes)
    }

    @Test func onlyJUnitKeepsOutcomes() {
        #expect(ReportFormat.allCases.filter(\.needsOutcomes) == [.junit])
    }

    /// The formats that go without outcomes render the same bytes with them or without.
    @Test func formatsWithoutOutcomesRenderTheSameBytes() throws {
        let (full, lean) = try fullAndLeanReports()
        #expect(!full.outcomes.isEmpty && lean.outcomes.isEmpty)
        for format in ReportFormat.allCases where !format.needsOutcomes {
            let reporter = format.reporter()
            #expect(reporter.render(lean) == reporter.render(full), "\(format)")
        }
    }

    @Test func progressIsReportedOncePerInput() throws {
        let pack = try PolicyLoader().loadDefault()
        var run = CheckRun(policy: CompiledPolicy(packs: [pack]), now: TerraformFixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 2
        let seen = ProgressRecorder()
        run.progress = { checked, total in seen.record(checked, total) }
        _ = run.run(paths: Self.plans + Self.plans.map { $0 + "-missing" })
        #expect(seen.values.map(\.0).sorted() == [1, 2])
        #expect(seen.values.allSatisfy { $0.1 == 2 })
    }
}

/// Collects progress calls from worker threads.
final class ProgressRecorder: @unchecked Sendable {
    private var recorded: [(Int, Int)] = []
    private let lock = NSLock()

    func record(_ checked: Int, _ total: Int) {
        lock.lock()
        recorded.append((checked, total))
        lock.unlock()
    }

    var values: [(Int, Int)] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}
