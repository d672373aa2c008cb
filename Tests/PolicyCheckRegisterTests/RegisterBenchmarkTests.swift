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

    /// Input lists at scale (docs/audit.md, "Fixed means evaluated"): BENCH_RUNS (1,000) runs of a BENCH_INPUTS
    /// (10,000) input tree through the CLI, every run sharing one list (the tree unchanged) or each with its own (a
    /// file renamed in each run): one push of them all, then one more bundle pushed alone (a CI job's push), then
    /// `audit`. BENCH_POLICYCHECK names another binary to compare (one without input lists).
    @Test func inputListsAtScale() throws {
        let environment = ProcessInfo.processInfo.environment
        let inputs = environment["BENCH_INPUTS"].flatMap(Int.init) ?? 10_000
        let runs = environment["BENCH_RUNS"].flatMap(Int.init) ?? 1_000
        let tool = environment["BENCH_POLICYCHECK"] ?? Shell.policycheck
        let fixtures = BundleFactory.packageRoot.appendingPathComponent("Tests/PolicyCheckCLITests/Fixtures")
        var made: Double = 0
        var factory: BundleFactory?
        made = try Self.time {
            factory = try BundleFactory(tree: { manifests in
                for index in 0..<inputs {
                    try FileManager.default.copyItem(at: fixtures.appendingPathComponent(index == 0 ? "high-only.yaml" : "compliant.yaml"),
                                                     to: manifests.appendingPathComponent(String(format: "m%05d.yaml", index)))
                }
            }, outcomes: false)
        }
        let bundles = try #require(factory)
        print("BENCH inputs: report of \(inputs) inputs \(Self.format(made)) s")
        for (label, distinct) in [("one list", false), ("a list per run", true)] {
            var previous: (runId: String, sha256: String)?
            var paths: [String] = []
            for index in 0...runs {
                let name = "\(distinct ? "d" : "s")\(String(format: "%05d", index))"
                let renamed = distinct ? [("\"file\": \"manifests/m00001.yaml\"", "\"file\": \"manifests/m00001-\(index).yaml\"")] : []
                let clone = try bundles.clone(name, runId: BundleFactory.runId(name), repository: "acme/bench",
                                              at: BundleFactory.epoch + Int64(index) * 600, previous: previous, replacements: renamed)
                paths.append(clone.path)
                previous = (BundleFactory.runId(name), clone.sha256)
            }
            for engine in Self.engines {
                let register = try engine.freshLocation()
                var result: Shell.Result?
                let push = try Self.time { result = try Shell.run(tool, ["register", "push"] + paths.dropLast() + ["--register", register]) }
                #expect(result?.status == 0, "\(result?.stderr ?? "")")
                let one = try Self.time { result = try Shell.run(tool, ["register", "push", paths.last!, "--register", register]) }
                #expect(result?.status == 0, "\(result?.stderr ?? "")")
                let out = try TemporaryFolder.make().appendingPathComponent("audit")
                let audit = try Self.time {
                    result = try Shell.run(tool, ["audit", "--from", "2025-01-01", "--to", "2025-01-31", "--register", register, "--out", out.path])
                }
                #expect(result?.status == 0, "\(result?.stderr ?? "")")
                let size = engine == .sqlite
                    ? ((try? FileManager.default.attributesOfItem(atPath: register)[.size] as? Int) ?? 0)
                    : Int(try Shell.run("/usr/bin/env", ["psql", register, "-At", "-c", "SELECT pg_database_size(current_database())"])
                        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                print("BENCH inputs \(engine) \(label): \(runs) runs x \(inputs) inputs pushed at once \(Self.format(push)) s, "
                      + "one more alone \(Self.format(one)) s, audit \(Self.format(audit)) s, register \(size / 1_048_576) MiB")
            }
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
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
