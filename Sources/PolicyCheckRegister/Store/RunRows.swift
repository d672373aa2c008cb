/// The INSERT statements that store runs and everything recorded with them: one multi-row insert per table (in
/// chunks), whatever the number of runs.
enum RunRows {
    /// `storedLists`: the keys of the input lists the register already holds (`PushPlan`'s read), not sent again.
    static func inserts(_ runs: [(run: RunRecord, status: ChainStatus, list: StoredInputList?)],
                        storedLists: Set<String> = []) -> [SQLStatement] {
        var runRows: [[SQLValue]] = [], packs: [[SQLValue]] = [], rules: [[SQLValue]] = [], controls: [[SQLValue]] = []
        var findings: [[SQLValue]] = [], waivers: [[SQLValue]] = []
        var lists: [String: StoredInputList] = [:]
        for (run, status, inputList) in runs {
            let id = SQLValue.text(run.runId)
            if let inputList, !storedLists.contains(inputList.key) { lists[inputList.key] = inputList }
            runRows.append([
                id, .text(run.repository), .text(run.ref), SQLValue(run.commit), SQLValue(run.runURL), SQLValue(run.actor),
                SQLValue(run.pullRequest), SQLValue(run.ciSystem), .integer(run.generatedAt), SQLValue(run.startedAt),
                SQLValue(run.finishedAt), .integer(run.evaluatedAt), .text(run.verdict), SQLValue(run.exitCode),
                .text(run.failOn), .text(run.toolVersion), .text(run.settings), SQLValue(run.inputsExpected),
                SQLValue(run.inputsEvaluated), SQLValue(run.inputsSkipped), SQLValue(run.inputsError),
                .text(run.evidenceSHA256), .text(run.bundlePath), SQLValue(run.verifiedSigner), SQLValue(run.previousRunId),
                SQLValue(run.previousSHA256), .text(status.rawValue), SQLValue(inputList?.key),
            ])
            for (index, pack) in run.packs.enumerated() {
                packs.append([id, SQLValue(index), .text(pack.id), .text(pack.version), .text(pack.sha256)])
            }
            for (index, rule) in run.rules.enumerated() {
                rules.append([id, SQLValue(index), .text(rule.id), .text(rule.severity), .text(list(rule.controls))])
            }
            for (index, row) in run.controls.enumerated() {
                controls.append([id, SQLValue(index), .text(row.control), SQLValue(row.pass), SQLValue(row.fail), SQLValue(row.waived),
                                 SQLValue(row.notApplicable), SQLValue(row.cannotVerify)])
            }
            for (index, finding) in run.findings.enumerated() {
                findings.append([id, SQLValue(index), .text(finding.fingerprint), .text(finding.ruleId), .text(finding.severity),
                                 .text(finding.resource), .text(finding.file), SQLValue(finding.line), .text(finding.status),
                                 SQLValue(finding.suppressionKind), SQLValue(finding.justification), .text(list(finding.controls)),
                                 SQLValue(finding.deployment)])
            }
            for (index, waiver) in run.waivers.enumerated() {
                waivers.append([id, SQLValue(index), .text(waiver.rule), SQLValue(waiver.resource), SQLValue(waiver.filePattern),
                                .text(waiver.reason), SQLValue(waiver.requestedBy), .text(waiver.approvedBy), .text(waiver.approvedOn),
                                SQLValue(waiver.expires), SQLValue(waiver.ticket), .text(waiver.status), SQLValue(waiver.matched)])
            }
        }
        return SQLStatement.inserts(into: "runs", columns: [
            "run_id", "repository", "ref", "commit_sha", "run_url", "actor", "pull_request", "ci_system", "generated_at",
            "started_at", "finished_at", "evaluated_at", "verdict", "exit_code", "fail_on", "tool_version", "settings",
            "inputs_expected", "inputs_evaluated", "inputs_skipped", "inputs_error", "evidence_sha256", "bundle_path",
            "verified_signer", "previous_run_id", "previous_sha256", "chain_status", "input_list",
        ], rows: runRows)
            + inputLists(lists)
            + SQLStatement.inserts(into: "run_packs", columns: ["run_id", "position", "pack_id", "version", "sha256"], rows: packs)
            + SQLStatement.inserts(into: "run_rules", columns: ["run_id", "position", "rule_id", "severity", "controls"], rows: rules)
            + SQLStatement.inserts(
                into: "run_controls",
                columns: ["run_id", "position", "control", "pass", "fail", "waived", "not_applicable", "cannot_verify"], rows: controls)
            + SQLStatement.inserts(
                into: "run_findings",
                columns: ["run_id", "position", "fingerprint", "rule_id", "severity", "resource", "file", "line", "status",
                          "suppression_kind", "justification", "controls", "deployment"], rows: findings)
            + SQLStatement.inserts(
                into: "run_waivers",
                columns: ["run_id", "position", "rule", "resource", "file_pattern", "reason", "requested_by", "approved_by",
                          "approved_on", "expires", "ticket", "status", "matched"], rows: waivers)
    }

    /// The input lists the register does not hold yet, one statement each (a list can be megabytes), in key order.
    /// A concurrent push of another chain may store the same list first: the row is then left as it is (the key is
    /// the SHA-256 of the text, so it is the same), and taking keys in one order means two such pushes never wait
    /// on each other in a cycle.
    static func inputLists(_ lists: [String: StoredInputList]) -> [SQLStatement] {
        lists.keys.sorted().flatMap { key in
            SQLStatement.inserts(into: "input_lists", columns: ["list_sha256", "inputs"], rows: [[.text(key), .text(lists[key]!.text)]],
                                 skippingConflictsOn: ["list_sha256"])
        }
    }

    /// A list column: entries joined by newlines (control ids contain no newline).
    static func list(_ items: [String]) -> String { items.joined(separator: "\n") }

    /// A refusal placed at `time`, when it was pushed: what the unverified bundle claims, its time included, is
    /// kept only as a claim.
    static func refusal(_ refusal: Refusal, at time: Int64) -> SQLStatement {
        SQLStatement("""
            INSERT INTO refusals (refusal_id, bundle_path, reason, evidence_sha256, claimed_run_id, claimed_repository,
              claimed_ref, claimed_at, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (refusal_id) DO NOTHING
            """, [.text(refusal.id), .text(refusal.bundle), .text(refusal.reason), SQLValue(refusal.evidenceSHA256),
                  SQLValue(refusal.claimedRunId), SQLValue(refusal.claimedRepository), SQLValue(refusal.claimedRef),
                  SQLValue(refusal.claimedAt), .integer(time)])
    }
}
