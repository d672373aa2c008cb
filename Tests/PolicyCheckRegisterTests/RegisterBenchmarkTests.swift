import Foundation
import PolicyCheckRegister
import Testing

/// Benchmark (docs/performance.md, "Register and period audit"): push throughput through the CLI, and `audit` time
/// over 10,000 and 100,000 runs, on both engines. Runs only with POLICYCHECK_BENCHMARK=1 (Benchmarks/register.sh).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["POLICYCHECK_BENCHMARK"] == "1",
                              "POLICYCHECK_BENCHMARK=1 not set: register benchmark skipped"))
struct RegisterBenchmarkTests {
    /// BENCH_ENGINES=postgres (or sqlite) measures one engine; both by default when PostgreSQL is there.
    static var engines: [Engine] {
        let all: [Engine] = Engine.postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
        guard let only = ProcessInfo.processInfo.environment["BENCH_ENGINES"].flatMap(Engine.init(rawValue:)) else { return all }
        return all.filter { $0 == only }
    }

    /// BENCH_MAX_RUNS=20000 leaves out the 100,000-run year.
    static var maxRuns: Int { ProcessInfo.processInfo.environment["BENCH_MAX_RUNS"].flatMap(Int.init) ?? .max }

    @Test func pushThroughput() throws {
        let factory = try BundleFactory()
        let bundles = try factory.chain("acme/bench", count: 1_000, prefix: "b")
        for engine in Self.engines {
            let register = try engine.freshLocation()
            let batched = try Self.time { try Shell.run(Shell.policycheck, ["register", "push"] + bundles + ["--register", register]) }
            let single = try engine.freshLocation()
            let one = try Self.time {
                for bundle in bundles.prefix(100) { _ = try Shell.run(Shell.policycheck, ["register", "push", bundle, "--register", single]) }
            }
            print("BENCH push \(engine): 1000 bundles in one push \(Self.format(batched)) s = \(Int(1_000 / batched)) bundles/s; "
                  + "100 pushes of one bundle \(Self.format(one)) s = \(Int(100 / one)) bundles/s")
        }
    }

    @Test(arguments: [(20, 8), (200, 75)])
    func auditTime(_ rates: (Int, Int)) async throws {
        let year = YearOfRuns(apiPerDay: rates.0, webPerDay: rates.1)
        guard year.runCount <= Self.maxRuns else { return print("BENCH audit: \(year.runCount) runs left out (BENCH_MAX_RUNS)") }
        for engine in Self.engines {
            let location = try engine.freshLocation()
            let register = try await RegisterLocation.parse(location).open()
            var runs = 0
            let fill = try await Self.timeAsync { runs = try await year.fill(register, batch: 5_000) }
            await register.close()
            let out = try TemporaryFolder.make().appendingPathComponent("audit")
            var result: Shell.Result?
            let audit = try Self.time {
                result = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-12-31", "--register", location, "--out", out.path])
            }
            #expect(result?.status == 0, "\(result?.stderr ?? "")")
            print("BENCH audit \(engine): \(runs) runs, filled in \(Self.format(fill)) s (\(Int(Double(runs) / fill)) runs/s), audit \(Self.format(audit)) s")
        }
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func timeAsync(_ body: () async throws -> Void) async throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
