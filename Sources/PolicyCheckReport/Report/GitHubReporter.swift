import PolicyCheckModel
import PolicyCheckPolicy

/// GitHub Actions workflow commands: one annotation per open finding and per input error, then the summary line.
/// Suppressed findings are not annotated (they need no action); the summary counts them.
/// Documented in docs/output.md.
public struct GitHubReporter: Reporter {
    public static let formatName = "github"

    public init() {}

    public func render(_ report: CheckReport) -> String {
        let stream = ReportStream()
        write(report, to: stream)
        return stream.text
    }

    /// Streams the annotations, gathered as bytes a batch at a time.
    public func write(_ report: CheckReport, to stream: ReportStream) {
        var out: [UInt8] = []
        for error in report.errors {
            Self.command("error", file: error.file, line: error.location?.line, column: error.location?.column,
                         title: "policycheck: input error", message: error.message, into: &out)
            stream.write(taking: &out, once: ReportStream.chunkSize)
        }
        // A warning is what was read but not checked, a stale inline ignore, an ignore a later object overrides:
        // its message says which, so the title names none.
        for warning in report.warnings {
            Self.command("warning", file: warning.file, line: warning.location?.line, column: warning.location?.column,
                         title: "policycheck: warning", message: warning.message, into: &out)
            stream.write(taking: &out, once: ReportStream.chunkSize)
        }
        for finding in report.findings where !finding.isSuppressed {
            let message = "\(finding.message) [\(finding.resourceLabel)]\nRemediation: \(finding.remediation)"
            Self.command(Self.level(finding.severity), file: finding.file, line: finding.line,
                         column: finding.column, title: finding.ruleId, message: message, into: &out)
            stream.write(taking: &out, once: ReportStream.chunkSize)
        }
        // One notice per kind of skip (not per file: annotations are few and a large walk skips many files).
        for (kind, count) in report.skipsByKind {
            let files = report.filesSkipped.filter { $0.kind == kind }.map(\.file)
            let listed = files.prefix(10).joined(separator: ", ") + (files.count > 10 ? ", …" : "")
            Self.command("notice", file: "-", line: nil, column: nil,
                         title: "policycheck: skipped \(count) file\(count == 1 ? "" : "s") (\(kind))",
                         message: "\(report.filesSkipped.first { $0.kind == kind }!.reason) — \(listed)", into: &out)
        }
        out.appendUTF8(TextReporter().summary(report) + "\n")
        stream.write(taking: &out)
    }

    /// critical/high → error, medium/low → warning, info (cannot-verify included) → notice.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium, .low: return "warning"
        case .info: return "notice"
        }
    }

    /// `::level file=…,line=…,col=…,title=…::message`; standard input has no file to annotate.
    static func command(_ level: String, file: String, line: Int?, column: Int?, title: String, message: String,
                        into out: inout [UInt8]) {
        out.appendUTF8("::")
        out.appendUTF8(level)
        out.append(UInt8(ascii: " "))
        if file != "-" {
            out.appendUTF8("file=")
            out.appendUTF8(escapeProperty(file))
            out.append(UInt8(ascii: ","))
            if let line {
                out.appendUTF8("line=")
                out.appendDecimal(line)
                out.append(UInt8(ascii: ","))
            }
            if let column {
                out.appendUTF8("col=")
                out.appendDecimal(column)
                out.append(UInt8(ascii: ","))
            }
        }
        out.appendUTF8("title=")
        out.appendUTF8(escapeProperty(title))
        out.appendUTF8("::")
        out.appendUTF8(escapeData(message))
        out.append(UInt8(ascii: "\n"))
    }

    /// Message data: `%`, CR and LF are percent-encoded (GitHub's `escapeData`), so a message stays one log line;
    /// other controls, bidi overrides and `##[` are neutralised by `TerminalText.clean`.
    public static func escapeData(_ text: String) -> String {
        TerminalText.clean(PercentEncoding.encode(text) {
            $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
        })
    }

    /// Property values: as data, plus `:` and `,` (GitHub's `escapeProperty`).
    public static func escapeProperty(_ text: String) -> String {
        PercentEncoding.encode(escapeData(text)) { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ",") }
    }
}
