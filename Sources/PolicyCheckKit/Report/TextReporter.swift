/// Human-readable output: findings grouped by file as `file:line:col severity ruleId message`, then a summary.
public struct TextReporter: Reporter {
    public static let formatName = "text"

    /// ANSI colour for severities (only on a terminal, never with `NO_COLOR`).
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func render(_ report: CheckReport) -> String {
        var out = ""
        let files = Set(report.findings.map(\.file)).union(report.errors.map(\.file)).sorted()
        for file in files {
            let errors = report.errors.filter { $0.file == file }.sorted()
            let findings = report.findings.filter { $0.file == file }
            out += paint(file, "1") + "\n"
            for error in errors { out += "  \(error.description)\n" }
            for finding in findings {
                let severity = paint(finding.severity.rawValue, Self.code(finding.severity))
                out += "  \(finding.file):\(finding.line):\(finding.column) \(severity) \(finding.ruleId) \(Self.oneLine(finding.message))"
                out += " [\(finding.resource)]"
                if let suppression = finding.suppression { out += " " + paint(Self.oneLine(Self.mark(suppression)), "2") }
                out += "\n"
            }
            out += "\n"
        }
        out += summary(report) + "\n"
        return out
    }

    /// The one-line verdict and counts.
    public func summary(_ report: CheckReport) -> String {
        let counts = report.countsBySeverity.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }
        let files = "\(report.filesChecked.count) file\(report.filesChecked.count == 1 ? "" : "s") checked"
            + (report.filesSkipped.isEmpty ? "" : ", \(report.filesSkipped.count) skipped")
        let deployments = "\(report.deploymentCount) deployment\(report.deploymentCount == 1 ? "" : "s")"
        let findings = report.findings.isEmpty
            ? "no findings"
            : "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        let errors = report.errors.isEmpty ? "" : ", \(report.errors.count) error\(report.errors.count == 1 ? "" : "s")"
        let suppressed = report.suppressedFindings.isEmpty ? "" : ", \(report.suppressedFindings.count) suppressed"
        let verdict: String
        switch report.exitCode {
        case 0: verdict = paint("PASS", "32")
        case 1:
            verdict = paint("FAIL", "31") + ": \(report.failingFindings.count) at or above \(report.failOn?.rawValue ?? "none")"
        default: verdict = paint("ERROR", "31") + ": some inputs could not be checked"
        }
        return "\(verdict) — \(files), \(deployments): \(findings)\(suppressed)\(errors)"
    }

    /// `(waived: reason — waivers.yaml:3)`: a suppressed finding stays listed, marked with why.
    static func mark(_ suppression: Suppression) -> String {
        let label: String
        switch suppression.kind {
        case .waiver: label = "waived"
        case .inline: label = "ignored inline"
        case .baseline: label = "in baseline"
        }
        let location = suppression.location.map { " — \($0)" } ?? ""
        return suppression.kind == .baseline ? "(\(label)\(location))" : "(\(label): \(suppression.justification)\(location))"
    }

    /// A finding stays on one line and cannot drive the terminal: line breaks and tabs become spaces, other
    /// control characters (escape sequences included) are dropped.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                out += " "
            } else if scalar.properties.generalCategory != .control {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private static func code(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "1;31"
        case .high: return "31"
        case .medium: return "33"
        case .low: return "36"
        case .info: return "2"
        }
    }
}
