import PolicyCheckModel

/// Renders a report in one output format. A pure function of the report.
public protocol Reporter: Sendable {
    /// The name used with `--format`.
    static var formatName: String { get }
    func render(_ report: CheckReport) -> String
    /// Writes the report to `stream` as it is produced; the bytes are exactly those of `render(_:)`.
    func write(_ report: CheckReport, to stream: ReportStream)
}

extension Reporter {
    /// Renders the whole report, then writes it: for small formats that do not stream.
    public func write(_ report: CheckReport, to stream: ReportStream) {
        stream.write(render(report))
    }
}

/// The output formats, by name.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown

    /// Whether the format renders per-rule outcomes (the whole population, one per rule and resource): JUnit lists
    /// a test case for each. Runs for the other formats do not keep them, so their memory follows the findings.
    public var needsOutcomes: Bool {
        switch self {
        case .junit: return true
        case .text, .json, .sarif, .github, .markdown: return false
        }
    }

    /// Whether people read the format as it is written — text, GitHub's annotations, Markdown — rather than a program
    /// (JSON, SARIF, JUnit). On standard output such a report shows every warning itself, so standard error does not
    /// repeat them (docs/output.md, "Warnings").
    public var isReadByPeople: Bool {
        switch self {
        case .text, .github, .markdown: return true
        case .json, .sarif, .junit: return false
        }
    }

    /// The reporter for the format; `colour` applies to text on a terminal only.
    public func reporter(colour: Bool = false) -> any Reporter {
        switch self {
        case .text: return TextReporter(colour: colour)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        case .junit: return JUnitReporter()
        case .github: return GitHubReporter()
        case .markdown: return MarkdownReporter()
        }
    }
}
