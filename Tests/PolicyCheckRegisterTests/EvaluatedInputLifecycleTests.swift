import Foundation
import PolicyCheckRegister
import Testing

/// "Fixed" as an auditor must be able to read it, against both engines: a later run fixes a finding only if it
/// evaluated the finding's file (or the module, kustomization or chart it was reached through) and did not report
/// it. A run that narrowed its paths, excluded the file or could not read it leaves the episode open, and when no
/// later run evaluated the file the episode is `not-evaluated`, counted apart and shown so on every page.
@Suite struct EvaluatedInputLifecycleTests {
    static let engines = FindingLifecycleTests.engines
    static let day = FindingLifecycleTests.day
    static let start = FindingLifecycleTests.start
    static let period = FindingLifecycleTests.period
    /// The tree without fp-1's file: a run that checked other paths (or excluded it).
    static let narrowed = RunFactory.inputs(RunFactory.tree.filter { $0 != RunFactory.file("fp-1") })

    static func report(_ engine: Engine, _ runs: [RunRecord]) async throws -> PeriodReport {
        let register = try await engine.freshRegister()
        _ = try await register.push(runs)
        let report = PeriodReport(try await PeriodLoader.load(register, period: period), period: period)
        await register.close()
        return report
    }

    static func page(_ report: PeriodReport, _ name: String) throws -> String {
        let files = try PeriodBundle.make(report, toolVersion: "test")
        return String(decoding: try #require(files.first { $0.name == name }).bytes, as: UTF8.self)
    }

    /// Runs that evaluated other files, and one that listed the file as an error (it failed to parse), do not fix
    /// the finding: 0.1.0 counted the first of them as its fix.
    @Test(arguments: engines)
    func aRunThatDidNotEvaluateTheFindingsFileDoesNotFixIt(_ engine: Engine) async throws {
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [RunFactory.finding("fp-1", severity: "critical")])
        let r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1, inputs: Self.narrowed)
        let r3 = RunFactory.run("run-3", at: Self.start + 2 * Self.day, previous: r2,
                                inputs: Self.narrowed + RunFactory.inputs([RunFactory.file("fp-1")], status: "error"))
        let report = try await Self.report(engine, [r1, r2, r3])

        let episode = try #require(report.lifecycle.episodes.first)
        #expect(episode.fixedAt == nil)
        #expect(episode.state == .notEvaluated)
        #expect(episode.input == "deploy/fp-1.yaml")
        #expect(episode.runsNotEvaluating == 2)
        #expect(episode.runsWithoutInputList == 0)
        #expect(report.lifecycle.bySeverity.map { "\($0.severity) \($0.found) \($0.fixed) \($0.open) \($0.notEvaluated) \($0.pastSLA)" }
                == ["critical 1 0 0 1 1", "high 0 0 0 0 0"])
        #expect(report.lifecycle.pastSLA.map(\.fingerprint) == ["fp-1"])

        let compact = try Self.page(report, "evidence.json").filter { $0 != " " && $0 != "\n" }
        #expect(compact.contains(#""state":"not-evaluated","fixed":null,"fixedRunId":null"#))
        #expect(compact.contains(#""input":"deploy/fp-1.yaml","runsNotEvaluating":2,"runsWithoutInputList":0"#))
        #expect(compact.contains(#""severity":"critical","found":1,"fixed":0,"open":0,"notEvaluated":1"#))
        for page in ["report.md", "report.html"] {
            let text = try Self.page(report, page)
            #expect(text.contains("Not evaluated since their last report"), "\(page)")
            #expect(text.contains("since 2025-01-01: no later run evaluated deploy/fp-1.yaml"), "\(page)")
            #expect(text.contains("2 later runs"), "\(page)")
        }
    }

    /// The first later run that evaluated the file and did not report the finding fixes it, however many runs that
    /// did not evaluate it came between (they are counted).
    @Test(arguments: engines)
    func aRunThatEvaluatedTheFileWithoutTheFindingFixesIt(_ engine: Engine) async throws {
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [RunFactory.finding("fp-1", severity: "critical")])
        let r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1, inputs: Self.narrowed)
        let r3 = RunFactory.run("run-3", at: Self.start + 3 * Self.day, previous: r2)
        let r4 = RunFactory.run("run-4", at: Self.start + 4 * Self.day, previous: r3, inputs: Self.narrowed)
        let report = try await Self.report(engine, [r1, r2, r3, r4])

        let episode = try #require(report.lifecycle.episodes.first)
        #expect(episode.state == .fixed)
        #expect(episode.fixedRunId == "run-3")
        #expect(episode.runsNotEvaluating == 1)
        #expect(report.lifecycle.bySeverity.first.map { "\($0.found) \($0.fixed) \($0.open) \($0.notEvaluated) \($0.maxTimeToFix ?? 0)" }
                == "1 1 0 0 \(3 * Self.day)")
        #expect(try Self.page(report, "report.md").contains("Every finding a run stopped reporting was evaluated by a later run."))
    }

    /// The fingerprint includes the file as reported, so a run that spells it otherwise would not report the same
    /// fingerprint even if the finding were still there: such a run did not evaluate that file.
    @Test(arguments: engines)
    func aFileSpelledOtherwiseIsNotTheFindingsFile(_ engine: Engine) async throws {
        let spellings = ["./deploy/fp-1.yaml", "deploy//fp-1.yaml", "Deploy/fp-1.yaml", "deploy/FP-1.yaml", "x/../deploy/fp-1.yaml",
                         "/work/repo/deploy/fp-1.yaml", "deploy/fp-1.yaml/", "deploy"]
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [RunFactory.finding("fp-1")])
        let r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1, inputs: Self.narrowed + RunFactory.inputs(spellings))
        let report = try await Self.report(engine, [r1, r2])
        #expect(report.lifecycle.episodes.map { "\($0.state) \($0.runsNotEvaluating)" } == ["notEvaluated 1"])
    }

    /// A finding in a Terraform module a root module calls names that root module (its deployment), one in a
    /// kustomization's file is reached through the kustomization (the file itself is listed as skipped, "built by"):
    /// a run that evaluated that input fixes them; a run that listed only the file, or another module, does not.
    @Test(arguments: engines)
    func aFindingReachedThroughAModuleOrKustomizationIsFixedByARunThatEvaluatedIt(_ engine: Engine) async throws {
        var module = RunFactory.finding("fp-m")
        module.file = "modules/store/main.tf"
        module.deployment = "app"
        var built = RunFactory.finding("fp-k")
        built.file = "kapp/service.yaml"
        let tree = RunFactory.inputs(["app", "kapp"]) + RunFactory.inputs(["kapp/service.yaml"], status: "skipped")
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [module, built], inputs: tree)
        let r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1,
                                inputs: RunFactory.inputs(["modules/store", "modules/store/main.tf", "kapp/service.yaml"]))
        let r3 = RunFactory.run("run-3", at: Self.start + 2 * Self.day, previous: r2, inputs: tree)
        let report = try await Self.report(engine, [r1, r2, r3])
        #expect(report.lifecycle.episodes.map { "\($0.fingerprint) \($0.input) \($0.fixedRunId ?? "-") \($0.runsNotEvaluating)" }
                == ["fp-k kapp run-3 1", "fp-m app run-3 1"])
    }

    /// A register's runs stored before schema 5 record no input list: they fix nothing, and the report says so.
    @Test(arguments: engines)
    func aRunWithoutAnInputListFixesNothingAndIsCounted(_ engine: Engine) async throws {
        let r1 = RunFactory.run("run-1", at: Self.start, findings: [RunFactory.finding("fp-1")], inputs: nil)
        let r2 = RunFactory.run("run-2", at: Self.start + Self.day, previous: r1, inputs: nil)
        let report = try await Self.report(engine, [r1, r2])
        #expect(report.lifecycle.runsWithoutInputList == 2)
        #expect(report.lifecycle.episodes.map { "\($0.state) \($0.runsNotEvaluating) \($0.runsWithoutInputList)" } == ["notEvaluated 1 1"])
        let markdown = try Self.page(report, "report.md")
        #expect(markdown.contains("2 runs of the period were stored before the register kept input lists (schema 5)"))
        #expect(markdown.contains("1 later run, 1 with no input list"))
        #expect(try Self.page(report, "evidence.json").contains(#""inputListSha256": null"#))
    }
}
