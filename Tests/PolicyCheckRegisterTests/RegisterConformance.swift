import Foundation
import KeyMaterial
import PolicyCheckRegister
import Testing

/// The conformance suite: one body per behaviour, run by `SQLiteRegisterTests` and `PostgresRegisterTests`, so
/// both engines are held to the same results.
enum RegisterConformance {
    static let day: Int64 = 1_735_689_600 // 2025-01-01T00:00:00Z

    static func migrationsAreRecordedOnce(_ engine: Engine) async throws {
        let location = try engine.freshLocation()
        let first = try await RegisterLocation.parse(location).open()
        await first.close()
        let again = try await RegisterLocation.parse(location).open()
        let applied = try await again.appliedMigrations()
        await again.close()
        #expect(applied.map(\.version) == [1, 2, 3, 4, 5])
        #expect(applied.map(\.name) == ["runs", "run contents", "refusals", "refusal claimed time", "run inputs"])
    }

    static func pushStoresEverythingOnceAndIsIdempotent(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let run = RunFactory.run("run-1", at: day, findings: [RunFactory.finding("fp-1"), RunFactory.finding("fp-2", suppression: "inline")],
                                 waivers: [RunFactory.waiver()])
        #expect(try await register.push([run]) == [.stored(.start)])
        #expect(try await register.push([run]) == [.alreadyStored])
        #expect(try await register.runCount() == 1)
        let counts = try await register.select(SQLStatement("""
            SELECT (SELECT COUNT(*) FROM run_findings), (SELECT COUNT(*) FROM run_waivers), (SELECT COUNT(*) FROM run_controls),
                   (SELECT COUNT(*) FROM run_rules), (SELECT COUNT(*) FROM run_packs)
            """))
        #expect(counts.first?.map(\.int) == [2, 1, 2, 1, 1])
        let stored = try await register.select(SQLStatement(
            "SELECT repository, ref, commit_sha, run_url, actor, settings, verdict FROM runs WHERE run_id = ?", [.text("run-1")]))
        #expect(stored.first?.map { $0.string ?? "" } == ["acme/api", "refs/heads/main", "c0ffeerun-1", "https://ci.example/run-1", "dev", "{\"scope\":[\".\"]}", "fail"])
        await register.close()
    }

    /// Each run records its input list; a list is stored once however many runs share it, in later pushes and within
    /// one; a run whose bundle lists no inputs records none (NULL), not an empty list.
    static func inputListsAreStoredOncePerDistinctList(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let other = RunFactory.inputs(["deploy/fp-1.yaml", "deploy/fp-2.yaml"]) + RunFactory.inputs(["bad.yaml"], status: "error")
        let r1 = RunFactory.run("run-1", at: day)
        let r2 = RunFactory.run("run-2", at: day + 60, previous: r1)
        let r3 = RunFactory.run("run-3", at: day + 120, previous: r2, inputs: other)
        let r4 = RunFactory.run("run-4", at: day + 180, previous: r3, inputs: other)
        let r5 = RunFactory.run("run-5", at: day + 240, previous: r4, inputs: nil)
        let r6 = RunFactory.run("run-6", at: day + 300, previous: r5, inputs: [])
        _ = try await register.push([r1])
        _ = try await register.push([r2, r3, r4, r5, r6])
        let rows = try await register.select(SQLStatement("SELECT COUNT(*) FROM input_lists"))
        #expect(rows.first?.first?.int == 3, "the tree, `other` and the empty list, once each")
        let lists = try await register.select(SQLStatement("SELECT run_id, input_list FROM runs ORDER BY run_id"))
        let keys = lists.map { $0[1].string }
        #expect(keys[0] != nil && keys[0] == keys[1])
        #expect(keys[2] != nil && keys[2] == keys[3] && keys[2] != keys[0])
        #expect(keys[4] == nil, "a bundle without population.inputs records no list")
        #expect(keys[5] != nil && keys[5] != keys[0], "an empty list is recorded: the run evaluated nothing")
        let stored = try await register.select(SQLStatement("SELECT inputs FROM input_lists WHERE list_sha256 = ?", [SQLValue(keys[2])]))
        let text = try #require(stored.first?.first?.string)
        #expect(text == #"[{"file":"deploy/fp-1.yaml","status":"evaluated"},{"file":"deploy/fp-2.yaml","status":"evaluated"},{"file":"bad.yaml","status":"error"}]"#)
        // The key is the SHA-256 of the stored text: anyone can check it.
        #expect(keys[2] == Digest.sha256(Array(text.utf8)))
        await register.close()
    }

    static func sameIdWithOtherBytesIsAConflictAndTheBatchIsRolledBack(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        _ = try await register.push([RunFactory.run("run-1", at: day)])
        var altered = RunFactory.run("run-1", at: day)
        altered.evidenceSHA256 = "other"
        let fresh = RunFactory.run("run-2", at: day + 60)
        await #expect(throws: RegisterError.self) { try await register.push([fresh, altered]) }
        #expect(try await register.runCount() == 1, "run-2 was in the failed push: all or nothing")
        await register.close()
    }

    static func chainLinksAndGapsAreJudgedAndHealed(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let r1 = RunFactory.run("r1", at: day)
        let r2 = RunFactory.run("r2", at: day + 60, previous: r1)
        let r3 = RunFactory.run("r3", at: day + 120, previous: r2)
        let r4 = RunFactory.run("r4", at: day + 180, previous: r3)
        var forged = RunFactory.run("r5", at: day + 240, previous: r4)
        forged.previousSHA256 = "not-r4"
        let restarted = RunFactory.run("r6", at: day + 300)
        #expect(try await register.push([r1, r2, r4, forged, restarted]) ==
                [.stored(.start), .stored(.linked), .stored(.missingPredecessor), .stored(.hashMismatch), .stored(.unchained)])
        // r3 arrives late: r4's gap closes.
        #expect(try await register.push([r3]) == [.stored(.linked)])
        let status = try await register.select(SQLStatement("SELECT chain_status FROM runs WHERE run_id = ?", [.text("r4")]))
        #expect(status.first?.first?.string == "linked")
        await register.close()
    }

    static func valuesAreBoundNeverSpliced(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let hostile = "acme/x'); DROP TABLE runs; --"
        _ = try await register.push([RunFactory.run("run-'1", repository: hostile, ref: "refs/heads/\"main\"?", at: day)])
        let rows = try await register.select(SQLStatement("SELECT run_id, repository, ref FROM runs WHERE repository = ?", [.text(hostile)]))
        #expect(rows.first?.map { $0.string ?? "" } == ["run-'1", hostile, "refs/heads/\"main\"?"])
        await register.close()
    }

    static func refusalsAreRecordedOnce(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let refusal = Refusal(bundle: "b/1", reason: "report.html changed")
        try await register.record(refusal, at: day)
        try await register.record(refusal, at: day + 5)
        let rows = try await register.select(SQLStatement("SELECT bundle_path, reason, occurred_at FROM refusals"))
        #expect(rows.count == 1)
        #expect(rows.first?[2].int64 == day)
        #expect(try await register.runCount() == 0)
        await register.close()
    }

    /// A refused bundle is placed at the time it was pushed (the clock the caller passes), never at the time its
    /// unverified evidence.json claims: a forger backdating the claim cannot move the refusal out of the period.
    static func refusalsAreDatedByThePushNotByTheirClaim(_ engine: Engine) async throws {
        let register = try await engine.freshRegister()
        let claimed: Int64 = 1_546_300_800 // 2019-01-01T00:00:00Z
        let evidence = Array(#"{"run": {"id": "0123456789abcdef0123456789abcdef", "generatedAt": "2019-01-01T00:00:00Z"}, "ci": {"repository": "acme/api", "ref": "refs/heads/main"}}"#.utf8)
        let refusal = Refusal(bundle: "b/forged", reason: "report.html changed", evidence: evidence, sha256: "ab")
        #expect(refusal.claimedAt == claimed)
        try await register.record(refusal, at: day + 3_600)
        let occurred = try await register.select(SQLStatement("SELECT occurred_at FROM refusals"))
        #expect(occurred.first?.first?.int64 == day + 3_600)
        let claims = try await register.select(SQLStatement("SELECT claimed_at FROM refusals"))
        #expect(claims.first?.first?.int64 == claimed)
        let inPushPeriod = try await PeriodLoader.load(register, period: try AuditPeriod(from: "2025-01-01", to: "2025-01-01", repositories: []))
        #expect(inPushPeriod.refusals.map { "\($0.occurredAt) \($0.claimedAt.map(String.init) ?? "-")" } == ["\(day + 3_600) \(claimed)"])
        let inClaimedPeriod = try await PeriodLoader.load(register, period: try AuditPeriod(from: "2019-01-01", to: "2019-01-01", repositories: []))
        #expect(inClaimedPeriod.refusals.isEmpty)
        await register.close()
    }
}
