/// Renders a report in one output format. A pure function of the report.
public protocol Reporter: Sendable {
    /// The name used with `--format`.
    static var formatName: String { get }
    func render(_ report: CheckReport) -> String
}

/// The output formats, by name.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown

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
