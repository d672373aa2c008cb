import Foundation
import PolicyCheckKit
import Testing

/// Same input, same policy, same clock: same report, whatever the parallelism.
@Suite struct DeterminismTests {
    @Test func evaluatingTwiceGivesIdenticalFindingsInTheSameOrder() throws {
        let result = Fixture.check("native/network/world-open/fail-union.yaml")
        let deployment = try #require(result.deployments.first)
        let evaluator = Evaluator(policy: Fixture.defaultPolicy)
        let context = CheckContext(now: Fixture.now)
        let first = evaluator.evaluate(deployment, context: context)
        let second = evaluator.evaluate(deployment, context: context)
        #expect(first.findings.count >= 3)
        #expect(first.findings == second.findings)
        #expect(first.outcomes == second.outcomes)
        #expect(first.findings == first.findings.sorted(by: Finding.reportOrder))
    }

    @Test func parallelRunEqualsSerialRun() {
        let paths = [Fixture.path("native"), Fixture.path("manifest-errors")]
        var serial = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        serial.jobs = 1
        var parallel = serial
        parallel.jobs = 4
        let one = serial.run(paths: paths)
        let four = parallel.run(paths: paths)
        #expect(one.deploymentCount > 100)
        #expect(!one.findings.isEmpty && !one.errors.isEmpty)
        #expect(one.findings == four.findings)
        #expect(one.errors == four.errors)
        #expect(one.outcomes == four.outcomes)
        #expect(one.filesChecked == four.filesChecked)
        #expect(one.filesSkipped == four.filesSkipped)
        #expect(one.deploymentCount == four.deploymentCount)
        #expect(one.exitCode == four.exitCode)
        #expect(one.exitCode == 2)
        // A second parallel run is identical too.
        #expect(parallel.run(paths: paths).findings == four.findings)
    }

    /// A large input's rules evaluated on several threads (the cores a one-plan run leaves spare) give the findings
    /// and outcomes of one thread, in the same order, every time.
    @Test func rulesEvaluatedSideBySideEqualRulesEvaluatedInTurn() throws {
        let deployments = ["native", "terraform", "cloudformation", "kubernetes"].flatMap { folder in
            let files = FileManager.default.enumerator(atPath: Fixture.path(folder))?.compactMap { $0 as? String } ?? []
            let manifests = files.filter { file in [".yaml", ".yml", ".json"].contains { file.hasSuffix($0) } }
            return manifests.sorted().flatMap { Fixture.check("\(folder)/\($0)").deployments }
        }
        #expect(deployments.count > 100)
        let serial = Evaluator(policy: Fixture.defaultPolicy)
        var sideBySide = serial
        sideBySide.checkThreads = 4
        sideBySide.concurrentChecksFromBytes = 0
        let context = CheckContext(now: Fixture.now)
        var findings = 0
        for deployment in deployments {
            let one = serial.evaluate(deployment, context: context)
            for _ in 0..<2 {
                let four = sideBySide.evaluate(deployment, context: context)
                #expect(one.findings == four.findings, "\(deployment.name as String)")
                #expect(one.outcomes == four.outcomes, "\(deployment.name as String)")
            }
            findings += one.findings.count
        }
        #expect(findings > 500)
    }

    @Test func reportOrderIsByFileThenPosition() {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 4
        let report = run.run(paths: [Fixture.path("native/network")])
        let keys = report.findings.map { ($0.file, $0.line, $0.column) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
