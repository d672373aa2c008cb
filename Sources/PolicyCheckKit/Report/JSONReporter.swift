/// The stable JSON report documented in docs/output.md (`schemaVersion` 1).
public struct JSONReporter: Reporter {
    public static let formatName = "json"

    public init() {}

    public func render(_ report: CheckReport) -> String {
        let stream = ReportStream()
        write(report, to: stream)
        return stream.text
    }

    /// Streams the report: the head, then findings in batches, never the whole document at once.
    public func write(_ report: CheckReport, to stream: ReportStream) {
        var json = JSONWriter()
        json.beginObject()
        json.field("schemaVersion", 1)
        json.key("tool")
        json.beginObject()
        json.field("name", report.toolName)
        json.field("version", report.toolVersion)
        json.endObject()
        json.key("policies")
        json.beginArray()
        for pack in report.packs {
            json.beginObject()
            json.field("id", pack.id)
            json.field("version", pack.version)
            json.field("source", pack.origin)
            json.field("rules", pack.ruleCount)
            json.endObject()
        }
        json.endArray()
        writeSummary(report, into: &json)
        json.key("findings")
        json.beginArray()
        for (index, finding) in report.findings.enumerated() {
            Self.write(finding, into: &json)
            if index % 32 == 31 { json.drain(into: stream) }
        }
        json.endArray()
        json.field("errors", errors: report.errors)
        json.endObject()
        json.drain(into: stream)
        stream.write("\n")
    }

    private func writeSummary(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("summary")
        json.beginObject()
        json.field("evaluatedAt", report.evaluatedAt.description)
        json.field("failOn", report.failOn?.rawValue ?? "none")
        json.field("filesChecked", report.filesChecked.count)
        json.field("filesSkipped", report.filesSkipped.count)
        json.field("deployments", report.deploymentCount)
        json.field("findings", report.findings.count)
        json.key("bySeverity")
        json.beginObject()
        for (severity, count) in report.countsBySeverity { json.field(severity.rawValue, count) }
        json.endObject()
        json.field("failing", report.failingCount)
        json.field("errors", report.errors.count)
        json.field("exitCode", Int(report.exitCode))
        json.key("skipped")
        json.beginArray()
        for skipped in report.filesSkipped {
            json.beginObject()
            json.field("file", skipped.file)
            json.field("reason", skipped.reason)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func write(_ finding: Finding, into json: inout JSONWriter) {
        json.beginObject()
        json.field("ruleId", finding.ruleId)
        json.field("title", finding.title)
        json.field("category", finding.category.rawValue)
        json.field("severity", finding.severity.rawValue)
        json.field("resource", finding.resource)
        json.field("file", finding.file)
        json.field("line", finding.line)
        json.field("column", finding.column)
        json.field("path", finding.path)
        json.field("message", finding.message)
        json.field("remediation", finding.remediation)
        json.field("controls", strings: finding.controls)
        json.field("status", finding.isSuppressed ? "suppressed" : finding.cannotVerify ? "cannot-verify" : "open")
        if let suppression = finding.suppression {
            json.key("suppression")
            json.beginObject()
            json.field("kind", suppression.kind.rawValue)
            json.field("justification", suppression.justification)
            json.field("location", suppression.location)
            json.endObject()
        }
        json.endObject()
    }
}
