import Foundation
import PolicyCheckRegister
import Testing

/// A register filled before schema 5 (its runs record no input list), against both engines: `register migrate`
/// (or the next push) brings it to 5 with every old row readable; its old runs fix nothing, and say so, while a run
/// pushed after the migration that evaluated the file fixes the finding.
@Suite struct InputListMigrationTests {
    static let engines = RegisterCommandTests.engines
    static let start = FindingLifecycleTests.start
    static let day = FindingLifecycleTests.day
    static let period = FindingLifecycleTests.period

    /// Two runs as schema 4 stored them: old-1 reports fp-1 in deploy/fp-1.yaml, old-2 (a day later) does not —
    /// the period report before schema 5 called that a fix.
    static let oldRows = [
        """
        INSERT INTO runs (run_id, repository, ref, commit_sha, run_url, actor, pull_request, ci_system, generated_at, started_at,
          finished_at, evaluated_at, verdict, exit_code, fail_on, tool_version, settings, inputs_expected, inputs_evaluated,
          inputs_skipped, inputs_error, evidence_sha256, bundle_path, verified_signer, previous_run_id, previous_sha256, chain_status)
        VALUES ('old-1', 'acme/api', 'refs/heads/main', 'c1', NULL, 'dev', NULL, 'github', \(start), NULL, NULL, \(start), 'fail', 1,
          'high', '0.2.0', '{}', 3, 3, 0, 0, 'sha-old-1', 'bundles/old-1', NULL, NULL, NULL, 'start'),
               ('old-2', 'acme/api', 'refs/heads/main', 'c2', NULL, 'dev', NULL, 'github', \(start + day), NULL, NULL, \(start + day),
          'pass', 0, 'high', '0.2.0', '{}', 3, 3, 0, 0, 'sha-old-2', 'bundles/old-2', NULL, 'old-1', 'sha-old-1', 'linked')
        """,
        """
        INSERT INTO run_findings (run_id, position, fingerprint, rule_id, severity, resource, file, line, status, suppression_kind,
          justification, controls) VALUES ('old-1', 0, 'fp-1', 'R-high', 'high', 'res-fp-1', 'deploy/fp-1.yaml', 3, 'open', NULL, NULL, 'CC6.1')
        """,
    ]

    @Test(arguments: engines)
    func aRegisterFromBeforeInputListsIsMigratedAndItsRunsFixNothing(_ engine: Engine) async throws {
        let location = try AuditReadOnlyTests.olderRegister(engine, version: 4, rows: Self.oldRows)
        let refused = try AuditReadOnlyTests.audit(location)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("its schema version 4 is older than this policycheck's (5)"), "\(refused.stderr)")
        let migrate = try Shell.run(Shell.policycheck, ["register", "migrate", "--register", location])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("schema version 5 ("), "\(migrate.stdout)")
        #expect(migrate.stdout.contains("5 run inputs)"), "\(migrate.stdout)")

        let reader = try await RegisterLocation.parse(location).openForReading()
        let migrated = PeriodReport(try await PeriodLoader.load(reader, period: Self.period), period: Self.period)
        await reader.close()
        #expect(migrated.runs.map { "\($0.runId) \($0.inputList ?? "none")" } == ["old-1 none", "old-2 none"])
        #expect(migrated.lifecycle.runsWithoutInputList == 2)
        #expect(migrated.lifecycle.episodes.map { "\($0.fingerprint) \($0.file) \($0.state) \($0.runsNotEvaluating) \($0.runsWithoutInputList)" }
                == ["fp-1 deploy/fp-1.yaml notEvaluated 1 1"])
        let audit = try AuditReadOnlyTests.audit(location)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains(" · 1 not evaluated since their last report · "), "\(audit.stdout)")

        // A run pushed after the migration records its list; evaluating the file without the finding, it fixes it.
        let writer = try await RegisterLocation.parse(location).open()
        let run3 = RunFactory.run("run-3", at: Self.start + 2 * Self.day, previous: RunFactory.run("old-2", at: Self.start + Self.day))
        #expect(try await writer.push([run3]) == [.stored(.linked)])
        let after = PeriodReport(try await PeriodLoader.load(writer, period: Self.period), period: Self.period)
        await writer.close()
        #expect(after.lifecycle.runsWithoutInputList == 2)
        #expect(after.lifecycle.episodes.map { "\($0.state) \($0.fixedRunId ?? "-") \($0.runsNotEvaluating) \($0.runsWithoutInputList)" }
                == ["fixed run-3 1 1"])
    }

    /// The automatic migration of a push does the same: the old runs stay, the pushed run records its list.
    @Test(arguments: engines)
    func aPushMigratesAnOlderRegisterAndKeepsItsRuns(_ engine: Engine) async throws {
        let location = try AuditReadOnlyTests.olderRegister(engine, version: 4, rows: Self.oldRows)
        let factory = try BundleFactory()
        let bundle = try factory.clone("new", runId: BundleFactory.runId("new"), repository: "acme/api", at: Self.start + 3 * Self.day)
        let push = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", location])
        #expect(push.status == 0, "\(push.stderr)")
        let register = try await RegisterLocation.parse(location).openForReading()
        #expect(try await register.appliedMigrations().map(\.version) == [1, 2, 3, 4, 5])
        let lists = try await register.select(SQLStatement("SELECT run_id, input_list FROM runs ORDER BY generated_at"))
        await register.close()
        #expect(lists.map { $0[0].string ?? "" } == ["old-1", "old-2", BundleFactory.runId("new")])
        #expect(lists.map { $0[1].string == nil } == [true, true, false])
    }
}
