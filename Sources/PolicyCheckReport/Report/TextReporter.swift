import PolicyCheckModel
import PolicyCheckPolicy

/// Human-readable output: findings grouped by file as `file:line:col severity ruleId message`, then a summary.
/// Every text from the inputs passes through `TerminalText.clean`: one line each, unable to drive the terminal or
/// the CI log.
public struct TextReporter: Reporter {
    public static let formatName = "text"

    /// ANSI colour for severities (only on a terminal, never with `NO_COLOR`).
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func render(_ report: CheckReport) -> String {
        let stream = ReportStream()
        write(report, to: stream)
        return stream.text
    }

    /// Streams the report file by file. Findings and errors are grouped by file in one pass (in report order), not
    /// filtered again for every file. The groups of files a streamed run wrote already (`CheckReport.written`) are
    /// not written again.
    public func write(_ report: CheckReport, to stream: ReportStream) {
        var findingsByFile: [String: [Int]] = [:]
        for (index, finding) in report.findings.enumerated() { findingsByFile[finding.file, default: []].append(index) }
        var errorsByFile: [String: [Diagnostic]] = [:]
        for error in report.errors + report.warnings { errorsByFile[error.file, default: []].append(error) }
        let files = Set(findingsByFile.keys).union(errorsByFile.keys).subtracting(report.written.files).sorted()
        for file in files {
            writeGroup(file: file, diagnostics: errorsByFile[file] ?? [],
                       findings: (findingsByFile[file] ?? []).lazy.map { report.findings[$0] }, to: stream)
        }
        writeClosing(report, to: stream)
    }

    /// One file's group: its name, its errors and warnings (sorted), and its findings (in report order), each on a
    /// line. A finding's line is gathered as bytes and goes to the stream whole: appending its pieces to a `String`
    /// cost more than the rest of the line, and writing each piece to the stream (a class, with an exclusivity check
    /// per access) 12% of a check of a 100,000-entry allowlist.
    public func writeGroup(file: String, diagnostics: [Diagnostic], findings: some Sequence<Finding>,
                           to stream: ReportStream) {
        // Every finding of the group names this file: it is cleaned once.
        let shownFile = TerminalText.clean(file)
        stream.write(paint(shownFile, "1"))
        stream.write("\n")
        for error in diagnostics.sorted() {
            stream.write("  ")
            stream.write(TerminalText.clean(error.description))
            stream.write("\n")
        }
        var line: [UInt8] = []
        line.reserveCapacity(512)
        for finding in findings {
            line.removeAll(keepingCapacity: true)
            Self.put("  ", into: &line)
            Self.put(shownFile, into: &line)
            Self.put(":", into: &line)
            Self.put(String(finding.line), into: &line)
            Self.put(":", into: &line)
            Self.put(String(finding.column), into: &line)
            Self.put(" ", into: &line)
            Self.put(paint(finding.severity.rawValue, Self.code(finding.severity)), into: &line)
            Self.put(" ", into: &line)
            Self.put(TerminalText.clean(finding.ruleId), into: &line)
            Self.put(" ", into: &line)
            Self.put(TerminalText.clean(finding.message), into: &line)
            Self.put(" [", into: &line)
            Self.put(TerminalText.clean(finding.resource), into: &line)
            if let deployment = finding.deployment {
                Self.put(" via ", into: &line)
                Self.put(TerminalText.clean(deployment), into: &line)
            }
            Self.put("]", into: &line)
            if let suppression = finding.suppression {
                Self.put(" ", into: &line)
                Self.put(paint(TerminalText.clean(Self.mark(suppression)), "2"), into: &line)
            }
            Self.put("\n", into: &line)
            stream.write(line)
        }
        stream.write("\n")
    }

    /// What follows the groups: the skipped files and the summary.
    public func writeClosing(_ report: CheckReport, to stream: ReportStream) {
        stream.write(skipped(report))
        stream.write(summary(report))
        stream.write("\n")
    }

    /// Every skipped file with its reason, under a line that counts them by kind: a skip is never silent.
    func skipped(_ report: CheckReport) -> String {
        guard !report.filesSkipped.isEmpty else { return "" }
        var out = "Skipped \(report.filesSkipped.count) file\(report.filesSkipped.count == 1 ? "" : "s") (\(report.skipSummary)):\n"
        for skipped in report.filesSkipped {
            out += "  \(TerminalText.clean(skipped.file)): \(TerminalText.clean(skipped.reason))\n"
        }
        return out + "\n"
    }

    /// The one-line verdict and counts.
    public func summary(_ report: CheckReport) -> String {
        let counts = report.countsBySeverity.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }
        let files = "\(report.filesChecked.count) file\(report.filesChecked.count == 1 ? "" : "s") checked"
            + (report.filesSkipped.isEmpty ? "" : ", \(report.filesSkipped.count) skipped")
        var deployments = "\(report.deploymentCount) deployment\(report.deploymentCount == 1 ? "" : "s")"
        if report.keyFileCount > 0 {
            deployments += ", \(report.keyFileCount) key file\(report.keyFileCount == 1 ? "" : "s")"
        }
        let count = report.findingCount
        let findings = count == 0
            ? "no findings" : "\(count) finding\(count == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        var errors = report.errors.isEmpty ? "" : ", \(report.errors.count) error\(report.errors.count == 1 ? "" : "s")"
        if !report.warnings.isEmpty { errors += ", \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")" }
        let suppressedCount = report.suppressedCount
        let suppressed = suppressedCount == 0 ? "" : ", \(suppressedCount) suppressed"
        let verdict: String
        switch report.exitCode {
        case 0: verdict = paint("PASS", "32")
        case 1:
            verdict = paint("FAIL", "31") + ": \(report.failingCount) at or above \(report.failOn?.rawValue ?? "none")"
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

    /// Appends the text's UTF-8 bytes.
    @inline(__always)
    private static func put(_ text: String, into line: inout [UInt8]) {
        line.appendUTF8(text)
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
