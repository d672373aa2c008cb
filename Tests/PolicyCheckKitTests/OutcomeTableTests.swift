import Foundation
import PolicyCheckKit
import Testing

/// The compact table a run keeps its per-rule outcomes in reads back exactly what was put in, in order.
@Suite struct OutcomeTableTests {
    static let outcomes = [
        RuleOutcome(ruleId: "MMC-ENC-001", resource: "aws_db_instance.main", file: "a.json", status: .pass),
        RuleOutcome(ruleId: "MMC-ENC-002", resource: "aws_db_instance.main", file: "a.json", status: .fail),
        RuleOutcome(ruleId: "MMC-ENC-001", resource: "aws_s3_bucket.logs", file: "b.json", status: .notApplicable),
        RuleOutcome(ruleId: "MMC-ENC-001", resource: "aws_db_instance.main", file: "a.json", status: .cannotVerify),
    ]

    @Test func readsBackEveryOutcomeInOrder() {
        let table = OutcomeTable(Self.outcomes)
        #expect(Array(table) == Self.outcomes)
        #expect(table.count == 4)
        #expect(table[2] == Self.outcomes[2])
        #expect(table.last == Self.outcomes.last)
    }

    @Test func equalTablesHoldTheSameOutcomesHoweverBuilt() {
        var built = OutcomeTable()
        for outcome in Self.outcomes { built.append(outcome) }
        #expect(built == OutcomeTable(Self.outcomes))
        #expect(built != OutcomeTable(Self.outcomes.reversed()))
        let empty: OutcomeTable = []
        #expect(empty.isEmpty && empty.startIndex == empty.endIndex)
    }

    /// A run of several files (two workers) lists each file's outcomes in input order, as a serial run does.
    @Test func aParallelRunKeepsOutcomesInInputOrder() throws {
        let plans = CheckRunTests.plans + [Fixture.path("cloudformation/fail-stack.yaml")]
        var run = CheckRun(policy: CompiledPolicy(packs: [try PolicyLoader().loadDefault()]), now: TerraformFixture.now,
                           failOn: .low, toolVersion: "test")
        run.jobs = 1
        let serial = run.run(paths: plans)
        run.jobs = 2
        let parallel = run.run(paths: plans)
        #expect(!serial.outcomes.isEmpty)
        #expect(parallel.outcomes == serial.outcomes)
        let files = serial.outcomes.map(\.file).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        #expect(files == serial.filesChecked && files.count == plans.count)
    }
}
