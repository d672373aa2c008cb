/// The statements of one push, shared by both engines. A push is two phases inside one transaction: the reads
/// (`reads`), then the writes decided from what they returned (`decide`) — all or nothing.
public enum PushPlan {
    /// What a push did.
    public enum Result: Sendable, Hashable {
        case stored(ChainStatus)
        /// The same run (same id, same evidence.json) was already stored: nothing changed.
        case alreadyStored
    }

    /// The decision: statements to run, or no change.
    enum Decision {
        case write([SQLStatement], ChainStatus)
        case unchanged
    }

    /// Reads, in order: the run itself, its predecessor (or earlier runs of its chain), runs that name it.
    static func reads(_ run: RunRecord) -> [SQLStatement] {
        [
            SQLStatement("SELECT evidence_sha256 FROM runs WHERE run_id = ?", [.text(run.runId)]),
            run.previousRunId.map {
                SQLStatement("SELECT evidence_sha256, repository, ref FROM runs WHERE run_id = ?", [.text($0)])
            } ?? SQLStatement("SELECT run_id FROM runs WHERE repository = ? AND ref = ? AND generated_at < ? LIMIT 1",
                              [.text(run.repository), .text(run.ref), .integer(run.generatedAt)]),
            SQLStatement("SELECT run_id, previous_sha256, repository, ref FROM runs WHERE previous_run_id = ?", [.text(run.runId)]),
        ]
    }

    static func decide(_ run: RunRecord, _ results: [[[SQLValue]]]) throws(RegisterError) -> Decision {
        if let stored = results[0].first?.first?.string {
            guard stored == run.evidenceSHA256 else { throw RegisterError.conflict(runId: run.runId, bundle: run.bundlePath) }
            return .unchanged
        }
        let predecessor = run.previousRunId == nil ? nil : results[1].first.map {
            ChainStatus.Predecessor(evidenceSHA256: $0[0].string ?? "", repository: $0[1].string ?? "", ref: $0[2].string ?? "")
        }
        let status = ChainStatus.judge(previousRunId: run.previousRunId, previousSHA256: run.previousSHA256,
                                       repository: run.repository, ref: run.ref, predecessor: predecessor,
                                       hasEarlierRuns: run.previousRunId == nil && !results[1].isEmpty)
        var statements = RunRows.inserts(run, status: status)
        // Runs pushed before their predecessor recorded a gap; this run may close it.
        let me = ChainStatus.Predecessor(evidenceSHA256: run.evidenceSHA256, repository: run.repository, ref: run.ref)
        for successor in results[2] {
            let fixed = ChainStatus.judge(previousRunId: run.runId, previousSHA256: successor[1].string,
                                          repository: successor[2].string ?? "", ref: successor[3].string ?? "",
                                          predecessor: me, hasEarlierRuns: true)
            statements.append(SQLStatement("UPDATE runs SET chain_status = ? WHERE run_id = ?",
                                           [.text(fixed.rawValue), successor[0]]))
        }
        return .write(statements, status)
    }
}
