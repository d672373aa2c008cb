import KeyMaterial
import PolicyCheckModel
import PolicyCheckPolicy

/// SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps): every rule in force, one result per
/// finding, input errors as tool execution notifications. Documented in docs/output.md.
public struct SARIFReporter: Reporter {
    public static let formatName = "sarif"
    /// The base id artifact URIs are relative to: the directory policycheck ran in.
    public static let sourceRoot = "%SRCROOT%"
    /// The `partialFingerprints` key; its value is stable across runs, line moves and message rewording.
    public static let fingerprintKey = "policycheck/v1"

    public init() {}

    public func render(_ report: CheckReport) -> String {
        let stream = ReportStream()
        write(report, to: stream)
        return stream.text
    }

    /// Streams the log: the tool and invocation, then results in batches, never the whole document at once.
    public func write(_ report: CheckReport, to stream: ReportStream) {
        let rules = Self.descriptors(report)
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var json = JSONWriter()
        json.beginObject()
        json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.field("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        writeTool(report, rules: rules, into: &json)
        writeInvocation(report, into: &json)
        json.key("originalUriBaseIds")
        json.beginObject()
        json.key(Self.sourceRoot)
        json.beginObject()
        json.key("description")
        json.beginObject()
        json.field("text", "The directory policycheck ran in; artifact URIs are relative to it.")
        json.endObject()
        json.endObject()
        json.endObject()
        json.field("columnKind", "utf16CodeUnits")
        json.key("results")
        json.beginArray()
        for (index, finding) in report.findings.enumerated() {
            write(finding, ruleIndex: ruleIndex[finding.ruleId] ?? 0, into: &json)
            if index % 32 == 31 { json.drain(into: stream) }
        }
        json.endArray()
        writeRunProperties(report, into: &json)
        json.endObject()
        json.endArray()
        json.endObject()
        json.drain(into: stream)
        stream.write("\n")
    }

    // MARK: - Tool and invocation

    private func writeTool(_ report: CheckReport, rules: [RuleDescriptor], into json: inout JSONWriter) {
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", report.toolName)
        json.field("version", report.toolVersion)
        json.field("semanticVersion", report.toolVersion)
        json.field("informationUri", PolicyCheckVersion.informationURI)
        json.key("rules")
        json.beginArray()
        for rule in rules { rule.write(into: &json) }
        json.endArray()
        json.endObject()
        json.endObject()
    }

    private func writeInvocation(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("invocations")
        json.beginArray()
        json.beginObject()
        json.field("executionSuccessful", report.errors.isEmpty)
        json.field("exitCode", Int(report.exitCode))
        json.key("toolExecutionNotifications")
        json.beginArray()
        // Input errors, then what was read but not checked (a nested template at a URL, a remote module).
        let notifications = report.errors.map { ($0, "input-error", "error") }
            + report.warnings.map { ($0, "input-not-checked", "warning") }
        for (error, id, level) in notifications {
            json.beginObject()
            json.key("descriptor")
            json.beginObject()
            json.field("id", id)
            json.endObject()
            json.field("level", level)
            json.key("message")
            json.beginObject()
            json.field("text", error.message)
            json.endObject()
            // Diagnostics carry Unicode-scalar columns only, so the region names the line; the text names both.
            json.key("locations")
            json.beginArray()
            json.beginObject()
            Self.writePhysicalLocation(file: error.file, line: error.location?.line, column: nil, into: &json)
            json.endObject()
            json.endArray()
            json.key("properties")
            json.beginObject()
            json.field("diagnostic", error.description)
            json.endObject()
            json.endObject()
        }
        // A skipped file is a note, so a SARIF consumer sees what was not checked and why.
        for skipped in report.filesSkipped {
            json.beginObject()
            json.key("descriptor")
            json.beginObject()
            json.field("id", "input-skipped")
            json.endObject()
            json.field("level", "note")
            json.key("message")
            json.beginObject()
            json.field("text", skipped.reason)
            json.endObject()
            json.key("locations")
            json.beginArray()
            json.beginObject()
            Self.writePhysicalLocation(file: skipped.file, line: nil, column: nil, into: &json)
            json.endObject()
            json.endArray()
            json.key("properties")
            json.beginObject()
            json.field("skipKind", skipped.kind)
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endArray()
    }

    private func writeRunProperties(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("properties")
        json.beginObject()
        json.field("evaluatedAt", report.evaluatedAt.description)
        json.field("failOn", report.failOn?.rawValue ?? "none")
        json.field("filesChecked", report.filesChecked.count)
        json.field("filesSkipped", report.filesSkipped.count)
        json.key("policies")
        json.beginArray()
        for pack in report.packs { PackJSON.write(pack, into: &json, withRuleCount: false) }
        json.endArray()
        json.endObject()
    }

    // MARK: - Results

    private func write(_ finding: Finding, ruleIndex: Int, into json: inout JSONWriter) {
        json.beginObject()
        json.field("ruleId", finding.ruleId)
        json.field("ruleIndex", ruleIndex)
        json.field("level", Self.level(finding.severity))
        json.key("message")
        json.beginObject()
        json.field("text", finding.message)
        json.endObject()
        json.key("locations")
        json.beginArray()
        json.beginObject()
        if finding.file != "-" {
            Self.writePhysicalLocation(file: finding.file, line: finding.line, column: finding.utf16Column, into: &json)
        }
        json.key("logicalLocations")
        json.beginArray()
        json.beginObject()
        json.field("name", finding.resource.split(separator: "/").last.map(String.init) ?? finding.resource)
        json.field("fullyQualifiedName", finding.resource)
        json.field("kind", "resource")
        json.endObject()
        json.endArray()
        json.endObject()
        json.endArray()
        json.key("partialFingerprints")
        json.beginObject()
        json.field(Self.fingerprintKey, Self.fingerprint(finding))
        json.endObject()
        if let suppression = finding.suppression { Self.write(suppression, into: &json) }
        json.key("properties")
        json.beginObject()
        json.field("severity", finding.severity.rawValue)
        json.field("category", finding.category.rawValue)
        json.field("controls", strings: finding.controls)
        json.field("resource", finding.resource)
        if let deployment = finding.deployment { json.field("deployment", deployment) }
        json.field("path", finding.path)
        json.field("status", JSONReporter.status(finding))
        json.field("remediation", finding.remediation)
        json.endObject()
        json.endObject()
    }

    private static func write(_ suppression: Suppression, into json: inout JSONWriter) {
        json.key("suppressions")
        json.beginArray()
        json.beginObject()
        json.field("kind", suppression.kind == .inline ? "inSource" : "external")
        json.field("status", "accepted")
        json.field("justification", suppression.justification)
        json.key("properties")
        json.beginObject()
        json.field("policycheckKind", suppression.kind.rawValue)
        if let location = suppression.location { json.field("location", location) }
        json.endObject()
        json.endObject()
        json.endArray()
    }

    /// `physicalLocation` for a displayed path: relative paths against `%SRCROOT%`, absolute ones as `file:` URIs.
    private static func writePhysicalLocation(file: String, line: Int?, column: Int?, into json: inout JSONWriter) {
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.field("uri", URIReference.encode(path: file))
        if URIReference.isRelative(file) { json.field("uriBaseId", sourceRoot) }
        json.endObject()
        if let line {
            json.key("region")
            json.beginObject()
            json.field("startLine", max(1, line))
            if let column { json.field("startColumn", max(1, column)) }
            json.endObject()
        }
        json.endObject()
    }

    // MARK: - Mappings

    /// critical/high → error, medium → warning, low/info → note.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// GitHub's `security-severity` score: critical > 9, high 7–8.9, medium 4–6.9, low 0.1–3.9, info none.
    public static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "0.0"
        }
    }

    /// Lowercase hex SHA-256 of `ruleId NUL file NUL resource NUL path`: no line, column or message, so the value
    /// survives line moves and rewording. The version 1 baseline fingerprint, kept under its `policycheck/v1` key so
    /// code scanning keeps tracking an alert whose value is edited (baselines use version 2, which counts the value).
    public static func fingerprint(_ finding: Finding) -> String {
        finding.legacyFingerprint
    }
}
