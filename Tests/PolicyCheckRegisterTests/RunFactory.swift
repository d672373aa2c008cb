@testable import PolicyCheckRegister

/// Synthetic runs for the conformance suite and the generated year: everything a bundle records, with the
/// fields a test cares about set by name.
enum RunFactory {
    /// The tree a run evaluates unless a test says otherwise: the file of every fingerprint the tests use.
    static let tree = ["fp-1", "fp-2", "fp-a", "fp-b", "fp-c", "fp-crit", "fp-d", "fp-high", "fp-i", "fp-w", "fp-x"].map(file)

    /// The file `finding(fingerprint)` is in.
    static func file(_ fingerprint: String) -> String { "deploy/\(fingerprint).yaml" }

    /// Inputs as a bundle lists them, every one with `status`.
    static func inputs(_ files: [String], status: String = "evaluated") -> [RunRecord.Input] {
        files.map { RunRecord.Input(file: $0, status: status) }
    }

    static func run(_ id: String, repository: String = "acme/api", ref: String = "refs/heads/main", at time: Int64,
                    previous: RunRecord? = nil, findings: [RunRecord.Finding] = [], waivers: [RunRecord.Waiver] = [],
                    verdict: String? = nil, inputs: [RunRecord.Input]? = RunFactory.inputs(RunFactory.tree)) -> RunRecord {
        let failing = findings.contains { $0.status == "open" && ($0.severity == "critical" || $0.severity == "high") }
        return RunRecord(
            runId: id, repository: repository, ref: ref, commit: "c0ffee" + id.suffix(6), runURL: "https://ci.example/\(id)",
            actor: "dev", pullRequest: nil, ciSystem: "github", generatedAt: time, startedAt: time - 5, finishedAt: time,
            evaluatedAt: time, verdict: verdict ?? (failing ? "fail" : "pass"), exitCode: failing ? 1 : 0, failOn: "high",
            toolVersion: "test", settings: "{\"scope\":[\".\"]}", inputsExpected: inputs?.count ?? 3,
            inputsEvaluated: inputs.map { $0.filter { $0.status == "evaluated" }.count } ?? 3,
            inputsSkipped: inputs.map { $0.filter { $0.status == "skipped" }.count } ?? 0,
            inputsError: inputs.map { $0.filter { $0.status == "error" }.count } ?? 0, inputs: inputs, packs: [RunRecord.Pack(id: "policycheck-default", version: "1", sha256: "ab")],
            rules: [RunRecord.Rule(id: "R-1", severity: "high", controls: ["CC6.1"])],
            controls: [
                RunRecord.Control(control: "CC6.1", pass: failing ? 2 : 3, fail: failing ? 1 : 0, waived: 0, notApplicable: 0, cannotVerify: 0),
                RunRecord.Control(control: "CC7.1", pass: 1, fail: 0, waived: 0, notApplicable: 0, cannotVerify: 0),
            ],
            findings: findings, waivers: waivers, evidenceSHA256: "sha-" + id, bundlePath: "bundles/\(id)",
            verifiedSigner: nil, previousRunId: previous?.runId, previousSHA256: previous?.evidenceSHA256)
    }

    static func finding(_ fingerprint: String, severity: String = "high", status: String = "open",
                        suppression: String? = nil) -> RunRecord.Finding {
        RunRecord.Finding(fingerprint: fingerprint, ruleId: "R-\(severity)", severity: severity, resource: "res-\(fingerprint)",
                          file: file(fingerprint), line: 3, status: suppression == nil ? status : "suppressed",
                          suppressionKind: suppression, justification: suppression.map { "accepted (\($0))" }, controls: ["CC6.1"])
    }

    static func waiver(expires: String = "2025-09-30", status: String = "active") -> RunRecord.Waiver {
        RunRecord.Waiver(rule: "R-medium", resource: "res-legacy", filePattern: nil, reason: "legacy bucket, migration planned",
                         requestedBy: "alice", approvedBy: "ciso@acme.example", approvedOn: "2024-12-15", expires: expires,
                         ticket: "SEC-7", status: status, matched: 1)
    }
}
