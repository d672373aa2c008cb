import PolicyCheckModel
import PolicyCheckPolicy

/// GitHub Actions workflow commands: one annotation per open finding and per input error, then the summary line.
/// Suppressed findings are not annotated (they need no action); the summary counts them.
/// Documented in docs/output.md.
public struct GitHubReporter: Reporter {
    public static let formatName = "github"

    public init() {}

    public func render(_ report: CheckReport) -> String {
        var out = ""
        for error in report.errors {
            out += Self.command("error", file: error.file, line: error.location?.line, column: error.location?.column,
                                title: "policycheck: input error", message: error.message)
        }
        for finding in report.findings where !finding.isSuppressed {
            let message = "\(finding.message) [\(finding.resource)]\nRemediation: \(finding.remediation)"
            out += Self.command(Self.level(finding.severity), file: finding.file, line: finding.line,
                                column: finding.column, title: finding.ruleId, message: message)
        }
        // One notice per kind of skip (not per file: annotations are few and a large walk skips many files).
        for (kind, count) in report.skipsByKind {
            let files = report.filesSkipped.filter { $0.kind == kind }.map(\.file)
            let listed = files.prefix(10).joined(separator: ", ") + (files.count > 10 ? ", …" : "")
            out += Self.command("notice", file: "-", line: nil, column: nil,
                                title: "policycheck: skipped \(count) file\(count == 1 ? "" : "s") (\(kind))",
                                message: "\(report.filesSkipped.first { $0.kind == kind }!.reason) — \(listed)")
        }
        out += TextReporter().summary(report) + "\n"
        return out
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
    static func command(_ level: String, file: String, line: Int?, column: Int?, title: String, message: String) -> String {
        var properties: [String] = []
        if file != "-" {
            properties.append("file=" + escapeProperty(file))
            if let line { properties.append("line=\(line)") }
            if let column { properties.append("col=\(column)") }
        }
        properties.append("title=" + escapeProperty(title))
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// Message data: `%`, CR and LF are percent-encoded (GitHub's `escapeData`), so a message stays one log line;
    /// other controls, bidi overrides and `##[` are neutralised by `TerminalText.clean`.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return TerminalText.clean(out)
    }

    /// Property values: as data, plus `:` and `,` (GitHub's `escapeProperty`).
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
