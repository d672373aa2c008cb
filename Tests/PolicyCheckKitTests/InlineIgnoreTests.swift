import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Inline suppressions: `# policycheck:ignore` comments, adapter-filled `Deployment.inlineIgnores`, and turning
/// them off.
@Suite struct InlineIgnoreTests {
    typealias H = SuppressionHarness

    private func regionFinding(_ report: CheckReport) throws -> Finding {
        try #require(report.findings.first { $0.ruleId == "MMC-RES-001" })
    }

    @Test func commentOnTheLineAboveSuppressesTheFinding() throws {
        let report = H.run(["region-ignored-by-comment-above.yaml"])
        let finding = try regionFinding(report)
        #expect(finding.line == 7)
        #expect(finding.suppression?.kind == .inline)
        #expect(finding.suppression?.justification == "Frankfurt pilot, DPO approval in SEC-42")
        #expect(finding.suppression?.location?.hasSuffix("region-ignored-by-comment-above.yaml:6") == true)
        #expect(report.exitCode == 0)
    }

    @Test func commentOnTheSameLineWithARuleListSuppressesTheFinding() throws {
        let report = H.run(["region-ignored-by-comment-on-line.yaml"])
        #expect(try regionFinding(report).suppression?.justification == "Frankfurt pilot")
        #expect(report.errors.isEmpty)
    }

    @Test func trailingCommentOnThePreviousLineDoesNotCoverTheNextLine() throws {
        let report = H.run(["region-not-ignored-by-trailing-comment-above.yaml"])
        #expect(try regionFinding(report).suppression == nil)
        #expect(report.exitCode == 1)
    }

    @Test func commentWithoutAReasonIsALocatedErrorAndSuppressesNothing() throws {
        let report = H.run(["ignore-without-reason-is-an-error.yaml"])
        #expect(report.exitCode == 2)
        let error = try #require(report.errors.first)
        #expect(error.location == SourceLocation(line: 6, column: 3))
        #expect(error.message.contains("has no reason after 'MMC-RES-001'; a reason is required"))
        #expect(try regionFinding(report).suppression == nil)
    }

    @Test func commentNamingAnUnknownRuleIsAnErrorWithASuggestion() {
        let report = H.run(["ignore-with-misspelt-rule-is-an-error.yaml"])
        #expect(report.errors.first?.message.contains("unknown rule 'MMC-RES-01' (did you mean 'MMC-RES-001'?)") == true)
    }

    @Test func noInlineIgnoresShowsEverythingAndSkipsCommentChecks() throws {
        let off = SuppressionSettings(inlineIgnores: false)
        #expect(try regionFinding(H.run(["region-ignored-by-comment-above.yaml"], settings: off)).suppression == nil)
        #expect(H.run(["ignore-without-reason-is-an-error.yaml"], settings: off).errors.isEmpty)
    }

    @Test func waiverTakesPrecedenceOverAnInlineIgnore() throws {
        let report = H.run(["region-ignored-by-comment-above.yaml"], settings: SuppressionSettings(waivers: try H.waivers([H.entry()])))
        #expect(try regionFinding(report).suppression?.kind == .waiver)
    }

    @Test(arguments: [
        ("MMC-RES-001 pilot", [["MMC-RES-001"]], ["pilot"]),
        ("MMC-RES-001,MMC-OFF-001 pilot; MMC-ENC-001 legacy store", [["MMC-RES-001", "MMC-OFF-001"], ["MMC-ENC-001"]], ["pilot", "legacy store"]),
        ("MMC-RES-001, MMC-OFF-001   two rules ", [["MMC-RES-001", "MMC-OFF-001"]], ["two rules"]),
    ])
    func kubernetesAnnotationValuesParse(value: String, rules: [[String]], reasons: [String]) throws {
        let items = try InlineIgnoreParser.annotationValue(value).get()
        #expect(items.map(\.0) == rules)
        #expect(items.map(\.1) == reasons)
    }

    @Test(arguments: ["MMC-RES-001", "", " ; ", "MMC-RES-001 ok; MMC-OFF-001"])
    func annotationWithoutAReasonIsRejected(value: String) {
        #expect(throws: InlineIgnoreParser.Problem.self) { try InlineIgnoreParser.annotationValue(value).get() }
    }

    @Test func cloudFormationMetadataAcceptsMappingsAndStrings() throws {
        let yaml = """
            Metadata:
              policycheck:
                ignore:
                  - {rule: MMC-ENC-001, reason: legacy bucket being migrated}
                  - MMC-RES-001 replica for DR
                  - {rules: [MMC-OFF-001, MMC-ENC-002], reason: both}
                  - {rule: MMC-ENC-001}
            """
        let source = SourceFile(path: "template.yaml", bytes: Array(yaml.utf8))
        let root = try #require(try YAMLReader().read(source.bytes).first)
        let reader = NodeReader(source: source)
        let node = try #require(root["Metadata"])
        let metadata = try #require(reader.object(node, path: "Resources.Bucket.Metadata"))
        let ignores = InlineIgnoreParser.cloudFormationMetadata(metadata, component: "Bucket", reader: reader)
        #expect(ignores.map(\.rules) == [["MMC-ENC-001"], ["MMC-RES-001"], ["MMC-OFF-001", "MMC-ENC-002"]])
        #expect(ignores.map(\.reason) == ["legacy bucket being migrated", "replica for DR", "both"])
        #expect(ignores.allSatisfy { $0.kind == .cloudFormationMetadata && $0.component == "Bucket" })
        #expect(reader.diagnostics.map(\.message) == ["missing required field 'reason' in 'Resources.Bucket.Metadata.policycheck.ignore[3]'"])
    }

    @Test func adapterFilledIgnoresSuppressTheComponentsFindings() throws {
        var result = Fixture.check("native/residency/allowed-regions/fail-component.yaml")
        var deployment = try #require(result.deployments.first)
        let finding = try #require(result.findings.first { $0.ruleId == "MMC-RES-001" })
        let component = finding.resource == deployment.name ? "" : String(finding.resource.dropFirst(deployment.name.count + 1))
        deployment.inlineIgnores = [InlineIgnore(component: component, rules: ["MMC-RES-001"], reason: "annotated",
                                                 origin: deployment.origin, kind: .kubernetesAnnotation)]
        var evaluations = [Evaluation(findings: result.findings, outcomes: result.outcomes)]
        let problems = InlineSuppressor(ruleIds: H.ruleIds).apply(to: &evaluations, deployments: [deployment])
        #expect(problems.errors.isEmpty && problems.stale.isEmpty)
        result.findings = evaluations[0].findings
        #expect(result.findings.first { $0.ruleId == "MMC-RES-001" }?.suppression?.justification == "annotated")
        #expect(result.findings.filter { $0.ruleId != "MMC-RES-001" }.allSatisfy { $0.suppression == nil })
    }

    /// An ignore that covers no finding (the problem was fixed, or the line moved) is reported as a stale warning
    /// at its place, as stale waivers are; it changes neither the findings nor the exit code.
    @Test func ignoresThatCoverNoFindingAreStaleWarnings() throws {
        let result = Fixture.check("native/residency/allowed-regions/fail-component.yaml")
        var deployment = try #require(result.deployments.first)
        deployment.inlineIgnores = [InlineIgnore(component: "", rules: ["MMC-NET-009"], reason: "no longer needed",
                                                 origin: deployment.origin, kind: .kubernetesAnnotation)]
        var evaluations = [Evaluation(findings: result.findings, outcomes: result.outcomes)]
        let problems = InlineSuppressor(ruleIds: H.ruleIds).apply(to: &evaluations, deployments: [deployment])
        #expect(problems.errors.isEmpty)
        #expect(problems.stale.map(\.message) == ["stale inline ignore (MMC-NET-009) matched no finding; remove it"])
        #expect(problems.stale.allSatisfy { !$0.isError })
        #expect(evaluations[0].findings == result.findings)
    }
}
