import ArgumentParser
import PolicyCheckKit

/// `--format NAME[=FILE]` (repeatable) and `--output FILE`, shared by `check` and `keys verify`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Report format: text, json, sarif, junit, github or markdown; NAME=FILE writes it to FILE. Repeatable; "
            + "at most one format goes to standard output (default: text).",
        valueName: "name[=file]"))
    var format: [String] = []

    @Option(help: ArgumentHelp("Write the one format without =FILE to this file (atomically) instead of standard output.",
                               valueName: "file"))
    var output: String?

    func validate() throws {
        _ = try requests()
    }

    /// The resolved requests; a bad combination is a usage error (exit 2).
    func requests() throws -> [FormatRequest] {
        do {
            var parsed: [FormatRequest] = []
            for argument in format { parsed.append(try FormatRequest(parsing: argument)) }
            return try FormatRequest.resolve(parsed, output: output)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
