/// Reads a period from any register with the same bound statements, so both engines give the same `PeriodData`.
public enum PeriodLoader {
    public static func load(_ register: any RunRegister, period: AuditPeriod) async throws(RegisterError) -> PeriodData {
        let (filter, values) = scope(period)
        let runs = try await register.select(SQLStatement("""
            SELECT r.run_id, r.repository, r.ref, r.commit_sha, r.actor, r.run_url, r.generated_at, r.verdict,
              r.evidence_sha256, r.bundle_path, r.verified_signer, r.previous_run_id, r.previous_sha256,
              p.evidence_sha256, p.repository, p.ref, r.inputs_evaluated, r.input_list, p.generated_at
            FROM runs r LEFT JOIN runs p ON p.run_id = r.previous_run_id WHERE \(filter)
            ORDER BY r.repository, r.ref, r.generated_at, r.run_id
            """, values)).map { row in
            PeriodData.Run(runId: row[0].string ?? "", repository: row[1].string ?? "", ref: row[2].string ?? "",
                           commit: row[3].string, actor: row[4].string, runURL: row[5].string,
                           generatedAt: row[6].int64 ?? 0, verdict: row[7].string ?? "", evidenceSHA256: row[8].string ?? "",
                           bundlePath: row[9].string ?? "", verifiedSigner: row[10].string, previousRunId: row[11].string,
                           previousSHA256: row[12].string,
                           predecessor: row[13].string.map {
                               ChainStatus.Predecessor(evidenceSHA256: $0, repository: row[14].string ?? "", ref: row[15].string ?? "",
                                                       generatedAt: row[18].int64)
                           }, inputsEvaluated: row[16].int, inputList: row[17].string)
        }
        let controls = try await register.select(SQLStatement("""
            SELECT c.run_id, c.control, c.fail, c.pass + c.fail + c.waived + c.cannot_verify
            FROM run_controls c JOIN runs r ON r.run_id = c.run_id WHERE \(filter)
            """, values)).map {
            PeriodData.ControlRow(runId: $0[0].string ?? "", control: $0[1].string ?? "", fail: $0[2].int, evaluated: $0[3].int)
        }
        let findings = try await register.select(SQLStatement("""
            SELECT f.run_id, f.fingerprint, f.rule_id, f.severity, f.resource, f.file, f.status, f.suppression_kind,
              f.justification, f.deployment FROM run_findings f JOIN runs r ON r.run_id = f.run_id WHERE \(filter)
            """, values)).map {
            PeriodData.FindingRow(runId: $0[0].string ?? "", fingerprint: $0[1].string ?? "", ruleId: $0[2].string ?? "",
                                  severity: $0[3].string ?? "", resource: $0[4].string ?? "", file: $0[5].string ?? "",
                                  status: $0[6].string ?? "", suppressionKind: $0[7].string, justification: $0[8].string,
                                  deployment: $0[9].string)
        }
        let waivers = try await register.select(SQLStatement("""
            SELECT w.run_id, w.rule, w.resource, w.file_pattern, w.reason, w.requested_by, w.approved_by, w.approved_on,
              w.expires, w.ticket, w.status, w.matched FROM run_waivers w JOIN runs r ON r.run_id = w.run_id WHERE \(filter)
            """, values)).map {
            PeriodData.WaiverRow(runId: $0[0].string ?? "", waiver: RunRecord.Waiver(
                rule: $0[1].string ?? "", resource: $0[2].string, filePattern: $0[3].string, reason: $0[4].string ?? "",
                requestedBy: $0[5].string, approvedBy: $0[6].string ?? "", approvedOn: $0[7].string ?? "",
                expires: $0[8].string, ticket: $0[9].string, status: $0[10].string ?? "", matched: $0[11].int))
        }
        let refusals = try await register.select(SQLStatement("""
            SELECT bundle_path, reason, evidence_sha256, claimed_run_id, claimed_repository, claimed_ref, occurred_at,
              claimed_at
            FROM refusals WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, refusal_id
            """, [.integer(period.start), .integer(period.end)])).map {
            PeriodData.RefusalRow(bundlePath: $0[0].string ?? "", reason: $0[1].string ?? "", evidenceSHA256: $0[2].string,
                                  claimedRunId: $0[3].string, claimedRepository: $0[4].string, claimedRef: $0[5].string,
                                  occurredAt: $0[6].int64 ?? 0, claimedAt: $0[7].int64)
        }.filter { period.repositories.isEmpty || $0.claimedRepository.map(period.repositories.contains) == true }
        var earlier: Set<String> = []
        var seen: Set<String> = []
        for run in runs where seen.insert(run.chain).inserted && run.previousRunId == nil {
            let count = try await register.select(SQLStatement(
                "SELECT COUNT(*) FROM runs WHERE repository = ? AND ref = ? AND generated_at < ? AND chain_status <> 'backwards'",
                [.text(run.repository), .text(run.ref), .integer(period.start)])).first?.first?.int ?? 0
            if count > 0 { earlier.insert(run.chain) }
        }
        var data = PeriodData(runs: runs, controls: controls, findings: findings, waivers: waivers, refusals: refusals,
                              chainsWithEarlierRuns: earlier)
        // One query per distinct list, so a period of large, changing trees is never held as one result set. A list
        // that is missing or unreadable is no list: its runs evaluated nothing the register can show.
        for key in Set(runs.compactMap(\.inputList)).sorted() {
            let text = try await register.select(SQLStatement("SELECT inputs FROM input_lists WHERE list_sha256 = ?", [.text(key)]))
            if let inputs = text.first?.first?.string.flatMap(StoredInputList.inputs) { data.inputLists.add(key, inputs) }
        }
        return data
    }

    /// The WHERE clause over `runs r` for the period and repositories: placeholders only, values bound.
    private static func scope(_ period: AuditPeriod) -> (String, [SQLValue]) {
        // A run dated before the period that names a run of the period as its previous one is a backdated run (its
        // SOURCE_DATE_EPOCH is its commit's date, which the author sets): it belongs to the period its predecessor
        // places it in, so its findings and its `backwards` break are shown there, not filed in 1999 (hostile
        // tester, round 35).
        // So is a backdated run that follows such a run, however long the chain of them (review, round 35).
        var clause = "((r.generated_at >= ? AND r.generated_at < ?) OR r.run_id IN (WITH RECURSIVE pulled(run_id) AS ("
            + "SELECT b.run_id FROM runs q JOIN runs b ON b.previous_run_id = q.run_id "
            + "WHERE q.generated_at >= ? AND q.generated_at < ? AND b.chain_status = 'backwards' "
            + "UNION SELECT b.run_id FROM pulled p JOIN runs b ON b.previous_run_id = p.run_id "
            + "WHERE b.chain_status = 'backwards') SELECT run_id FROM pulled))"
        var values: [SQLValue] = [.integer(period.start), .integer(period.end), .integer(period.start), .integer(period.end)]
        if !period.repositories.isEmpty {
            clause += " AND r.repository IN (" + Array(repeating: "?", count: period.repositories.count).joined(separator: ", ") + ")"
            values += period.repositories.map(SQLValue.text)
        }
        return (clause, values)
    }
}
