import PolicyCheckKit
import PolicyCheckSyntax

/// Reads a verified `evidence.json` into a `RunRecord`. Missing required fields are refusals: a register must not
/// hold a run it cannot place (no run id, no time, no verdict).
struct EvidenceReader {
    let bundle: String
    let root: SourceNode
    /// `run.verdict` as `report` writes it.
    static let verdicts: Set<String> = ["pass", "fail", "error"]

    init(bundle: String, bytes: [UInt8]) throws(RegisterError) {
        self.bundle = bundle
        do {
            root = try JSONReader().read(bytes)
        } catch {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json is not valid JSON (\(error.message))")
        }
        guard root["kind"]?.storedString == "policycheck-evidence" else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json is not a policycheck run bundle")
        }
    }

    func record(evidenceSHA256: String, verifiedSigner: String?) throws(RegisterError) -> RunRecord {
        let run = try object("run")
        let ci = root["ci"]
        let population = root["population"]
        // Only what `report` writes (docs/evidence.md): the id names the run in the register, in push output and
        // in the period report, and the verdict is counted — a hand-edited value is a refusal, not a run.
        let runId = try text(run, "id", "run.id")
        guard runId.utf8.count == 32, runId.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json's run.id is not 32 lowercase hex digits")
        }
        let verdict = try text(run, "verdict", "run.verdict")
        guard Self.verdicts.contains(verdict) else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json's run.verdict is not pass, fail or error")
        }
        return RunRecord(
            runId: runId,
            repository: ci?["repository"]?.storedString ?? "(unknown)",
            ref: ci?["ref"]?.storedString ?? "(unknown)",
            commit: ci?["commit"]?.storedString, runURL: ci?["runUrl"]?.storedString, actor: ci?["actor"]?.storedString,
            pullRequest: ci?["pullRequest"]?.storedString ?? ci?["pullRequest"]?.numberLiteral, ciSystem: ci?["system"]?.storedString,
            generatedAt: try time(run, "generatedAt"),
            startedAt: run["startedAt"]?.storedString.flatMap(Timestamp.init(iso8601:))?.secondsSinceEpoch,
            finishedAt: run["finishedAt"]?.storedString.flatMap(Timestamp.init(iso8601:))?.secondsSinceEpoch,
            evaluatedAt: try time(run, "evaluatedAt"),
            verdict: verdict,
            exitCode: Int(run["exitCode"]?.numberLiteral ?? "") ?? 2,
            failOn: run["failOn"]?.storedString ?? "none",
            toolVersion: root["tool"]?["version"]?.storedString ?? "",
            settings: settings(run),
            inputsExpected: count(population, "expected"), inputsEvaluated: count(population, "evaluated"),
            inputsSkipped: count(population, "skipped"), inputsError: count(population, "error"),
            inputs: population?["inputs"]?.items.map { items in
                items.map { RunRecord.Input(file: $0["file"]?.storedString ?? "", status: $0["status"]?.storedString ?? "") }
            },
            packs: (root["policies"]?.items ?? []).map {
                RunRecord.Pack(id: $0["id"]?.storedString ?? "", version: $0["version"]?.storedString ?? "", sha256: $0["sha256"]?.storedString ?? "")
            },
            rules: (root["rules"]?.items ?? []).map {
                RunRecord.Rule(id: $0["id"]?.storedString ?? "", severity: $0["severity"]?.storedString ?? "", controls: strings($0["controls"]))
            },
            controls: (root["controls"]?.items ?? []).map {
                RunRecord.Control(control: $0["control"]?.storedString ?? "", pass: count($0, "pass"), fail: count($0, "fail"),
                                  waived: count($0, "waived"), notApplicable: count($0, "not-applicable"),
                                  cannotVerify: count($0, "cannot-verify"))
            },
            findings: try findings(),
            waivers: (root["waivers"]?.items ?? []).map(waiver),
            evidenceSHA256: evidenceSHA256, bundlePath: bundle, verifiedSigner: verifiedSigner,
            previousRunId: root["previous"]?["runId"]?.storedString, previousSHA256: root["previous"]?["sha256"]?.storedString
        )
    }

    // MARK: - Sections

    private func findings() throws(RegisterError) -> [RunRecord.Finding] {
        var result: [RunRecord.Finding] = []
        for item in root["findings"]?.items ?? [] {
            guard let fingerprint = item["fingerprint"]?.storedString, let ruleId = item["ruleId"]?.storedString else {
                throw RegisterError.refused(bundle: bundle, reason: "a finding in evidence.json has no fingerprint or ruleId")
            }
            result.append(RunRecord.Finding(
                fingerprint: fingerprint, ruleId: ruleId, severity: item["severity"]?.storedString ?? "",
                resource: item["resource"]?.storedString ?? "", file: item["file"]?.storedString ?? "",
                line: count(item, "line"), status: item["status"]?.storedString ?? "open",
                suppressionKind: item["suppression"]?["kind"]?.storedString,
                justification: item["suppression"]?["justification"]?.storedString, controls: strings(item["controls"]),
                deployment: item["deployment"]?.storedString))
        }
        return result
    }

    private func waiver(_ item: SourceNode) -> RunRecord.Waiver {
        RunRecord.Waiver(rule: item["rule"]?.storedString ?? "", resource: item["resource"]?.storedString,
                         filePattern: item["filePattern"]?.storedString, reason: item["reason"]?.storedString ?? "",
                         requestedBy: item["requestedBy"]?.storedString, approvedBy: item["approvedBy"]?.storedString ?? "",
                         approvedOn: item["approvedOn"]?.storedString ?? "", expires: item["expires"]?.storedString,
                         ticket: item["ticket"]?.storedString, status: item["status"]?.storedString ?? "",
                         matched: count(item, "matched"))
    }

    /// Scope, threshold, configuration files and (when recorded) the `settings` object, as canonical JSON.
    private func settings(_ run: SourceNode) -> String {
        var json = JSONWriter(pretty: false)
        json.beginObject()
        json.field("scope", strings: strings(run["scope"]))
        json.field("failOn", run["failOn"]?.storedString ?? "none")
        json.key("configFiles")
        CanonicalJSON.write(root["configFiles"], into: &json)
        json.key("settings")
        CanonicalJSON.write(root["settings"], into: &json)
        json.endObject()
        return json.writtenText
    }

    // MARK: - Fields

    private func object(_ key: String) throws(RegisterError) -> SourceNode {
        guard let node = root[key], node.isMapping else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json has no '\(key)' object")
        }
        return node
    }

    private func text(_ node: SourceNode, _ key: String, _ path: String) throws(RegisterError) -> String {
        guard let value = node[key]?.storedString, !value.isEmpty else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json has no '\(path)'")
        }
        return value
    }

    private func time(_ node: SourceNode, _ key: String) throws(RegisterError) -> Int64 {
        guard let text = node[key]?.storedString, let time = Timestamp(iso8601: text) else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json has no valid 'run.\(key)' time")
        }
        return time.secondsSinceEpoch
    }

    private func count(_ node: SourceNode?, _ key: String) -> Int {
        node?[key]?.numberLiteral.flatMap { Int($0) } ?? 0
    }

    private func strings(_ node: SourceNode?) -> [String] {
        (node?.items ?? []).compactMap(\.storedString)
    }
}
