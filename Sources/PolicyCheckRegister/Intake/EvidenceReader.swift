import PolicyCheckKit
import PolicyCheckSyntax

/// Reads a verified `evidence.json` into a `RunRecord`. Missing required fields are refusals: a register must not
/// hold a run it cannot place (no run id, no time, no verdict).
struct EvidenceReader {
    let bundle: String
    let root: SourceNode

    init(bundle: String, bytes: [UInt8]) throws(RegisterError) {
        self.bundle = bundle
        do {
            root = try JSONReader().read(bytes)
        } catch {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json is not valid JSON (\(error.message))")
        }
        guard root["kind"]?.string == "policycheck-evidence" else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json is not a policycheck run bundle")
        }
    }

    func record(evidenceSHA256: String, verifiedSigner: String?) throws(RegisterError) -> RunRecord {
        let run = try object("run")
        let ci = root["ci"]
        let population = root["population"]
        return RunRecord(
            runId: try text(run, "id", "run.id"),
            repository: ci?["repository"]?.string ?? "(unknown)",
            ref: ci?["ref"]?.string ?? "(unknown)",
            commit: ci?["commit"]?.string, runURL: ci?["runUrl"]?.string, actor: ci?["actor"]?.string,
            pullRequest: ci?["pullRequest"]?.string ?? ci?["pullRequest"]?.numberLiteral, ciSystem: ci?["system"]?.string,
            generatedAt: try time(run, "generatedAt"),
            startedAt: run["startedAt"]?.string.flatMap(Timestamp.init(iso8601:))?.secondsSinceEpoch,
            finishedAt: run["finishedAt"]?.string.flatMap(Timestamp.init(iso8601:))?.secondsSinceEpoch,
            evaluatedAt: try time(run, "evaluatedAt"),
            verdict: try text(run, "verdict", "run.verdict"),
            exitCode: Int(run["exitCode"]?.numberLiteral ?? "") ?? 2,
            failOn: run["failOn"]?.string ?? "none",
            toolVersion: root["tool"]?["version"]?.string ?? "",
            settings: settings(run),
            inputsExpected: count(population, "expected"), inputsEvaluated: count(population, "evaluated"),
            inputsSkipped: count(population, "skipped"), inputsError: count(population, "error"),
            packs: (root["policies"]?.items ?? []).map {
                RunRecord.Pack(id: $0["id"]?.string ?? "", version: $0["version"]?.string ?? "", sha256: $0["sha256"]?.string ?? "")
            },
            rules: (root["rules"]?.items ?? []).map {
                RunRecord.Rule(id: $0["id"]?.string ?? "", severity: $0["severity"]?.string ?? "", controls: strings($0["controls"]))
            },
            controls: (root["controls"]?.items ?? []).map {
                RunRecord.Control(control: $0["control"]?.string ?? "", pass: count($0, "pass"), fail: count($0, "fail"),
                                  waived: count($0, "waived"), notApplicable: count($0, "not-applicable"),
                                  cannotVerify: count($0, "cannot-verify"))
            },
            findings: try findings(),
            waivers: (root["waivers"]?.items ?? []).map(waiver),
            evidenceSHA256: evidenceSHA256, bundlePath: bundle, verifiedSigner: verifiedSigner,
            previousRunId: root["previous"]?["runId"]?.string, previousSHA256: root["previous"]?["sha256"]?.string
        )
    }

    // MARK: - Sections

    private func findings() throws(RegisterError) -> [RunRecord.Finding] {
        var result: [RunRecord.Finding] = []
        for item in root["findings"]?.items ?? [] {
            guard let fingerprint = item["fingerprint"]?.string, let ruleId = item["ruleId"]?.string else {
                throw RegisterError.refused(bundle: bundle, reason: "a finding in evidence.json has no fingerprint or ruleId")
            }
            result.append(RunRecord.Finding(
                fingerprint: fingerprint, ruleId: ruleId, severity: item["severity"]?.string ?? "",
                resource: item["resource"]?.string ?? "", file: item["file"]?.string ?? "",
                line: count(item, "line"), status: item["status"]?.string ?? "open",
                suppressionKind: item["suppression"]?["kind"]?.string,
                justification: item["suppression"]?["justification"]?.string, controls: strings(item["controls"])))
        }
        return result
    }

    private func waiver(_ item: SourceNode) -> RunRecord.Waiver {
        RunRecord.Waiver(rule: item["rule"]?.string ?? "", resource: item["resource"]?.string,
                         filePattern: item["filePattern"]?.string, reason: item["reason"]?.string ?? "",
                         requestedBy: item["requestedBy"]?.string, approvedBy: item["approvedBy"]?.string ?? "",
                         approvedOn: item["approvedOn"]?.string ?? "", expires: item["expires"]?.string,
                         ticket: item["ticket"]?.string, status: item["status"]?.string ?? "",
                         matched: count(item, "matched"))
    }

    /// Scope, threshold, configuration files and (when recorded) the `settings` object, as canonical JSON.
    private func settings(_ run: SourceNode) -> String {
        var json = JSONWriter(pretty: false)
        json.beginObject()
        json.field("scope", strings: strings(run["scope"]))
        json.field("failOn", run["failOn"]?.string ?? "none")
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
        guard let value = node[key]?.string, !value.isEmpty else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json has no '\(path)'")
        }
        return value
    }

    private func time(_ node: SourceNode, _ key: String) throws(RegisterError) -> Int64 {
        guard let text = node[key]?.string, let time = Timestamp(iso8601: text) else {
            throw RegisterError.refused(bundle: bundle, reason: "evidence.json has no valid 'run.\(key)' time")
        }
        return time.secondsSinceEpoch
    }

    private func count(_ node: SourceNode?, _ key: String) -> Int {
        node?[key]?.numberLiteral.flatMap { Int($0) } ?? 0
    }

    private func strings(_ node: SourceNode?) -> [String] {
        (node?.items ?? []).compactMap(\.string)
    }
}
