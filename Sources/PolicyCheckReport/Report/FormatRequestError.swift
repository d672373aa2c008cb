/// Why a set of `--format`/`--output` values cannot be used: a usage error (exit 2).
public enum FormatRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownFormat(String, suggestion: String?)
    case emptyFile(format: String)
    case emptyOutput
    case severalToStandardOutput([String])
    case outputWithoutFormat
    case outputWithSeveralFormats([String])
    case fileTwice(String)

    public var description: String {
        switch self {
        case let .unknownFormat(name, suggestion):
            let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown format '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "; formats: \(names)"
        case let .emptyFile(format):
            return "'--format \(format)=' names no file; give a file after '=' or leave out '='"
        case .emptyOutput:
            return "--output needs a file name; leave it out to write to standard output"
        case let .severalToStandardOutput(formats):
            return "only one format can go to standard output, not \(formats.joined(separator: " and ")); "
                + "send the others to files with --format NAME=FILE"
        case .outputWithoutFormat:
            return "--output has no format to write: every --format names its own file; leave out --output"
        case let .outputWithSeveralFormats(formats):
            return "--output takes one format, not \(formats.joined(separator: " and ")); "
                + "send the others to files with --format NAME=FILE"
        case let .fileTwice(file):
            return "'\(file)' is named by two formats; give each format its own file"
        }
    }
}
