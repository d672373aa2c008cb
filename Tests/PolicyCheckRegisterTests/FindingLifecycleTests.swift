import Foundation
import KeyMaterial
import PolicyCheckRegister
import Testing

/// The finding lifecycle as an auditor reads it, against both engines: a finding that a later run still reports —
/// waived or ignored inline — is not fixed, stays out of time to fix, and stays past its SLA.
@Suite struct FindingLifecycleTests {
    static let engines: [Engine] = Engine.postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    static let day: Int64 = 86_400
    static let start: Int64 = 1_735_689_600 // 2025-01-01T00:00:00Z
    static let period = try! AuditPeriod(from: "2025-01-01", to: "2025-01-31", repositories: [], seed: 1)

    /// fp-crit is open on day 0, waived on day 1, ignored inline from day 10 on; fp-high is open on day 0 and gone on
    /// day 1 (a real fix, for contrast).
    static func runs() -> [RunRecord] {
        let r1 = RunFactory.run("run-1", at: start, findings: [RunFactory.finding("fp-crit", severity: "critical"),
                                                               RunFactory.finding("fp-high")])
        let r2 = RunFactory.run("run-2", at: start + day, previous: r1,
                                findings: [RunFactory.finding("fp-crit", severity: "critical", suppression: "waiver")])
        let r3 = RunFactory.run("run-3", at: start + 10 * day, previous: r2,
                                findings: [RunFactory.finding("fp-crit", severity: "critical", suppression: "inline")])
        let r4 = RunFactory.run("run-4", at: start + 20 * day, previous: r3,
                                findings: [RunFactory.finding("fp-crit", severity: "critical", suppression: "inline")])
        return [r1, r2, r3, r4]
    }

    @Test(arguments: engines)
    func aFindingStillReportedUnderASuppressionIsNotFixed(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        _ = try await register.push(Self.runs())
        let report = PeriodReport(try await PeriodLoader.load(register, period: Self.period), period: Self.period)
        await register.close()

        let critical = try #require(report.lifecycle.episodes.first { $0.fingerprint == "fp-crit" })
        #expect(critical.fixedAt == nil)
        #expect(critical.fixedRunId == nil)
        #expect(critical.runs == 4)
        #expect(critical.lastSeen == Self.start + 20 * Self.day)
        // The suppression in force at the end, and since the run that switched to it (waiver → inline).
        #expect(critical.suppression == "inline")
        #expect(critical.suppressedSince == Self.start + 10 * Self.day)
        #expect(critical.suppressedRunId == "run-3")
        let high = try #require(report.lifecycle.episodes.first { $0.fingerprint == "fp-high" })
        #expect(high.fixedRunId == "run-2")
        #expect(high.suppression == nil)

        let stats = report.lifecycle.bySeverity.map {
            "\($0.severity) \($0.found) \($0.fixed) \($0.open) \($0.suppressed) \($0.maxTimeToFix.map(String.init) ?? "-") \($0.pastSLA)"
        }
        #expect(stats == ["critical 1 0 1 1 - 1", "high 1 1 0 0 \(Self.day) 0"])
        #expect(report.lifecycle.pastSLA.map(\.fingerprint) == ["fp-crit"])

        let files = try PeriodBundle.make(report, toolVersion: "test")
        let json = String(decoding: try #require(files.first { $0.name == "evidence.json" }).bytes, as: UTF8.self)
        let compact = json.filter { $0 != " " && $0 != "\n" }
        #expect(compact.contains(#""fixed":null,"fixedRunId":null,"runs":4,"suppression":"inline","suppressedSince":"2025-01-11T00:00:00Z","suppressedRunId":"run-3","pastSla":true"#))
        let markdown = String(decoding: try #require(files.first { $0.name == "report.md" }).bytes, as: UTF8.self)
        #expect(markdown.contains("suppressed (inline) since 2025-01-11"))
    }

    /// A waiver that lapses turns the finding open again: the episode is the same, no longer shown suppressed.
    @Test(arguments: engines)
    func aSuppressionThatLapsesLeavesTheSameEpisodeOpen(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [RunFactory.finding("fp-1", suppression: "waiver")])
        let r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1, findings: [RunFactory.finding("fp-1")])
        _ = try await register.push([r1, r2])
        let report = PeriodReport(try await PeriodLoader.load(register, period: Self.period), period: Self.period)
        await register.close()
        #expect(report.lifecycle.episodes.map { "\($0.fingerprint) \($0.runs) \($0.fixedAt == nil) \($0.suppression ?? "-")" } == ["fp-1 2 true -"])
    }

    /// A run that passes having evaluated nothing (every input skipped: charts left unrendered with
    /// `--allow-unrendered`) proves no fix, as a run that ended in error proves none: it may not have checked the file.
    @Test(arguments: engines)
    func aRunThatEvaluatedNothingFixesNothing(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [RunFactory.finding("fp-1", severity: "critical")])
        var r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1, findings: [],
                                inputs: RunFactory.inputs(RunFactory.tree, status: "skipped"))
        #expect(r2.inputsEvaluated == 0)
        // Even were its count forged, the list shows it evaluated no file.
        r2.inputsEvaluated = 3
        let r3 = RunFactory.run("run-3", at: Self.start + 2 * Self.day, previous: r2, findings: [])
        _ = try await register.push([r1, r2, r3])
        let report = PeriodReport(try await PeriodLoader.load(register, period: Self.period), period: Self.period)
        await register.close()
        #expect(report.lifecycle.episodes.map { "\($0.fingerprint) \($0.fixedRunId ?? "open")" } == ["fp-1 run-3"])
    }
}
