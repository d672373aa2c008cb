import PolicyCheckModel
import PolicyCheckPolicy

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
        for pack in report.packs { PackJSON.write(pack, into: &json, withRuleCount: true) }
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
        // What was read but not checked (a nested stack's template at a URL, a remote module): the run still passes.
        json.field("warnings", errors: report.warnings)
        Self.writeWaivers(report.waivers, into: &json)
        json.endObject()
        json.drain(into: stream)
        stream.write("\n")
    }

    /// `waivers`: each waiver of `--waivers` with what it did (active, expired, stale).
    package static func writeWaivers(_ waivers: [WaiverStatus], into json: inout JSONWriter) {
        json.key("waivers")
        json.beginArray()
        for status in waivers {
            let waiver = status.waiver
            json.beginObject()
            json.field("file", waiver.source)
            json.field("line", waiver.line)
            json.field("rule", waiver.rule)
            json.field("resource", waiver.resource)
            json.field("filePattern", waiver.file)
            json.field("reason", waiver.reason)
            json.field("requestedBy", waiver.requestedBy)
            json.field("approvedBy", waiver.approvedBy)
            json.field("approvedOn", waiver.approvedOn.dateDescription)
            json.field("expires", waiver.expires)
            json.field("ticket", waiver.ticket)
            json.field("risk", waiver.risk)
            json.field("compensatingControl", waiver.compensatingControl)
            json.field("status", status.state.rawValue)
            json.field("matched", status.matched)
            json.endObject()
        }
        json.endArray()
    }

    private func writeSummary(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("summary")
        json.beginObject()
        json.field("evaluatedAt", report.evaluatedAt.description)
        json.field("failOn", report.failOn?.rawValue ?? "none")
        json.field("filesChecked", report.filesChecked.count)
        json.field("filesSkipped", report.filesSkipped.count)
        json.field("deployments", report.deploymentCount)
        json.field("keyFiles", report.keyFileCount)
        json.field("findings", report.findings.count)
        json.key("bySeverity")
        json.beginObject()
        for (severity, count) in report.countsBySeverity { json.field(severity.rawValue, count) }
        json.endObject()
        json.field("failing", report.failingCount)
        json.field("suppressed", report.suppressedFindings.count)
        json.field("staleWaivers", report.staleWaivers.count)
        json.field("errors", report.errors.count)
        json.field("exitCode", Int(report.exitCode))
        json.key("skipped")
        json.beginArray()
        for skipped in report.filesSkipped {
            json.beginObject()
            json.field("file", skipped.file)
            json.field("kind", skipped.kind)
            json.field("reason", skipped.reason)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// How a finding object is laid out: the report's shape, or the evidence bundle's (which leads with the
    /// fingerprint and always carries `suppression`, null when there is none).
    package enum FindingLayout {
        case report, evidence
    }

    package static func write(_ finding: Finding, into json: inout JSONWriter, layout: FindingLayout = .report) {
        json.beginObject()
        if layout == .evidence { json.field("fingerprint", finding.fingerprint) }
        json.field("ruleId", finding.ruleId)
        json.field("title", finding.title)
        json.field("category", finding.category.rawValue)
        json.field("severity", finding.severity.rawValue)
        json.field("resource", finding.resource)
        if let deployment = finding.deployment { json.field("deployment", deployment) }
        json.field("file", finding.file)
        json.field("line", finding.line)
        json.field("column", finding.column)
        json.field("path", finding.path)
        json.field("message", finding.message)
        json.field("remediation", finding.remediation)
        json.field("controls", strings: finding.controls)
        json.field("status", status(finding))
        if let suppression = finding.suppression {
            json.key("suppression")
            json.beginObject()
            json.field("kind", suppression.kind.rawValue)
            json.field("justification", suppression.justification)
            json.field("location", suppression.location)
            json.endObject()
        } else if layout == .evidence {
            json.key("suppression")
            json.null()
        }
        json.endObject()
    }

    /// `open`, `cannot-verify` or `suppressed`: the status every machine-readable format reports.
    public static func status(_ finding: Finding) -> String {
        finding.isSuppressed ? "suppressed" : finding.cannotVerify ? "cannot-verify" : "open"
    }
}
