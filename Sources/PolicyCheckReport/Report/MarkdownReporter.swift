import PolicyCheckPolicy

/// A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: verdict, counts by severity, a findings
/// table (collapsed when long), input errors, and suppressed findings. Documented in docs/output.md.
public struct MarkdownReporter: Reporter {
    public static let formatName = "markdown"
    /// Longer tables are folded into a `<details>` block so a comment stays readable.
    public var collapseAfter: Int

    public init(collapseAfter: Int = 20) {
        self.collapseAfter = collapseAfter
    }

    public func render(_ report: CheckReport) -> String {
        let open = report.findings.filter { !$0.isSuppressed }
        let suppressed = report.findings.filter(\.isSuppressed)
        var out = "## policycheck: \(Self.verdict(report))\n\n"
        out += Self.overview(report, suppressed: suppressed.count) + "\n\n"
        out += "| critical | high | medium | low | info |\n| ---: | ---: | ---: | ---: | ---: |\n"
        out += "| " + report.countsBySeverity.map { String($0.1) }.joined(separator: " | ") + " |\n"
        if !open.isEmpty {
            out += "\n### Findings\n\n"
            out += folded(summary: "\(open.count) finding\(open.count == 1 ? "" : "s")", count: open.count,
                          body: Self.findingsTable(open))
        }
        if !report.errors.isEmpty {
            out += "\n### Errors\n\nThese inputs could not be checked:\n\n"
            for error in report.errors {
                out += "- " + Self.location(error.file, error.location?.line ?? 1, error.location?.column ?? 1)
                    + ": " + MarkdownText.escape(error.message) + "\n"
            }
        }
        if !report.warnings.isEmpty {
            out += "\n### Warnings\n\n"
            for warning in report.warnings {
                out += "- " + Self.location(warning.file, warning.location?.line ?? 1, warning.location?.column ?? 1)
                    + ": " + MarkdownText.escape(warning.message) + "\n"
            }
        }
        if !report.filesSkipped.isEmpty {
            out += "\n### Skipped\n\nNot inputs, or not checked (\(MarkdownText.escape(report.skipSummary))):\n\n"
            var table = "| file | reason |\n| --- | --- |\n"
            for skipped in report.filesSkipped {
                table += "| \(MarkdownText.escape(skipped.file)) | \(MarkdownText.escape(skipped.reason)) |\n"
            }
            out += folded(summary: "\(report.filesSkipped.count) skipped", count: report.filesSkipped.count, body: table)
        }
        if !suppressed.isEmpty {
            out += "\n### Suppressed\n\n"
            out += "<details>\n<summary>\(suppressed.count) suppressed finding\(suppressed.count == 1 ? "" : "s") "
                + "(visible, not failing)</summary>\n\n" + Self.suppressedTable(suppressed) + "\n</details>\n"
        }
        return out
    }

    // MARK: - Parts

    private static func verdict(_ report: CheckReport) -> String {
        switch report.exitCode {
        case 0: return "PASS"
        case 1: return "FAIL"
        default: return "ERROR"
        }
    }

    private static func overview(_ report: CheckReport, suppressed: Int) -> String {
        let failOn = report.failOn?.rawValue ?? "none"
        var parts = ["**\(report.failingFindings.count)** failing at or above `\(failOn)`",
                     plural(report.findings.count, "finding"),
                     plural(report.filesChecked.count, "file") + " checked",
                     plural(report.deploymentCount, "deployment")]
        if !report.filesSkipped.isEmpty { parts.append("\(report.filesSkipped.count) skipped") }
        parts.append(plural(report.errors.count, "error"))
        parts.append("\(suppressed) suppressed")
        return parts.joined(separator: " · ") + "  \nEvaluated at \(report.evaluatedAt) by policycheck \(report.toolVersion)."
    }

    private func folded(summary: String, count: Int, body: String) -> String {
        guard count > collapseAfter else { return body }
        return "<details>\n<summary>\(summary)</summary>\n\n\(body)\n</details>\n"
    }

    private static func findingsTable(_ findings: [Finding]) -> String {
        var out = "| severity | rule | resource | location | message |\n| --- | --- | --- | --- | --- |\n"
        for finding in findings {
            let severity = finding.cannotVerify ? "info (cannot verify)" : finding.severity.rawValue
            out += "| \(severity) | \(MarkdownText.escape(finding.ruleId)) | \(MarkdownText.escape(finding.resourceLabel)) | "
                + "\(location(finding.file, finding.line, finding.column)) | \(MarkdownText.escape(finding.message)) |\n"
        }
        return out
    }

    private static func suppressedTable(_ findings: [Finding]) -> String {
        var out = "| severity | rule | resource | location | suppression | justification |\n"
            + "| --- | --- | --- | --- | --- | --- |\n"
        for finding in findings {
            let suppression = finding.suppression!
            out += "| \(finding.severity.rawValue) | \(MarkdownText.escape(finding.ruleId)) | "
                + "\(MarkdownText.escape(finding.resourceLabel)) | \(location(finding.file, finding.line, finding.column)) | "
                + "\(suppression.kind.rawValue) | \(MarkdownText.escape(suppression.justification)) |\n"
        }
        return out
    }

    private static func location(_ file: String, _ line: Int, _ column: Int) -> String {
        MarkdownText.escape("\(file):\(line):\(column)")
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
