import Foundation
import KeyMaterial
import PolicyCheckKit
import PolicyCheckRegister
import Testing

/// A generated year (51,059 runs) through the real register and the real period report: population, lifecycle,
/// exceptions and sample asserted exactly, and the bundle's bytes identical across runs and across engines.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["POLICYCHECK_SLOW_TESTS"] == "1",
                              "POLICYCHECK_SLOW_TESTS=1 not set: the generated year (51,059 runs) is skipped; it takes over 20 minutes in a debug build on a loaded 2-core machine"))
struct PeriodAuditTests {
    static let period = try! AuditPeriod(from: "2025-01-01", to: "2025-12-31", repositories: [], seed: 20_251_231)

    /// The year in each engine, generated once per process.
    static let sqliteYear = YearFixture(.sqlite)
    static let postgresYear = YearFixture(.postgres)

    @Test func sqliteYearIsReportedExactly() async throws {
        let report = try await Self.sqliteYear.report()
        Self.expectExact(report)
    }

    @Test(.enabled(if: Engine.postgresURL != nil, Engine.postgresSkipReason))
    func postgresYearIsReportedExactlyAndMatchesSQLiteByteForByte() async throws {
        let report = try await Self.postgresYear.report()
        Self.expectExact(report)
        let sqlite = try PeriodBundle.make(try await Self.sqliteYear.report(), toolVersion: "test")
        let postgres = try PeriodBundle.make(report, toolVersion: "test")
        #expect(sqlite.map(\.name) == postgres.map(\.name))
        #expect(sqlite.map { Digest.sha256($0.bytes) } == postgres.map { Digest.sha256($0.bytes) })
    }

    @Test func sameRegisterAndSeedGiveTheSameBytes() async throws {
        let first = try PeriodBundle.make(try await Self.sqliteYear.report(), toolVersion: "test")
        let second = try PeriodBundle.make(try await Self.sqliteYear.report(reload: true), toolVersion: "test")
        #expect(first.map { Digest.sha256($0.bytes) } == second.map { Digest.sha256($0.bytes) })
        var reseeded = Self.period
        reseeded.seed = 7
        let other = PeriodReport(try await Self.sqliteYear.data(), period: reseeded)
        #expect(other.sample.groups.map { $0.runs.map(\.runId) } != (try await Self.sqliteYear.report()).sample.groups.map { $0.runs.map(\.runId) })
    }

    static func expectExact(_ report: PeriodReport) {
        let day = Int64(86_400)
        // Population.
        #expect(report.runs.count == 51_059)
        #expect(report.population.chains.map { "\($0.repository) \($0.ref) \($0.runs) \($0.passed) \($0.failed)" } ==
                ["acme/api refs/heads/main 36499 25499 11000", "acme/web refs/heads/main 14560 14560 0"])
        #expect(report.population.missingDays.map { "\($0.repository) \($0.ref) \($0.dates)" } == ["acme/web refs/heads/main [\"2025-07-04\"]"])
        #expect(report.population.breaks.map { "\($0.runId) \($0.kind) \($0.previousRunId ?? "")" } == ["api-020001 missing-predecessor api-020000"])
        #expect(report.population.refusals.isEmpty)
        // Controls.
        #expect(report.controls.rows.map { "\($0.control) \($0.runs) \($0.failing) \($0.weeks.count)" } == ["CC6.1 51059 11000 53", "CC7.1 51059 0 53"])
        // Lifecycle.
        let t = YearOfRuns.apiTime
        #expect(report.lifecycle.episodes.map { "\($0.fingerprint) \($0.firstSeen) \($0.fixedAt.map(String.init) ?? "open") \($0.runs)" } == [
            "fp-a \(t(1_000, 100)) \(t(5_000, 100)) 4000", "fp-b \(t(6_000, 100)) \(t(6_300, 100)) 300",
            "fp-d \(t(8_000, 100)) \(t(8_100, 100)) 100", "fp-d \(t(9_000, 100)) \(t(9_100, 100)) 100",
            "fp-c \(t(30_000, 100)) open 6500", "fp-w \(YearOfRuns.webTime(day: 0, slot: 0)) open 14560",
        ])
        #expect(report.lifecycle.bySeverity.map { "\($0.severity) \($0.found) \($0.fixed) \($0.open) \($0.medianTimeToFix.map(String.init) ?? "-") \($0.maxTimeToFix.map(String.init) ?? "-") \($0.pastSLA)" } == [
            "critical 1 1 0 \(3 * day) \(3 * day) 0", "high 4 3 1 \(day) \(40 * day) 2", "medium 1 0 1 - - 0",
        ])
        #expect(report.lifecycle.pastSLA.map(\.fingerprint) == ["fp-a", "fp-c"])
        // Exceptions.
        #expect(report.exceptions.waivers.map { "\($0.waiver.approvedBy) \($0.runs) \($0.statuses) \($0.matched)" } == ["ciso@acme.example 14560 [\"active\", \"expired\"] 14560"])
        #expect(report.exceptions.suppressions.map { "\($0.repository) \($0.kind) \($0.ruleId) \($0.runs)" } ==
                ["acme/api inline R-high 10000"])
        // Sample: 60 runs per repository (operating many times a day), re-drawn here by the documented method.
        #expect(report.sample.seed == 20_251_231)
        #expect(report.sample.groups.map { "\($0.repository) \($0.population) \($0.frequency) \($0.size)" } ==
                ["acme/api 36499 multiple times a day 60", "acme/web 14560 multiple times a day 60"])
        for group in report.sample.groups {
            let population = report.runs.filter { $0.repository == group.repository }
            #expect(group.runs.map(\.runId) == IndependentDraw.sample(population.map { ($0.generatedAt, $0.runId) }, size: 60,
                                                                     auditSeed: 20_251_231, repository: group.repository))
        }
    }
}

/// Generates the year into a fresh register of one engine, once.
actor YearFixture {
    let engine: Engine
    private var register: (any RunRegister)?
    private var loaded: PeriodData?

    init(_ engine: Engine) { self.engine = engine }

    func data(reload: Bool = false) async throws -> PeriodData {
        if let loaded, !reload { return loaded }
        if register == nil {
            let fresh = try await engine.freshRegister()
            #expect(try await YearOfRuns().fill(fresh) == 51_059)
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
