import Foundation
import Testing

/// End-to-end: `policycheck report` bundles, signing, `verify-report`, chaining and reproducibility.
@Suite struct EvidenceBundleTests {
    private func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func reportWritesTheBundleAndExitsLikeCheck() throws {
        let workspace = try EvidenceWorkspace()
        let result = try workspace.report(out: "bundle")
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(Set(try workspace.bundle("bundle").keys) == ["report.html", "report.md", "evidence.json"])
        #expect(result.stderr.contains("waivers.yaml:12:5: warning: stale waiver"))
        let evidence = try json(try workspace.read("bundle/evidence.json"))
        let population = try #require(evidence["population"] as? [String: Any])
        let inputs = try #require(population["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["file"] as? String } == ["manifests/committed.pem", "manifests/compliant.yaml", "manifests/high-only.yaml",
                                                          "manifests/hostile.yaml", "manifests/notes.yaml"])
        let notes = try #require(inputs.last)
        #expect(notes["status"] as? String == "skipped")
        #expect((notes["reason"] as? String)?.isEmpty == false)
        // The committed private key is the one input without a digest: it would be a check value for the secret.
        #expect(inputs.dropFirst().allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect(inputs.first?["sha256"] is NSNull)
        #expect(inputs.first?["reason"] as? String == "holds a secret key: no digest of it is published")
        let outcomes = try #require(evidence["outcomes"] as? [[String: Any]])
        #expect(outcomes.contains { $0["ruleId"] as? String == "MMC-RES-001" && $0["resource"] as? String == "fixture-high"
            && $0["status"] as? String == "waived" && $0["suppression"] as? String == "waiver" })
        #expect(outcomes.contains { $0["status"] as? String == "pass" })
        let waivers = try #require(evidence["waivers"] as? [[String: Any]])
        #expect(waivers.map { $0["status"] as? String } == ["active", "stale"])
        let keys = try #require(evidence["keyInventory"] as? [[String: Any]])
        #expect(keys.first?["file"] as? String == "manifests/committed.pem")
        let configs = try #require(evidence["configFiles"] as? [[String: Any]])
        #expect(configs.first?["role"] as? String == "waivers")
        #expect(configs.first?["sha256"] as? String == sha256(try workspace.read("waivers.yaml")))
        let policies = try #require(evidence["policies"] as? [[String: Any]])
        #expect((policies.first?["sha256"] as? String)?.count == 64)
        let tool = try #require(evidence["tool"] as? [String: Any])
        #expect((tool["binarySha256"] as? String)?.count == 64)
        #expect((tool["openSSLVersion"] as? String)?.hasPrefix("OpenSSL") == true)
        let artifacts = try #require(evidence["artifacts"] as? [[String: Any]])
        #expect(artifacts.first { $0["file"] as? String == "report.html" }?["sha256"] as? String
                == sha256(try workspace.read("bundle/report.html")))
    }

    @Test(arguments: [("ed25519", "ed25519"), ("p256", "ecdsa-p256-sha256"), ("rsa3072", "rsa-pss-sha256")])
    func signThenVerifyThenTamperThenVerifyFails(keyType: String, algorithm: String) throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey(keyType)
        let result = try workspace.report(out: "bundle", extra: ["--sign-key", key.privateKey])
        #expect(result.status == 1, "\(result.stderr)")
        let evidence = try json(try workspace.read("bundle/evidence.json"))
        let signature = try #require(evidence["signature"] as? [String: Any])
        #expect(signature["algorithm"] as? String == algorithm)
        try workspace.openssl(["pkey", "-pubin", "-in", key.publicKey, "-outform", "DER", "-out", "pub.der"])
        #expect(signature["publicKeySpkiSha256"] as? String == sha256(try workspace.read("pub.der")))
        try verifyWithOpenSSL(workspace, keyType: keyType, publicKey: key.publicKey)

        let intact = try workspace.run(["verify-report", "bundle", "--pubkey", key.publicKey])
        #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
        #expect(intact.stdout.contains("ok      signature"))
        #expect(intact.stdout.contains("INTACT"))

        let original = try workspace.read("bundle/report.md")
        try workspace.tamper("bundle/report.md")
        let pageChanged = try workspace.run(["verify-report", "bundle", "--pubkey", key.publicKey])
        #expect(pageChanged.status == 1)
        #expect(pageChanged.stdout.contains("CHANGED report.md"))
        #expect(pageChanged.stdout.contains("ALTERED: report.md"))
        try original.write(to: workspace.root.appendingPathComponent("bundle/report.md"))

        try workspace.tamper("bundle/evidence.json", at: 400)
        let evidenceChanged = try workspace.run(["verify-report", "bundle", "--pubkey", key.publicKey])
        #expect(evidenceChanged.status == 1)
        #expect(evidenceChanged.stdout.contains("CHANGED signature: does not verify"))
    }

    /// The signature file is documented as base64 of a signature the openssl command line can check.
    private func verifyWithOpenSSL(_ workspace: EvidenceWorkspace, keyType: String, publicKey: String) throws {
        let text = String(decoding: try workspace.read("bundle/evidence.json.sig"), as: UTF8.self)
        let raw = try #require(Data(base64Encoded: text.trimmingCharacters(in: .newlines)))
        try raw.write(to: workspace.root.appendingPathComponent("sig.bin"))
        let output: String
        switch keyType {
        case "ed25519":
            output = try workspace.openssl(["pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin",
                                            "-in", "bundle/evidence.json", "-sigfile", "sig.bin"])
        case "rsa3072":
            output = try workspace.openssl(["dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest",
                                            "-verify", publicKey, "-signature", "sig.bin", "bundle/evidence.json"])
        default:
            output = try workspace.openssl(["dgst", "-sha256", "-verify", publicKey, "-signature", "sig.bin", "bundle/evidence.json"])
        }
        #expect(output.contains("Verified OK") || output.contains("Signature Verified Successfully"), "\(output)")
    }

    @Test func reproducibleRunsGiveByteIdenticalBundlesWhereverTheyAreWritten() throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        try FileManager.default.createDirectory(atPath: workspace.path("deep/er"), withIntermediateDirectories: true)
        for out in ["first", "second", "deep/er/third"] {
            let result = try workspace.report(out: out, extra: ["--sign-key", key.privateKey])
            #expect(result.status == 1, "\(result.stderr)")
        }
        let first = try workspace.bundle("first")
        #expect(first.count == 4)
        #expect(try workspace.bundle("second") == first)
        #expect(try workspace.bundle("deep/er/third") == first)
        for (name, data) in first {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(workspace.root.path), "\(name) names the directory it was written to")
        }
        let html = String(decoding: try #require(first["report.html"]), as: UTF8.self)
        #expect(html.contains("Reproducible bundle: SOURCE_DATE_EPOCH=1790000000"))
        let evidence = try #require(first["evidence.json"])
        let run = try #require(try json(evidence)["run"] as? [String: Any])
        #expect(run["reproducible"] as? Bool == true)
        #expect(run["startedAt"] is NSNull)
        #expect(run["generatedAt"] as? String == "2026-09-21T14:13:20Z")
    }

    /// A reproducible run id names the run, not only what it checked: the same inputs checked on a pull request and
    /// on main, in another repository, at another commit or in another CI run get different ids (they collided, and
    /// the register refused the second as a conflict); the same run made twice keeps its id.
    @Test func reproducibleRunIdsDifferAcrossRepositoriesRefsCommitsAndCIRuns() throws {
        let workspace = try EvidenceWorkspace()
        let main = ["GITHUB_REPOSITORY": "acme/infra", "GITHUB_REF": "refs/heads/main", "GITHUB_SHA": String(repeating: "b", count: 40),
                    "GITHUB_RUN_ID": "101", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_ACTOR": "alice"]
        var variants: [String: [String: String]] = ["main": main, "again": main]
        variants["pr"] = main.merging(["GITHUB_REF": "refs/pull/5/merge"]) { $1 }
        variants["repository"] = main.merging(["GITHUB_REPOSITORY": "other/repo"]) { $1 }
        variants["commit"] = main.merging(["GITHUB_SHA": String(repeating: "c", count: 40)]) { $1 }
        variants["rerun"] = main.merging(["GITHUB_RUN_ID": "102"]) { $1 }
        variants["actor"] = main.merging(["GITHUB_ACTOR": "mallory"]) { $1 }
        // Outside CI (blank values count as absent, whatever the test runner's own environment holds).
        variants["local"] = ["GITHUB_SHA": "", "GITHUB_REPOSITORY": "", "GITLAB_CI": "", "CI_PROJECT_PATH": "", "CI_COMMIT_SHA": ""]
        var ids: [String: String] = [:]
        for (name, environment) in variants {
            _ = try workspace.report(out: name, environment: environment)
            ids[name] = try #require((try json(try workspace.read("\(name)/evidence.json"))["run"] as? [String: Any])?["id"] as? String)
        }
        #expect(ids["again"] == ids["main"], "the same run made twice")
        #expect(ids["actor"] == ids["main"], "who started a run does not make it another run")
        for name in ["pr", "repository", "commit", "rerun"] {
            #expect(ids[name] != ids["main"], "\(name) shares main's run id")
        }
        #expect(Set(ids.values).count == 6)
        // A run outside CI records no identity: its id is derived as before the identity was added (from the inputs,
        // the default pack's digest and the time, so a change to the pack's text changes it).
        #expect(ids["local"] == "98d4d77d09ecd6a0b1d7eaa7e6fee0db", "the id a run outside CI gets from these inputs and pack")
    }

    @Test func withoutSourceDateEpochWallClockTimesAndARandomRunIdAreRecorded() throws {
        let workspace = try EvidenceWorkspace()
        var ids: [String] = []
        for out in ["a", "b"] {
            _ = try workspace.run(["report", "manifests", "--out", out, "--now", "2026-11-29"])
            let run = try #require(try json(try workspace.read("\(out)/evidence.json"))["run"] as? [String: Any])
            #expect(run["reproducible"] as? Bool == false)
            #expect(run["sourceDateEpoch"] is NSNull)
            #expect(run["startedAt"] is String)
            #expect(run["evaluatedAt"] as? String == "2026-11-29T00:00:00Z")
            ids.append(try #require(run["id"] as? String))
        }
        #expect(ids[0] != ids[1])
    }

    @Test func bundlesChainThroughThePreviousEvidenceHash() throws {
        let workspace = try EvidenceWorkspace()
        _ = try workspace.report(out: "monday")
        let monday = try workspace.read("monday/evidence.json")
        _ = try workspace.report(out: "tuesday", extra: ["--previous", "monday/evidence.json"])
        let previous = try #require(try json(try workspace.read("tuesday/evidence.json"))["previous"] as? [String: Any])
        #expect(previous["sha256"] as? String == sha256(monday))
        #expect(previous["runId"] as? String == (try json(monday)["run"] as? [String: Any])?["id"] as? String)
        let linked = try workspace.run(["verify-report", "tuesday", "--previous", "monday/evidence.json"])
        #expect(linked.status == 3, "every hash matches, but the bundle is unsigned: \(linked.stdout)")
        #expect(linked.stdout.contains("ok      previous: chain link matches"))
        try workspace.tamper("monday/evidence.json")
        let broken = try workspace.run(["verify-report", "tuesday", "--previous", "monday/evidence.json"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("CHANGED previous"))
        let notEvidence = try workspace.run(["report", "manifests", "--out", "x", "--previous", "waivers.yaml"])
        #expect(notEvidence.status == 2)
        #expect(notEvidence.stderr.contains("waivers.yaml: error: not a policycheck evidence.json"))
    }

    @Test func evidenceJSONValidatesAgainstThePublishedSchema() throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        _ = try workspace.report(out: "monday")
        _ = try workspace.report(out: "bundle", extra: ["--sign-key", key.privateKey, "--previous", "monday/evidence.json"],
                                 environment: ["GITHUB_SHA": "0123abc", "GITHUB_REPOSITORY": "acme/infra", "GITHUB_RUN_ID": "77",
                                               "GITHUB_ACTOR": "alice", "GITHUB_REF": "refs/pull/42/merge"])
        let schema = PolicyCheckProcess.packageRoot.appendingPathComponent("docs/schemas/evidence.schema.json").path
        for bundle in ["monday", "bundle"] {
            let output = try python(["-c", """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1]))
                jsonschema.Draft202012Validator.check_schema(schema)
                errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
                print("\\n".join(f"{list(e.path)}: {e.message}" for e in errors) or "valid")
                """, schema, workspace.path("\(bundle)/evidence.json")])
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "valid", "\(output)")
        }
        let ci = try #require(try json(try workspace.read("bundle/evidence.json"))["ci"] as? [String: Any])
        #expect(ci["system"] as? String == "github")
        #expect(ci["runUrl"] as? String == "https://github.com/acme/infra/actions/runs/77")
        #expect(ci["pullRequest"] as? String == "42")
        #expect(ci["actor"] as? String == "alice")
    }

    @Test func pagesEscapeInputTextAndNeverCarryKeyBytes() throws {
        let workspace = try EvidenceWorkspace()
        _ = try workspace.report(out: "bundle")
        let pem = String(decoding: try workspace.read("manifests/committed.pem"), as: UTF8.self)
        let body = try #require(pem.split(separator: "\n").first { !$0.hasPrefix("-----") })
        for (name, data) in try workspace.bundle("bundle") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(body), "\(name) carries key bytes")
        }
        let html = String(decoding: try workspace.read("bundle/report.html"), as: UTF8.self)
        #expect(html.contains("x&lt;script&gt;alert(1)&lt;/script&gt;|`y`"))
        #expect(html.contains("Frankfurt pilot &lt;approved&gt; by the DPO"))
        #expect(html.contains("not an auditor&#39;s attestation"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        // Markdown shows resource names as code spans (literal text, pipes escaped for the table); prose is escaped.
        let markdown = String(decoding: try workspace.read("bundle/report.md"), as: UTF8.self)
        #expect(markdown.contains("`` x<script>alert(1)</script>\\|`y` ``"))
        #expect(markdown.split(separator: "\n").filter { $0.contains("<script>") }.allSatisfy { $0.contains("`` x<script>") })
        #expect(markdown.contains("Frankfurt pilot &lt;approved&gt; by the DPO"))
    }

    @Test func changedAndMissingInputsAreReportedByVerify() throws {
        let workspace = try EvidenceWorkspace()
        _ = try workspace.report(out: "bundle")
        try workspace.write("manifests/compliant.yaml", "# edited after the report")
        try FileManager.default.removeItem(atPath: workspace.path("manifests/notes.yaml"))
        let result = try workspace.run(["verify-report", "bundle"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("skipped signature: the bundle is unsigned"))
        #expect(result.stdout.contains("CHANGED input manifests/compliant.yaml"))
        #expect(result.stdout.contains("skipped input manifests/notes.yaml: not present"))
        #expect(result.stdout.contains("ALTERED: input manifests/compliant.yaml"))
    }

    @Test func unreadableBundlesAndUnusableKeysExitTwoAndWriteNothing() throws {
        let workspace = try EvidenceWorkspace()
        let notABundle = try workspace.run(["verify-report", "manifests"])
        #expect(notABundle.status == 2)
        #expect(notABundle.stderr.contains("cannot read evidence.json"))
        try workspace.openssl(["genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "weak.pem"])
        let weak = try workspace.report(out: "bundle", extra: ["--sign-key", "weak.pem"])
        #expect(weak.status == 2)
        #expect(weak.stderr.contains("weak.pem: error: cannot sign: weak key: RSA-2048 is below the 3072-bit minimum"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("bundle")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func rewritingABundleReplacesEveryFileAndDropsAStaleSignature() throws {
        let workspace = try EvidenceWorkspace()
        let key = try workspace.makeKey("ed25519")
        _ = try workspace.report(out: "bundle", extra: ["--sign-key", key.privateKey])
        #expect(FileManager.default.fileExists(atPath: workspace.path("bundle/evidence.json.sig")))
        _ = try workspace.report(out: "bundle")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("bundle/evidence.json.sig")))
        // Unsigned now, so not INTACT: exit 3 (UNSIGNED), not 1 (ALTERED) as a stale signature would give.
        #expect(try workspace.run(["verify-report", "bundle"]).status == 3)
    }

    private func sha256(_ data: Data) -> String { EvidenceWorkspace.sha256(data) }

    private func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(!text.contains("No module named"), "python3 with jsonschema is required (pip install jsonschema): \(text)")
        return text
    }
}

/// What a run read but did not check — a nested stack's template at an S3 URL — is in the evidence, not only in the
/// check report: the bundle's verdict may be "pass", and an auditor reading it sees what it did not cover.
@Suite struct EvidenceWarningTests {
    @Test func aTemplateNamedByURLIsListedInEveryPageOfTheBundle() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("stack.yaml", """
            Resources:
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://s3.amazonaws.com/bucket/child.yaml
            """)
        let result = try workspace.run(["report", "stack.yaml", "--out", "bundle"])
        #expect(result.status == 0, "\(result.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: try workspace.read("bundle/evidence.json")) as? [String: Any])
        let warnings = try #require(evidence["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect((warnings.first?["message"] as? String)?.contains("https://s3.amazonaws.com/bucket/child.yaml") == true)
        #expect((evidence["summary"] as? [String: Any])?["warnings"] as? Int == 1)
        for page in ["bundle/report.html", "bundle/report.md"] {
            let text = String(decoding: try workspace.read(page), as: UTF8.self)
            #expect(text.contains("Read but not checked (1)"), "\(page)")
            #expect(text.contains("child.yaml"), "\(page)")
        }
    }
}
