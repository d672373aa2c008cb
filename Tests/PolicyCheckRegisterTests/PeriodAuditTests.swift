import Foundation
import KeyMaterial
import PolicyCheckKit
import PolicyCheckRegister
import Testing

/// A generated year through the real register and the real period report: population, lifecycle, exceptions and
/// sample asserted exactly, and the bundle's bytes identical across loads and across engines. The full year
/// (51,059 runs) and the same year at 5 and 4 runs a day instead of 100 and 40 (3,280 runs: every finding appears and is fixed at the
/// same instants, only the counts scale) are held to the same expectations.
@Suite(.serialized)
struct PeriodAuditTests {
    static let period = try! AuditPeriod(from: "2025-01-01", to: "2025-12-31", repositories: [], seed: 20_251_231)

    /// The full year, and the scaled one, in each engine, generated once per process.
    static let full = YearOfRuns()
    static let scaled = YearOfRuns(apiPerDay: 5, webPerDay: 4)
    static let sqliteYear = YearFixture(.sqlite, full)
    static let postgresYear = YearFixture(.postgres, full)
    static let sqliteScaled = YearFixture(.sqlite, scaled)
    static let postgresScaled = YearFixture(.postgres, scaled)

    @Test func fullYearCounts() {
        #expect(Self.full.runCount == 51_059)
        #expect(Self.scaled.runCount == 3_280)
    }

    /// The full year is skipped only where POLICYCHECK_SKIP_FULL_YEAR=1 (.ci/run's second pass under
    /// AddressSanitizer, after the plain pass ran it); the scaled year always runs.
    static let fullYearEnabled = ProcessInfo.processInfo.environment["POLICYCHECK_SKIP_FULL_YEAR"] != "1"
    static let fullYearSkipReason: Comment = "POLICYCHECK_SKIP_FULL_YEAR=1: the full year (51,059 runs) is skipped; the scaled year (3,280 runs) ran"

    @Test(.enabled(if: fullYearEnabled, fullYearSkipReason))
    func sqliteYearIsReportedExactly() async throws {
        Self.expectExact(try await Self.sqliteYear.report(), Self.full)
    }

    @Test func sqliteScaledYearIsReportedExactly() async throws {
        Self.expectExact(try await Self.sqliteScaled.report(), Self.scaled)
    }

    @Test(.enabled(if: fullYearEnabled, fullYearSkipReason), .enabled(if: Engine.postgresURL != nil, Engine.postgresSkipReason))
    func postgresYearIsReportedExactlyAndMatchesSQLiteByteForByte() async throws {
        try await Self.expectSameBytes(Self.postgresYear, Self.sqliteYear, Self.full)
    }

    @Test(.enabled(if: Engine.postgresURL != nil, Engine.postgresSkipReason))
    func postgresScaledYearIsReportedExactlyAndMatchesSQLiteByteForByte() async throws {
        try await Self.expectSameBytes(Self.postgresScaled, Self.sqliteScaled, Self.scaled)
    }

    @Test func sameRegisterAndSeedGiveTheSameBytes() async throws {
        for year in Self.fullYearEnabled ? [Self.sqliteScaled, Self.sqliteYear] : [Self.sqliteScaled] {
            let first = try PeriodBundle.make(try await year.report(), toolVersion: "test")
            let second = try PeriodBundle.make(try await year.report(reload: true), toolVersion: "test")
            #expect(first.map(\.name) == ["report.html", "report.md", "evidence.json"])
            #expect(first.map { Digest.sha256($0.bytes) } == second.map { Digest.sha256($0.bytes) })
            var reseeded = Self.period
            reseeded.seed = 7
            let other = PeriodReport(try await year.data(), period: reseeded)
            #expect(other.sample.groups.map { $0.runs.map(\.runId) } != (try await year.report()).sample.groups.map { $0.runs.map(\.runId) })
        }
    }

    static func expectSameBytes(_ postgresYear: YearFixture, _ sqliteYear: YearFixture, _ year: YearOfRuns) async throws {
        let report = try await postgresYear.report()
        expectExact(report, year)
        let sqlite = try PeriodBundle.make(try await sqliteYear.report(), toolVersion: "test")
        let postgres = try PeriodBundle.make(report, toolVersion: "test")
        #expect(sqlite.map(\.name) == postgres.map(\.name))
        #expect(sqlite.map { Digest.sha256($0.bytes) } == postgres.map { Digest.sha256($0.bytes) })
    }

    static func expectExact(_ report: PeriodReport, _ year: YearOfRuns) {
        let day = Int64(86_400)
        let n = year.apiScaled
        let failing = n(4_000) + n(300) + n(200) + n(6_500)
        // Population.
        #expect(report.runs.count == year.runCount)
        #expect(report.population.chains.map { "\($0.repository) \($0.ref) \($0.runs) \($0.passed) \($0.failed)" } ==
                ["acme/api refs/heads/main \(year.apiRuns) \(year.apiRuns - failing) \(failing)",
                 "acme/web refs/heads/main \(year.webRuns) \(year.webRuns) 0"])
        #expect(report.population.missingDays.map { "\($0.repository) \($0.ref) \($0.dates)" } == ["acme/web refs/heads/main [\"2025-07-04\"]"])
        #expect(report.population.breaks.map { "\($0.runId) \($0.kind) \($0.previousRunId ?? "")" } ==
                ["\(YearOfRuns.apiId(year.missingIndex + 1)) missing-predecessor \(YearOfRuns.apiId(year.missingIndex))"])
        #expect(report.population.refusals.isEmpty)
        // Controls.
        #expect(report.controls.rows.map { "\($0.control) \($0.runs) \($0.failing) \($0.weeks.count)" } ==
                ["CC6.1 \(year.runCount) \(failing) 53", "CC7.1 \(year.runCount) 0 53"])
        // Lifecycle: the same instants at every rate.
        let t = { (index: Int) in YearOfRuns.apiTime(index, perDay: YearOfRuns.apiPerDay) }
        // Suppressed findings are findings too: the inline-ignored fp-i is fixed only when a run no longer reports it
        // (the run after the missing one), the waived fp-x when the runs stop reporting it as the waiver expires.
        let fixI = YearOfRuns.apiTime(year.missingIndex + 1, perDay: year.apiPerDay)
        let web = { (day: Int) in YearOfRuns.webTime(day: day, slot: 0) }
        #expect(report.lifecycle.episodes.map { "\($0.fingerprint) \($0.firstSeen) \($0.fixedAt.map(String.init) ?? "open") \($0.runs) \($0.suppression ?? "-")" } == [
            "fp-a \(t(1_000)) \(t(5_000)) \(n(4_000)) -", "fp-b \(t(6_000)) \(t(6_300)) \(n(300)) -",
            "fp-d \(t(8_000)) \(t(8_100)) \(n(100)) -", "fp-d \(t(9_000)) \(t(9_100)) \(n(100)) -",
            "fp-i \(t(10_000)) \(fixI) \(n(10_000)) inline",
            "fp-c \(t(30_000)) open \(n(6_500)) -", "fp-w \(web(0)) open \(year.webRuns) -",
            "fp-x \(web(0)) \(web(YearOfRuns.waiverExpiredFromDay)) \((YearOfRuns.waiverExpiredFromDay - 1) * year.webPerDay) waiver",
        ])
        #expect(report.lifecycle.bySeverity.map { "\($0.severity) \($0.found) \($0.fixed) \($0.open) \($0.suppressed) \($0.medianTimeToFix.map(String.init) ?? "-") \($0.maxTimeToFix.map(String.init) ?? "-") \($0.pastSLA)" } == [
            "critical 1 1 0 0 \(3 * day) \(3 * day) 0", "high 5 4 1 0 \(day) \(fixI - t(10_000)) 3",
            "medium 2 1 1 0 \(273 * day) \(273 * day) 0",
        ])
        #expect(report.lifecycle.pastSLA.map(\.fingerprint) == ["fp-a", "fp-i", "fp-c"])
        // Exceptions.
        #expect(report.exceptions.waivers.map { "\($0.waiver.approvedBy) \($0.runs) \($0.statuses) \($0.matched)" } ==
                ["ciso@acme.example \(year.webRuns) [\"active\", \"expired\"] \(year.webRuns)"])
        #expect(report.exceptions.suppressions.map { "\($0.repository) \($0.kind) \($0.ruleId) \($0.runs)" } ==
                ["acme/api inline R-high \(n(10_000))"])
        // Sample: 60 runs per repository (operating many times a day), re-drawn here by the documented method.
        #expect(report.sample.seed == 20_251_231)
        #expect(report.sample.groups.map { "\($0.repository) \($0.population) \($0.frequency) \($0.size)" } ==
                ["acme/api \(year.apiRuns) multiple times a day 60", "acme/web \(year.webRuns) multiple times a day 60"])
        for group in report.sample.groups {
            let population = report.runs.filter { $0.repository == group.repository }
            #expect(group.runs.map(\.runId) == IndependentDraw.sample(population.map { ($0.generatedAt, $0.runId) }, size: 60,
                                                                     auditSeed: 20_251_231, repository: group.repository))
        }
    }
}

/// Generates a year into a fresh register of one engine, once.
actor YearFixture {
    let engine: Engine
    let year: YearOfRuns
    private var register: (any RunRegister)?
    private var loaded: PeriodData?

    init(_ engine: Engine, _ year: YearOfRuns) {
        self.engine = engine
        self.year = year
    }

    func data(reload: Bool = false) async throws -> PeriodData {
        if let loaded, !reload { return loaded }
        if register == nil {
            let fresh = try await engine.freshRegister()
            #expect(try await year.fill(fresh) == year.runCount)
            register = fresh
        }
        let data = try await PeriodLoader.load(register!, period: PeriodAuditTests.period)
        loaded = data
        return data
    }

    func report(reload: Bool = false) async throws -> PeriodReport {
        PeriodReport(try await data(reload: reload), period: PeriodAuditTests.period)
    }
}

/// The sample re-drawn from docs/audit.md's description, independently of `AuditSample`.
enum IndependentDraw {
    static func sample(_ runs: [(Int64, String)], size: Int, auditSeed: UInt64, repository: String) -> [String] {
        var population = runs.sorted { $0 < $1 }.map(\.1)
        var state = UInt64(Digest.sha256(Array("\(auditSeed)|\(repository)".utf8)).prefix(16), radix: 16)!
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for i in 0..<size {
            population.swapAt(i, i + Int(next() % UInt64(population.count - i)))
        }
        let chosen = Set(population.prefix(size))
        return runs.sorted { $0 < $1 }.map(\.1).filter(chosen.contains)
    }
}
