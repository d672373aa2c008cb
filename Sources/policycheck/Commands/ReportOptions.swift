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

    /// The resolved requests of the flags alone; a bad combination is a usage error (exit 2).
    func requests() throws -> [FormatRequest] {
        try resolve(parsed())
    }

    /// The requests in force: `--format` when given, else the settings' `outputs` (from `.policycheck.yaml`), else
    /// text on standard output; `--output` applies to whichever is in force.
    func requests(_ outputs: RunSettings.Setting<[ProjectConfig.Output]>) throws -> [FormatRequest] {
        guard format.isEmpty else { return try requests() }
        return try resolve(outputs.value.compactMap(\.request))
    }

    /// The `--format` requests as outputs, for layering over `.policycheck.yaml` (`nil`: none given).
    func apply(to flags: inout RunSettings.Flags) throws {
        guard !format.isEmpty else { return }
        flags.outputs = try parsed().map { ProjectConfig.Output(format: $0.format.rawValue, path: $0.file) }
    }

    private func parsed() throws -> [FormatRequest] {
        do {
            var parsed: [FormatRequest] = []
            for argument in format { parsed.append(try FormatRequest(parsing: argument)) }
            return parsed
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func resolve(_ requests: [FormatRequest]) throws -> [FormatRequest] {
        do {
            return try FormatRequest.resolve(requests, output: output)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
