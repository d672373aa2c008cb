import Foundation
import Testing

/// End-to-end: `check --waivers`, `--write-baseline`/`--baseline` and `--no-inline-ignores`.
@Suite struct SuppressionCommandTests {
    @Test func waivedFindingIsMarkedAndTheRunPassesWhileStaleWaiversWarn() throws {
        let workspace = try EvidenceWorkspace()
        let result = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "waivers.yaml", "--now", "2026-11-29"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("(waived: Frankfurt pilot <approved> by the DPO — waivers.yaml:4)"))
        #expect(result.stdout.contains("1 suppressed"))
        #expect(result.stderr.contains("waivers.yaml:12:5: warning: stale waiver (rule 'MMC-NET-*', resource 'legacy-*') matched no finding"))
        let expired = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "waivers.yaml", "--now", "2027-06-01"])
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("(waiver waivers.yaml:4 expired on 2027-05-31)"))
    }

    /// A backdated commit gives an earlier SOURCE_DATE_EPOCH: the waiver that expired since (2026-06-30, before the
    /// clock of any run of this test) does not waive again, though it was in force at 2026-06-15.
    @Test func anEarlierSourceDateEpochDoesNotBringAnExpiredWaiverBack() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("old-waivers.yaml", """
            apiVersion: policycheck/v1
            kind: Waivers
            waivers:
              - {rule: MMC-RES-001, resource: fixture-high, reason: pilot, requestedBy: alice, approvedBy: bob, approvedOn: 2026-06-01, expires: 2026-06-30}
            """)
        let backdated = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "old-waivers.yaml"],
                                          environment: ["SOURCE_DATE_EPOCH": "1781481600"])  // 2026-06-15
        #expect(backdated.status == 1, "\(backdated.stdout)\(backdated.stderr)")
        #expect(backdated.stdout.contains("(waiver old-waivers.yaml:4 expired on 2026-06-30)"))
        #expect(backdated.stderr.contains("expired on 2026-06-30; 1 finding is no longer waived"))
        let json = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "old-waivers.yaml", "--format", "json"],
                                     environment: ["SOURCE_DATE_EPOCH": "1781481600"])
        #expect(json.stdout.contains("\"evaluatedAt\" : \"2026-06-15T00:00:00Z\"") || json.stdout.contains("\"evaluatedAt\": \"2026-06-15T00:00:00Z\""),
                "the report still gives SOURCE_DATE_EPOCH's time")
        // The operator's `--now` is taken as given: the waiver is in force then.
        let fixed = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "old-waivers.yaml", "--now", "2026-06-15"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
    }

    /// A future-dated commit gives a later SOURCE_DATE_EPOCH (2100-01-01): a waiver approved for 2099-12-01, after
    /// the clock of any run of this test, is not in force for it, though the evaluation time is after its approval
    /// (tester round 32: such a waiver passed a critical finding, and stayed usable for a year past its approval).
    @Test func aLaterSourceDateEpochDoesNotPutAWaiverInForceBeforeItsApproval() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("future-waivers.yaml", """
            apiVersion: policycheck/v1
            kind: Waivers
            waivers:
              - {rule: MMC-RES-001, resource: fixture-high, reason: pilot, requestedBy: alice, approvedBy: bob, approvedOn: 2099-12-01, expires: 2100-06-01}
            """)
        let future = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "future-waivers.yaml"],
                                       environment: ["SOURCE_DATE_EPOCH": "4102444800"])
        #expect(future.status == 2, "\(future.stdout)\(future.stderr)")
        #expect(future.stderr.contains("future-waivers.yaml:4:"), "\(future.stderr)")
        #expect(future.stderr.contains("(2099-12-01) is after the clock's time"), "\(future.stderr)")
        #expect(future.stderr.contains("a later SOURCE_DATE_EPOCH (2100-01-01T00:00:00Z) does not put a waiver in force"),
                "\(future.stderr)")
        // The operator's `--now` is taken as given: the waiver is in force then.
        let fixed = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "future-waivers.yaml",
                                       "--now", "2100-01-01"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
    }

    @Test func invalidWaiverFileExitsTwoWithLocatedErrors() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("bad.yaml", """
            apiVersion: policycheck/v1
            kind: Waivers
            waivers:
              - {rule: MMC-RES-001, resource: x, reason: r, requestedBy: alice, approvedBy: alice, approvedOn: 2026-01-01, expires: 2028-01-01}
            """)
        let result = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "bad.yaml", "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bad.yaml:4:"))
        #expect(result.stderr.contains("must be someone other than the requester"))
        #expect(result.stderr.contains("more than a year after 'approvedOn'"))
        let missing = try workspace.run(["check", "manifests/high-only.yaml", "--waivers", "nope.yaml"])
        #expect(missing.status == 2)
    }

    @Test func baselineRecordsTodaysFindingsAndFailsOnlyOnNewOnes() throws {
        let workspace = try EvidenceWorkspace()
        let write = try workspace.run(["check", "manifests/high-only.yaml", "--write-baseline", "baseline.json", "--now", "2026-11-29"])
        #expect(write.status == 1, "\(write.stdout)\(write.stderr)")
        let first = try workspace.read("baseline.json")
        // Rewriting gives the same bytes (and replaces the existing file in place).
        _ = try workspace.run(["check", "manifests/high-only.yaml", "--write-baseline", "baseline.json", "--now", "2026-11-29"])
        #expect(try workspace.read("baseline.json") == first)
        let known = try workspace.run(["check", "manifests/high-only.yaml", "--baseline", "baseline.json", "--format", "json", "--now", "2026-11-29"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("\"kind\": \"baseline\""))
        let withNew = try workspace.run(["check", "manifests/high-only.yaml", "manifests/hostile.yaml", "--baseline", "baseline.json",
                                         "--now", "2026-11-29"])
        #expect(withNew.status == 1)
        #expect(withNew.stdout.contains("(in baseline — baseline.json)"))
        try workspace.write("broken.json", "{\"schemaVersion\": 1")
        #expect(try workspace.run(["check", "manifests/high-only.yaml", "--baseline", "broken.json"]).status == 2)
    }

    /// A module that two root modules call: each call is a deployment, and a baseline recorded for one must not
    /// cover the same module lines reached through the other (a pull request adding `app2` gets `app2`'s findings).
    @Test func aBaselineForOneRootModuleDoesNotCoverAnotherCallingTheSameModule() throws {
        let workspace = try EvidenceWorkspace()
        for folder in ["tree/shared", "tree/app1", "tree/app2"] {
            try FileManager.default.createDirectory(atPath: workspace.path(folder), withIntermediateDirectories: true)
        }
        try workspace.write("tree/shared/main.tf", """
            variable "encrypted" {
              type = bool
            }

            resource "aws_s3_bucket" "data" {
              bucket = "data"
            }
            """)
        let root = """
            provider "aws" {
              region = "us-east-1"
            }

            module "store" {
              source    = "../shared"
              encrypted = true
            }
            """
        try workspace.write("tree/app1/main.tf", root)
        let write = try workspace.run(["check", "tree", "--write-baseline", "baseline.json", "--format", "json"])
        #expect(write.status == 1, "\(write.stderr)")
        #expect(write.stdout.contains("\"deployment\": \"tree/app1\""))
        let recorded = String(decoding: try workspace.read("baseline.json"), as: UTF8.self)
        #expect(recorded.contains("\"fingerprintVersion\": 4") && recorded.contains("\"deployment\": \"tree/app1\""))
        #expect(try workspace.run(["check", "tree", "--baseline", "baseline.json"]).status == 0)
        try workspace.write("tree/app2/main.tf", root)
        let added = try workspace.run(["check", "tree", "--baseline", "baseline.json", "--format", "json"])
        #expect(added.status == 1, "app2's findings in the shared module are new")
        let report = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        let findings = try #require(report?["findings"] as? [[String: Any]])
        let open = findings.filter { $0["status"] as? String == "open" }
        #expect(!open.isEmpty && open.allSatisfy { $0["deployment"] as? String == "tree/app2" })
        #expect(findings.filter { $0["deployment"] as? String == "tree/app1" }.allSatisfy { $0["status"] as? String != "open" })
        let text = try workspace.run(["check", "tree"])
        #expect(text.stdout.contains("[module.store.aws_s3_bucket.data via tree/app2]"))
        // A root module in a parent folder of the shared module is inside both folders: still its own deployment.
        try workspace.write("tree/main.tf", root.replacingOccurrences(of: "../shared", with: "./shared"))
        let parent = try workspace.run(["check", "tree", "--baseline", "baseline.json", "--format", "json"])
        let parentReport = try JSONSerialization.jsonObject(with: Data(parent.stdout.utf8)) as? [String: Any]
        let parentFindings = try #require(parentReport?["findings"] as? [[String: Any]])
        #expect(parentFindings.contains { $0["deployment"] as? String == "tree" && $0["status"] as? String == "open" },
                "\(parent.stdout.prefix(2000))")
        // However the input is spelt, it is the same deployment.
        #expect(try workspace.run(["check", "tree/app1/.", "--baseline", "baseline.json"]).status == 0)
        try workspace.write("old.json", #"{"schemaVersion": 1, "fingerprintVersion": 2, "findings": []}"#)
        let old = try workspace.run(["check", "tree", "--baseline", "old.json"])
        #expect(old.stderr.contains("old.json: warning: baseline fingerprints are version 2"))
    }

    @Test func inlineIgnoresApplyUnlessTurnedOff() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.writeInlineIgnoredManifest()
        let honoured = try workspace.run(["check", "manifests/ignored.yaml", "--now", "2026-11-29"])
        #expect(honoured.status == 0, "\(honoured.stdout)")
        #expect(honoured.stdout.contains("(ignored inline: pilot approved in SEC-42 — manifests/ignored.yaml:6)"))
        let everything = try workspace.run(["check", "manifests/ignored.yaml", "--no-inline-ignores", "--now", "2026-11-29"])
        #expect(everything.status == 1)
        #expect(!everything.stdout.contains("ignored inline"))
    }

    /// A warning is said once on each stream a person reads: in the text (GitHub, Markdown) report on stdout and not
    /// again on stderr; with JSON or SARIF on stdout — for a program — in the document once and on stderr once; with
    /// every report in a file, on stderr with the summary (docs/output.md, "Warnings").
    @Test func aWarningIsSaidOncePerStream() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("manifests/fixed.yaml", """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: pilot}
            spec:
              offering: shared
              region: us-east-1 # policycheck:ignore MMC-RES-001 pilot approved in SEC-42
            """)
        let line = "manifests/fixed.yaml:6:21: warning: stale inline ignore (MMC-RES-001) matched no finding; remove it"
        func count(_ text: String) -> Int { text.components(separatedBy: "stale inline ignore").count - 1 }
        let base = ["check", "manifests/fixed.yaml", "--now", "2026-11-29"]
        for format in ["text", "github", "markdown"] {
            let run = try workspace.run(base + ["--format", format])
            #expect(run.status == 0 && count(run.stdout) == 1 && count(run.stderr) == 0, "\(format): \(run.stdout)\(run.stderr)")
        }
        let json = try workspace.run(base + ["--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((report?["warnings"] as? [Any])?.count == 1 && count(json.stdout) == 1, "\(json.stdout)")
        #expect(json.stderr == line + "\n", "\(json.stderr)")
        let sarif = try workspace.run(base + ["--format", "sarif"])
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let invocation = ((log?["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first
        let notifications = invocation?["toolExecutionNotifications"] as? [[String: Any]] ?? []
        #expect(notifications.filter { $0["level"] as? String == "warning" }.count == 1, "\(notifications)")
        #expect(sarif.stderr == line + "\n", "\(sarif.stderr)")
        let filed = try workspace.run(base + ["--format", "text=report.txt"])
        #expect(filed.stdout.isEmpty && count(filed.stderr) == 1 && filed.stderr.hasPrefix(line + "\n"), "\(filed.stderr)")
        #expect(count(String(decoding: try workspace.read("report.txt"), as: UTF8.self)) == 1)
    }

    /// Once the region is fixed the ignore covers nothing: `check` says so in the report and still exits 0.
    @Test func staleInlineIgnoresAreWarnedAbout() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("manifests/fixed.yaml", """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: pilot}
            spec:
              offering: shared
              region: us-east-1 # policycheck:ignore MMC-RES-001 pilot approved in SEC-42
            """)
        let fixed = try workspace.run(["check", "manifests/fixed.yaml", "--now", "2026-11-29"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("manifests/fixed.yaml:6:21: warning: stale inline ignore (MMC-RES-001) matched no finding; remove it"),
                "\(fixed.stdout)")
        try workspace.writeInlineIgnoredManifest()
        let used = try workspace.run(["check", "manifests/ignored.yaml", "--now", "2026-11-29"])
        #expect(used.status == 0 && !used.stderr.contains("stale") && !used.stdout.contains("stale"), "\(used.stdout)\(used.stderr)")
    }

    @Test func cloudFormationMetadataAndKubernetesAnnotationsSuppressTheirResource() throws {
        let workspace = try EvidenceWorkspace()
        try workspace.write("stack.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Metadata:
                  policycheck:
                    ignore: ["MMC-ENC-002 access logs only, SEC-7"]
                Properties:
                  BucketName: acme-logs
                  VersioningConfiguration: {Status: Enabled}
                  LoggingConfiguration: {DestinationBucketName: acme-audit-logs}
              LogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Logs
                  PolicyDocument:
                    Statement:
                      - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "false"}}}
            """)
        try workspace.write("service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: www
              annotations: {policycheck.io/ignore: "MMC-NET-011 public marketing site, SEC-9"}
            spec:
              type: LoadBalancer
              ports: [{port: 443}]
            """)
        for (file, rule, mark) in [("stack.yaml", "MMC-ENC-002", "(ignored inline: access logs only, SEC-7 — stack.yaml:7)"),
                                   ("service.yaml", "MMC-NET-011", "(ignored inline: public marketing site, SEC-9 — service.yaml:5)")] {
            let honoured = try workspace.run(["check", file, "--now", "2026-11-29"])
            #expect(honoured.status == 0, "\(honoured.stdout)\(honoured.stderr)")
            #expect(honoured.stdout.contains(rule) && honoured.stdout.contains(mark), "\(honoured.stdout)")
            #expect(honoured.stdout.contains("1 suppressed"))
            let everything = try workspace.run(["check", file, "--no-inline-ignores", "--now", "2026-11-29"])
            #expect(everything.status == 1)
            #expect(!everything.stdout.contains("ignored inline"))
        }
        try workspace.write("unjustified.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: www
              annotations: {policycheck.io/ignore: MMC-NET-011}
            spec: {type: LoadBalancer}
            """)
        let unjustified = try workspace.run(["check", "unjustified.yaml", "--now", "2026-11-29"])
        #expect(unjustified.status == 2)
        #expect(unjustified.stdout.contains("unjustified.yaml:5:40: error: 'metadata.annotations['policycheck.io/ignore']' has no reason"),
                "\(unjustified.stdout)")
    }

    @Test func waiverFilesInACheckedDirectoryAreSkippedNotMistakenForManifests() throws {
        let workspace = try EvidenceWorkspace()
        try FileManager.default.copyItem(atPath: workspace.path("waivers.yaml"), toPath: workspace.path("manifests/waivers.yaml"))
        let result = try workspace.run(["check", "manifests", "--format", "json", "--now", "2026-11-29"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"file\": \"manifests/waivers.yaml\""))
        #expect(!result.stdout.contains("manifests/waivers.yaml:"))
    }
}
