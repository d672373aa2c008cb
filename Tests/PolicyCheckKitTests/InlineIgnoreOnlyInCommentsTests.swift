import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Inline ignores come only from real comments of the input's syntax: a `# policycheck:ignore` inside a JSON string
/// or a YAML quoted or block scalar is data an author controls, not a comment (issue 14, item 2).
@Suite struct InlineIgnoreOnlyInCommentsTests {
    typealias H = SuppressionHarness

    /// Checks `text` written to a temporary file named `name`.
    private func check(_ text: String, name: String) throws -> CheckReport {
        let directory = ScratchFolder.path("inline")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 1
        return run.run(paths: [path])
    }

    /// `terraform show -json` writes the whole plan on one line: a tag value holding the marker was a comment
    /// "on the line" of every resource and silenced the named rules for the whole plan.
    @Test func ignoreInsideAJSONStringOfAOneLinePlanSilencesNothing() throws {
        let pretty = try String(contentsOfFile: Fixture.path("terraform/fail/violations-eu-west-1.json"), encoding: .utf8)
        // The fixture's strings hold no line breaks, so dropping them and the indentation keeps the JSON valid.
        let oneLine = pretty.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        let hostile = oneLine.replacingOccurrences(
            of: "\"description\": \"Log archive key\"",
            with: "\"description\": \"Log archive key\",\"tags\":{\"Name\":\"x # policycheck:ignore MMC-ENC-001,MMC-ENC-002,MMC-KEY-003 ok\"}")
        #expect(hostile != oneLine && !hostile.contains("\n"))
        let clean = try check(oneLine, name: "plan.json")
        let report = try check(hostile, name: "plan.json")
        #expect(report.errors.isEmpty)
        #expect(!clean.findings.isEmpty)
        #expect(report.findings.allSatisfy { $0.suppression == nil })
        #expect(report.findings.map(\.ruleId) == clean.findings.map(\.ruleId))
        #expect(report.exitCode == clean.exitCode)
    }

    @Test(arguments: [
        "metadata: {name: pilot-eu}\nspec:\n  offering: shared\n  region: \"eu-central-1 # policycheck:ignore MMC-RES-001 quoted\"\n",
        "metadata: {name: pilot-eu}\nspec:\n  offering: shared\n  region: 'eu-central-1 # policycheck:ignore MMC-RES-001 quoted'\n",
        "metadata:\n  name: pilot-eu\n  description: |\n    # policycheck:ignore MMC-OFF-001, MMC-RES-001 block content\nspec: {offering: shared, region: eu-central-1}\n",
        "metadata:\n  name: pilot-eu\n  description: \"a\n    # policycheck:ignore MMC-OFF-001, MMC-RES-001 quoted over lines\"\nspec: {offering: shared, region: eu-central-1}\n",
    ])
    func ignoreInsideAYAMLScalarSilencesNothing(document: String) throws {
        let report = try check("apiVersion: policycheck/v1\nkind: Deployment\n" + document, name: "deployment.yaml")
        let region = try #require(report.findings.first { $0.ruleId == "MMC-RES-001" }, "\(report.errors)")
        #expect(region.suppression == nil)
        #expect(report.warnings.isEmpty)
    }

    /// YAML readers end lines at U+2028 (and a lone CR, NEL, U+2029) where the comment scan does not: a `#` inside
    /// a block scalar's data after `|<U+2028>` read as an ignore and covered the Service the break hid (reviewer,
    /// round 28). Such a file's ignores are errors and cover nothing.
    @Test func ignoresInAFileWithOtherLineBreaksAreErrors() throws {
        let text = try String(contentsOfFile: Fixture.path("inline-ignore-other-line-breaks/fail-block-scalar-after-line-separator.yaml"),
                              encoding: .utf8)
        #expect(text.unicodeScalars.contains("\u{2028}"))
        for (separator, name) in [("\u{2028}", "line separator"), ("\r", "lone CR"), ("\u{85}", "NEL")] {
            let report = try check(text.replacingOccurrences(of: "\u{2028}", with: separator), name: "svc.yaml")
            #expect(report.errors.first?.message.contains("is not read in a file whose lines also break at a lone CR") == true,
                    "\(name): \(report.errors)")
            #expect(report.findings.contains { $0.ruleId == "MMC-NET-001" && $0.suppression == nil }, "\(name)")
            #expect(report.exitCode == 2, "\(name)")
        }
    }

    /// Real comments still work, including one after a block scalar's header.
    @Test func realCommentsStillSuppress() throws {
        let yaml = """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata:
              name: pilot-eu
              description: | # not an ignore
                text
            spec:
              offering: shared
              # policycheck:ignore MMC-RES-001 Frankfurt pilot
              region: "eu-central-1"  # policycheck:ignore MMC-OFF-001 shared pilot
            """
        let report = try check(yaml + "\n", name: "deployment.yaml")
        #expect(try #require(report.findings.first { $0.ruleId == "MMC-RES-001" }, "\(report.errors)").suppression?.kind == .inline)
        #expect(report.errors.isEmpty)
    }

    @Test func commentOffsetsSkipQuotedAndBlockScalars() {
        let yaml = "a: \"x # no\" # yes\nb: |  # header\n  # content\nc: 'y #no'\n# last\n"
        let offsets = YAMLComments.offsets(in: Array(yaml.utf8))
        let texts = offsets.map { offset in String(decoding: Array(yaml.utf8)[offset...].prefix { $0 != 0x0A }, as: UTF8.self) }
        #expect(texts == ["# yes", "# header", "# last"])
    }

    /// A Terraform string is data too: `"x # policycheck:ignore …"` in an argument silenced the rule (a YAML reading
    /// of the line took the `#` for a comment); `#` and `//` comments suppress.
    @Test(arguments: [
        ("  storage_encrypted = \"x # policycheck:ignore MMC-ENC-001 approved\" == \"\"\n", false),
        ("  storage_encrypted = \"${\"a\"} // policycheck:ignore MMC-ENC-001 approved\" == \"\"\n", false),
        ("  storage_encrypted = trimspace(<<EOT\n  # policycheck:ignore MMC-ENC-001 in a heredoc\n  EOT\n  ) == \"\"\n", false),
        ("  storage_encrypted = false # policycheck:ignore MMC-ENC-001 approved by the DPO\n", true),
        ("  storage_encrypted = false // policycheck:ignore MMC-ENC-001 approved by the DPO\n", true),
        ("  # policycheck:ignore MMC-ENC-001 approved by the DPO\n  storage_encrypted = false\n", true),
    ])
    func terraformIgnoresComeOnlyFromComments(line: String, suppresses: Bool) throws {
        let text = """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_db_instance" "db" {
              engine                          = "postgres"
              backup_retention_period         = 30
              enabled_cloudwatch_logs_exports = ["postgresql"]

            """ + line + "}\n"
        let report = try check(text, name: "main.tf")
        #expect(report.errors.isEmpty, "\(report.errors)")
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-ENC-001" }, "\(report.findings.map(\.ruleId))")
        #expect((finding.suppression?.kind == .inline) == suppresses)
    }

    @Test func hclCommentsSkipStringsHeredocsAndBlockComments() {
        let hcl = """
            a = "x # no ${"y // no"} # no" # yes
            b = <<-EOT
              # no ${ "z" } // no
              %{ if true }# no%{ endif }
              EOT
            /* # no
            // no */ c = "$${ # no" // yes
            d = { e = "}" } # yes
            f = "${ { g = "#" }["g"] }" # yes

            """
        let bytes = Array(hcl.utf8)
        let texts = HCLComments.lineComments(in: bytes).map { comment in
            String(decoding: bytes[comment.offset...].prefix { $0 != 0x0A }, as: UTF8.self)
        }
        #expect(texts == ["# yes", "// yes", "# yes", "# yes"])
    }

    /// A heredoc ends where the parser ends it — its marker alone on a line, blanks and a carriage return around it
    /// allowed — no sooner (`EOT\rx` is text) and no later (`EOT   ` closes it): the review of round 19 found both.
    @Test func heredocsEndWhereTheParserEndsThem() {
        let hcl = "a = <<EOT\nEOT\rx\n# no\nEOT   \n# yes\nb = <<-EOT\n  EOT\r\n// yes\n"
        let bytes = Array(hcl.utf8)
        let texts = HCLComments.lineComments(in: bytes).map { comment in
            String(decoding: bytes[comment.offset...].prefix { $0 != 0x0A }, as: UTF8.self)
        }
        #expect(texts == ["# yes", "// yes"])
    }
}
