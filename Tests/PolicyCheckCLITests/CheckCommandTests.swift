import Foundation
import Testing

/// End-to-end: `policycheck check` as a user runs it — exit codes, locations, formats, errors, the clock.
@Suite struct CheckCommandTests {
    typealias CLI = PolicyCheckProcess

    /// A MemoryDB cluster or an OpenSearch domain that leaves TLS / HTTPS to AWS, which documents no default for
    /// either, cannot be verified (it passed silently before); one that states it false fails.
    @Test func transitSettingsLeftToAnUndocumentedAWSDefaultCannotBeVerified() throws {
        let tree = try CLI.directory(with: ["stores.yaml": """
            Resources:
              Cache:
                Type: AWS::MemoryDB::Cluster
                Properties: {ClusterName: c, NodeType: db.t4g.small, ACLName: a}
              Search:
                Type: AWS::OpenSearchService::Domain
                Properties:
                  EncryptionAtRestOptions: {Enabled: true}
                  NodeToNodeEncryptionOptions: {Enabled: true}
                  VPCOptions: {SubnetIds: [subnet-0123456789abcdef0]}
            """])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "stores.yaml", "--fail-on", "none"], in: tree)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("MMC-ENC-003") }
        #expect(lines.count == 2 && lines.allSatisfy { $0.contains(" info MMC-ENC-003 ") && $0.contains("AWS documents no default") },
                "\(result.stdout)")
    }

    /// A Classic Load Balancer listener given an old and a current SSL negotiation policy fails on the old one (the
    /// port keeps one of them, and the template does not say which); before, the last listed passed it.
    @Test func aClassicListenerWithTwoPoliciesFailsOnTheOldOne() throws {
        let tree = try CLI.directory(with: ["elb.yaml": """
            Resources:
              Both:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners: [{LoadBalancerPort: 443, InstancePort: 80, Protocol: HTTPS, PolicyNames: [old, current]}]
                  Policies:
                    - PolicyName: old
                      PolicyType: SSLNegotiationPolicyType
                      Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-2016-08}]
                    - PolicyName: current
                      PolicyType: SSLNegotiationPolicyType
                      Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01}]
            """])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "elb.yaml"], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("elb.yaml:9:65 high MMC-ENC-004 the listener uses the security policy 'ELBSecurityPolicy-2016-08'"),
                "\(result.stdout)")
    }

    @Test func compliantSampleExitsZero() throws {
        let result = try CLI.run(["check", "samples/dedicated-compliant.yaml", "samples/shared-compliant.yaml", "--now", "2026-11-29"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS"))
        #expect(result.stdout.contains("2 files checked"))
    }

    @Test func samplesDirectoryReportsEveryRuleFamilyAndExitsOne() throws {
        let result = try CLI.run(["check", "samples/", "--now", "2026-11-29", "--format", "json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let categories = Set(findings.compactMap { $0["category"] as? String })
        #expect(categories.isSuperset(of: ["offering", "residency", "encryption", "byok", "network", "availability", "change-management"]))
    }

    @Test func findingLinesNameFileLineColumnSeverityAndRule() throws {
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml"), "--now", "2026-11-29"])
        #expect(result.status == 1)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("MMC-RES-001") })
        #expect(line.contains("high-only.yaml:6:11 high MMC-RES-001"))
        #expect(line.contains("eu-central-1"))
    }

    @Test(arguments: [("critical", Int32(0)), ("high", 1), ("low", 1), ("none", 0)])
    func failOnThresholdDecidesTheExitCode(threshold: String, expected: Int32) throws {
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml"), "--fail-on", threshold, "--now", "2026-11-29"])
        #expect(result.status == expected)
    }

    @Test func jsonReportHasTheDocumentedShape() throws {
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml"), "--format", "json", "--now", "2026-11-29T00:00:00Z"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let tool = try #require(json["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "policycheck")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["evaluatedAt"] as? String == "2026-11-29T00:00:00Z")
        #expect(summary["exitCode"] as? Int == 1)
        #expect(summary["failOn"] as? String == "low")
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        for key in ["ruleId", "title", "category", "severity", "resource", "file", "line", "column", "path", "message",
                    "remediation", "controls"] {
            #expect(finding[key] != nil, "missing \(key)")
        }
        #expect(finding["resource"] as? String == "fixture-high")
        #expect(finding["path"] as? String == "spec.region")
        #expect((json["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func malformedFileIsAnErrorButOtherFilesAreStillReported() throws {
        let result = try CLI.run(["check", CLI.fixture("malformed.yaml"), CLI.fixture("high-only.yaml"), "--format", "json",
                                  "--now", "2026-11-29"])
        #expect(result.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect((errors.first?["file"] as? String)?.hasSuffix("malformed.yaml") == true)
        #expect((errors.first?["line"] as? Int ?? 0) >= 3)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["ruleId"] as? String == "MMC-RES-001" })
    }

    /// A CloudFormation macro policycheck cannot expand in the `Transform` section fails the run as an input that
    /// cannot be checked (exit 2), one line at its name; other inputs are still checked and reported.
    @Test func aTemplateWhoseTransformSectionRunsAMacroCannotBeCheckedAndOtherInputsStillAre() throws {
        let directory = try CLI.directory(with: [
            "macro.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: [AcmeStripEncryption]\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
        ])
        let result = try CLI.run(["check", directory.appendingPathComponent("macro.yaml").path, CLI.fixture("high-only.yaml"),
                                  "--now", "2026-11-29"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("macro.yaml:2:13: error: Transform: the macro 'AcmeStripEncryption' processes the whole template"))
        #expect(result.stdout.contains("MMC-RES-001"), "\(result.stdout)")
    }

    @Test func inputErrorsAreOneLineWithLocationAndSuggestion() throws {
        let result = try CLI.run(["check", CLI.fixture("unknown-field.yaml")])
        #expect(result.status == 2)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("regoin") })
        #expect(line.contains("unknown-field.yaml:6:3: error: unknown field 'regoin'"))
        #expect(line.contains("did you mean 'region'?"))
        // The misspelt field leaves the required one missing: both are reported, each on its own line.
        #expect(result.stdout.contains("unknown-field.yaml:5:3: error: missing required field 'region' in 'spec'"))
    }

    @Test func standardInputIsReadWithDash() throws {
        let manifest = try String(contentsOfFile: CLI.fixture("high-only.yaml"), encoding: .utf8)
        let result = try CLI.run(["check", "-", "--now", "2026-11-29"], stdin: manifest)
        #expect(result.status == 1)
        #expect(result.stdout.contains("-:6:11 high MMC-RES-001"))
    }

    @Test func theClockComesFromNowThenSourceDateEpoch() throws {
        let path = CLI.fixture("expiring-material.yaml")
        // validTo 2026-12-15: expiring (low) on 2026-11-29, expired (high) on 2027-01-01, fine on 2026-06-01.
        let expiring = try CLI.run(["check", path, "--now", "2026-11-29"])
        #expect(expiring.stdout.contains("MMC-KEY-007"))
        #expect(!expiring.stdout.contains("MMC-KEY-006"))
        let expired = try CLI.run(["check", path, "--now", "2027-01-01T00:00:00Z"])
        #expect(expired.stdout.contains("MMC-KEY-006"))
        // A SOURCE_DATE_EPOCH later than the clock is the evaluation time (2100-01-01: expired).
        let epoch = try CLI.run(["check", path], environment: ["SOURCE_DATE_EPOCH": "4102444800"])
        #expect(epoch.stdout.contains("MMC-KEY-006"), "\(epoch.stdout)")
        let override = try CLI.run(["check", path, "--now", "2026-11-29"], environment: ["SOURCE_DATE_EPOCH": "4102444800"])
        #expect(!override.stdout.contains("MMC-KEY-006"))
        #expect(override.stdout.contains("MMC-KEY-007"))
    }

    /// `SOURCE_DATE_EPOCH` is usually the last commit's time, which its author sets: an earlier one fixes the times
    /// a report writes but never makes expired key material valid again (2026-05-01 comes before the clock of any
    /// run of this test, and the material expired on 2026-06-01, between the two).
    @Test func anEarlierSourceDateEpochDoesNotBringExpiredMaterialBack() throws {
        let workspace = try EvidenceWorkspace()
        let text = try String(contentsOfFile: CLI.fixture("expiring-material.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "validTo: \"2026-12-15\"", with: "validTo: \"2026-06-01\"")
        try workspace.write("expired-material.yaml", text)
        let backdated = try workspace.run(["check", "expired-material.yaml"], environment: ["SOURCE_DATE_EPOCH": "1777593600"])
        #expect(backdated.status == 1)
        #expect(backdated.stdout.contains("MMC-KEY-006"))
        #expect(backdated.stdout.contains("expired on 2026-06-01 (after the evaluation time SOURCE_DATE_EPOCH gives, 2026-05-01, but before the clock's)"))
        #expect(!backdated.stdout.contains("MMC-KEY-007"), "expired material is not also 'expiring'")
        // `--now` is the operator's own fixed time, taken as given.
        let fixed = try workspace.run(["check", "expired-material.yaml", "--now", "2026-05-01"])
        #expect(!fixed.stdout.contains("MMC-KEY-006"))
    }

    /// Nor does an earlier SOURCE_DATE_EPOCH hide material expiring soon by the clock: the 30-day window is counted
    /// from the clock then (tester round 32: material expiring in 7 days passed under a date 60 days back).
    @Test func anEarlierSourceDateEpochDoesNotHideMaterialExpiringSoon() throws {
        let workspace = try EvidenceWorkspace()
        let day: TimeInterval = 86_400
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        let validTo = format.string(from: Date().addingTimeInterval(10 * day))
        let text = try String(contentsOfFile: CLI.fixture("expiring-material.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "validTo: \"2026-12-15\"", with: "validTo: \"\(validTo)\"")
        try workspace.write("soon.yaml", text)
        let backdated = String(Int(Date().addingTimeInterval(-60 * day).timeIntervalSince1970))
        let result = try workspace.run(["check", "soon.yaml"], environment: ["SOURCE_DATE_EPOCH": backdated])
        #expect(result.stdout.contains("MMC-KEY-007"), "\(result.stdout)")
        #expect(result.stdout.contains("expires on \(validTo), in 10 days (within 30)") || result.stdout.contains("in 9 days"),
                "\(result.stdout)")
    }

    @Test func invalidClockValuesAreUsageErrors() throws {
        #expect(try CLI.run(["check", CLI.fixture("compliant.yaml"), "--now", "yesterday"]).status == 2)
        #expect(try CLI.run(["check", CLI.fixture("compliant.yaml")], environment: ["SOURCE_DATE_EPOCH": "soon"]).status == 2)
        // The year 10000 is no time a report can write (tester round 31); the last second of 9999 is.
        let tooLate = try CLI.run(["check", CLI.fixture("compliant.yaml")], environment: ["SOURCE_DATE_EPOCH": "253402300800"])
        #expect(tooLate.status == 2)
        #expect(tooLate.stderr.contains("after 9999-12-31T23:59:59Z"), "\(tooLate.stderr)")
        #expect(try CLI.run(["check", CLI.fixture("compliant.yaml")], environment: ["SOURCE_DATE_EPOCH": "253402300799"]).status == 0)
    }

    @Test func outputFileReceivesTheReportAndTheConsoleTheSummary() throws {
        let directory = try CLI.temporaryDirectory()
        let output = directory.appendingPathComponent("report.json").path
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml"), "--format", "json", "--output", output, "--now", "2026-11-29"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("FAIL"))
        let data = try #require(FileManager.default.contents(atPath: output))
        #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["report.json"])
    }

    @Test func unwritableOutputIsAnError() throws {
        let result = try CLI.run(["check", CLI.fixture("compliant.yaml"), "--output", "/nonexistent-dir/report.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write"))
    }

    @Test func directoriesSkipNonManifestsAndCountThem() throws {
        let result = try CLI.run(["check", CLI.fixture("mixed-dir"), "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["filesChecked"] as? Int == 1)
        #expect(summary["filesSkipped"] as? Int == 2)
    }

    @Test func anExplicitNonManifestIsAnError() throws {
        let result = try CLI.run(["check", CLI.fixture("mixed-dir/other.yaml")])
        #expect(result.status == 2)
        #expect(result.stdout.contains("other.yaml:1:1: error:"))
        #expect(result.stdout.contains("is not a manifest policycheck reads"))
    }

    @Test func noManifestAtAllIsAnError() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["check", directory.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("no inputs found to check: policycheck reads YAML, JSON and .template files, Terraform modules (.tf, .tofu)"))
    }

    @Test func missingPathIsAnError() throws {
        let result = try CLI.run(["check", "does-not-exist.yaml"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("does-not-exist.yaml:1:1: error: no such file or directory"))
    }

    @Test func invalidPolicyPackIsAnErrorWithLocation() throws {
        let result = try CLI.run(["check", CLI.fixture("compliant.yaml"), "--policy", CLI.fixture("invalid-policy.yaml")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("invalid-policy.yaml:8:15: error: 'rules[0].severity' must be one of"))
        #expect(result.stderr.contains("did you mean 'network.world-open'?"))
    }

    @Test func outputIsDeterministicAndUncolouredOffATerminal() throws {
        let arguments = ["check", "samples/", "--now", "2026-11-29", "--jobs", "2"]
        let first = try CLI.run(arguments)
        let second = try CLI.run(arguments + ["--jobs", "1"])
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.contains("\u{1B}["))
    }
}
