import Foundation
import PolicyCheckModel

/// One `--format NAME[=FILE]`: a report format and where it goes (no file, or `-`, is standard output).
public struct FormatRequest: Sendable, Hashable, CustomStringConvertible {
    public var format: ReportFormat
    /// The file to write atomically; `nil` for standard output.
    public var file: String?

    public init(format: ReportFormat, file: String? = nil) {
        self.format = format
        self.file = file
    }

    /// Parses `NAME` or `NAME=FILE` (split at the first `=`; names are case-insensitive; `NAME=-` is stdout).
    public init(parsing argument: String) throws(FormatRequestError) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0]).lowercased()
        guard let format = ReportFormat(rawValue: name) else {
            throw .unknownFormat(String(parts[0]), suggestion: Self.suggestion(for: name))
        }
        guard parts.count == 2 else {
            self.init(format: format)
            return
        }
        let file = String(parts[1])
        guard !file.isEmpty else { throw .emptyFile(format: format.rawValue) }
        self.init(format: format, file: file == "-" ? nil : file)
    }

    /// The format a misspelt name most likely means. Names are short: a swapped pair of letters ('sarfi') is as
    /// plausible a typo as one wrong letter.
    public static func suggestion(for name: String) -> String? {
        let names = ReportFormat.allCases.map(\.rawValue)
        return Suggestion.closest(to: name, among: names) ?? names.first { $0.sorted() == name.sorted() }
    }

    /// Whether the report goes to standard output.
    public var isStandardOutput: Bool { file == nil }

    /// `NAME` or `NAME=FILE`.
    public var description: String { format.rawValue + (file.map { "=" + $0 } ?? "") }

    /// The requests of one run: text on stdout when none is given; `--output` sends the one request without a file
    /// to that file. At most one request may remain on standard output, and no file may be named twice.
    public static func resolve(_ requests: [FormatRequest], output: String?) throws(FormatRequestError) -> [FormatRequest] {
        var resolved = requests.isEmpty ? [FormatRequest(format: .text)] : requests
        if let output {
            guard !output.isEmpty, output != "-" else { throw .emptyOutput }
            let open = resolved.indices.filter { resolved[$0].isStandardOutput }
            guard open.count <= 1 else { throw .outputWithSeveralFormats(open.map { resolved[$0].format.rawValue }) }
            guard let index = open.first else { throw .outputWithoutFormat }
            resolved[index].file = output
        }
        let toStandardOutput = resolved.filter(\.isStandardOutput)
        guard toStandardOutput.count <= 1 else { throw .severalToStandardOutput(toStandardOutput.map(\.format.rawValue)) }
        var seen = Set<String>()
        for file in resolved.compactMap(\.file) {
            guard seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted else { throw .fileTwice(file) }
        }
        return resolved
    }
}
