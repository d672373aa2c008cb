import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Inline ignores read by the CloudFormation and Kubernetes adapters (`Metadata.policycheck.ignore`,
/// `policycheck.io/ignore`), and `# policycheck:ignore` comments in their YAML: each covers one resource only.
@Suite struct AdapterInlineIgnoreTests {
    typealias H = SuppressionHarness

    /// `resource → justification` (or `-` when not suppressed) for the findings of a rule.
    private func suppressions(_ report: CheckReport, rule: String) -> [String: String] {
        var result: [String: String] = [:]
        for finding in report.findings where finding.ruleId == rule {
            result[finding.resource] = finding.suppression.map { "\($0.kind.rawValue): \($0.justification)" } ?? "-"
        }
        return result
    }

    @Test(arguments: ["cloudformation-metadata-ignores-one-bucket.yaml", "cloudformation-metadata-ignores-one-bucket.json",
                      "cloudformation-comment-ignores-one-bucket.yaml"])
    func cloudFormationIgnoreCoversItsOwnBucketOnly(fixture: String) throws {
        let report = H.run([fixture])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(suppressions(report, rule: "MMC-ENC-002") == [
            "Logs": "inline: access logs only; SSE-S3 accepted in SEC-7",
            "Data": "-",
        ])
        let logs = try #require(report.findings.first { $0.resource == "Logs" && $0.ruleId == "MMC-ENC-002" })
        let line = fixture.hasSuffix(".json") ? 6 : fixture.contains("comment") ? 5 : 8
        #expect(logs.suppression?.location?.hasSuffix("suppressions/\(fixture):\(line)") == true, "\(String(describing: logs.suppression))")
        // The other bucket still fails the run.
        #expect(report.exitCode == 1)
    }

    @Test(arguments: ["kubernetes-annotation-ignores-one-service.yaml", "kubernetes-comment-ignores-one-service.yaml"])
    func kubernetesIgnoreCoversItsOwnObjectOnly(fixture: String) {
        let report = H.run([fixture])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(suppressions(report, rule: "MMC-NET-011") == [
            "Service/prod/www": "inline: public marketing site, approved in SEC-9",
            "Service/prod/api": "-",
        ])
        #expect(report.exitCode == 1)
    }

    /// kubectl applies a later object of the same identity over an earlier one, annotations included: the earlier
    /// object's `policycheck.io/ignore` silenced the world-open Service deployed after it (docs/security.md, row 45).
    @Test func anAnnotationOnAnObjectALaterOneReplacesIgnoresNothing() throws {
        let report = H.run(["kubernetes-annotation-on-a-replaced-object-ignores-nothing.yaml"])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(suppressions(report, rule: "MMC-NET-001") == ["Service/default/web": "-"])
        #expect(report.exitCode == 1)
        let warning = try #require(report.warnings.first { $0.message.contains("is not honoured") })
        #expect(warning.location == SourceLocation(line: 8, column: 28))
        #expect(warning.message == "'metadata.annotations['policycheck.io/ignore']' is not honoured: a later object named Service/default/web replaces this one when kubectl applies the file, and its annotations with it")
    }

    @Test func cloudFormationMetadataWithoutAReasonIsALocatedError() throws {
        let report = H.run(["cloudformation-metadata-without-reason-is-an-error.yaml"])
        #expect(report.exitCode == 2)
        let error = try #require(report.errors.first)
        #expect(error.location == SourceLocation(line: 8, column: 13))
        #expect(error.message == "missing required field 'reason' in 'Resources.Logs.Metadata.policycheck.ignore[0]'")
    }

    @Test func kubernetesAnnotationWithoutAReasonIsALocatedError() throws {
        let report = H.run(["kubernetes-annotation-without-reason-is-an-error.yaml"])
        #expect(report.exitCode == 2)
        let error = try #require(report.errors.first)
        #expect(error.location == SourceLocation(line: 6, column: 28))
        #expect(error.message == "'metadata.annotations['policycheck.io/ignore']' has no reason after 'MMC-NET-011'; a reason is required")
    }

    @Test func annotationsNamingUnknownRulesAreErrorsOnEveryObjectAndSuppressNothing() {
        let report = H.run(["kubernetes-annotation-with-misspelt-rule-is-an-error.yaml"])
        #expect(report.errors.map { "\($0.location?.line ?? 0): \($0.message)" } == [
            "6: 'metadata.annotations['policycheck.io/ignore']' names unknown rule 'MMC-NET-01' (did you mean 'MMC-NET-001'?)",
            "16: 'metadata.annotations['policycheck.io/ignore']' names unknown rule 'MMC-ENC-01' (did you mean 'MMC-ENC-001'?)",
        ])
        #expect(report.findings.allSatisfy { $0.suppression == nil })
    }

    @Test(arguments: ["cloudformation-metadata-ignores-one-bucket.yaml", "cloudformation-comment-ignores-one-bucket.yaml",
                      "kubernetes-annotation-ignores-one-service.yaml", "kubernetes-comment-ignores-one-service.yaml"])
    func noInlineIgnoresShowsEverything(fixture: String) {
        let report = H.run([fixture], settings: SuppressionSettings(inlineIgnores: false))
        #expect(report.errors.isEmpty)
        #expect(!report.findings.isEmpty)
        #expect(report.findings.allSatisfy { $0.suppression == nil })
    }

    @Test(arguments: ["cloudformation-metadata-without-reason-is-an-error.yaml", "kubernetes-annotation-without-reason-is-an-error.yaml"])
    func noInlineIgnoresNeitherHonoursNorChecksMetadataAndAnnotations(fixture: String) {
        let report = H.run([fixture], settings: SuppressionSettings(inlineIgnores: false))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.exitCode == 1)
    }

    @Test func adaptersRecordTheComponentTheirFindingsUse() throws {
        var reader = InputReader()
        let cfn = reader.read(InputDiscovery.Input(path: Fixture.path("suppressions/cloudformation-metadata-ignores-one-bucket.yaml"),
                                                   displayPath: "t.yaml", isExplicit: true))
        let ignore = try #require(cfn.deployments.first?.inlineIgnores.first)
        #expect(ignore.component == "Logs")
        #expect(ignore.kind == .cloudFormationMetadata)
        #expect(ignore.origin.path == "Resources.Logs.Metadata.policycheck.ignore[0]")
        reader.options.readsInlineIgnores = false
        let off = reader.read(InputDiscovery.Input(path: Fixture.path("suppressions/kubernetes-annotation-ignores-one-service.yaml"),
                                                   displayPath: "k.yaml", isExplicit: true))
        #expect(off.deployments.first?.inlineIgnores.isEmpty == true)
    }
}
