import ArgumentParser
import Foundation
import PolicyCheckKit

/// `policycheck policy`: work on policy packs as code.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Validate and test policy packs.",
        subcommands: [PolicyLintCommand.self, PolicyTestCommand.self]
    )
}

/// `policycheck policy lint FILE…`: every problem with the packs, without running them.
struct PolicyLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate policy packs without running them.",
        discussion: """
            Reports unknown keys, checks, operators, kinds and attribute paths, type mismatches, invalid regular \
            expressions, duplicate rule ids, unknown control ids and broken extends, each with file:line:column. \
            Exit codes: 0 clean (or warnings only), 1 warnings with --strict, 2 errors.
            """
    )

    @Argument(help: ArgumentHelp("Policy pack files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Exit 1 when there are warnings.")
    var strict = false

    func run() throws {
        var diagnostics: [Diagnostic] = []
        for file in files { diagnostics += PolicyLoader().lint(file: file) }
        for item in diagnostics { Console.error(item.description) }
        let errors = diagnostics.filter(\.isError).count
        let warnings = diagnostics.count - errors
        Console.out("\(files.count) pack\(files.count == 1 ? "" : "s") linted: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        if errors > 0 { throw ExitCode(2) }
        if strict && warnings > 0 { throw ExitCode(1) }
    }
}

/// `policycheck policy test DIR…`: run policy unit tests.
struct PolicyTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy unit tests (*.test.yaml): inputs paired with the outcome expected of each rule.",
        discussion: "Exit codes: 0 every test passed, 1 a test failed, 2 a test, input or pack could not be read."
    )

    @Argument(help: ArgumentHelp("Directories searched for *.test.yaml, or test files.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Also write the results as JUnit XML.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Evaluation time (ISO 8601) for tests that fix none; defaults to SOURCE_DATE_EPOCH, then the system clock.", valueName: "time"))
    var now: String?

    @Flag(name: .customLong("allow-outside-tree"), help: """
        Read a pack under test ('policy:') or an input ('input:') outside the test file's tree (the working \
        directory's, or the test file's folder outside it). Without it such a reference is an error.
        """)
    var allowOutsideTree = false

    func run() throws {
        let now = try EvaluationTime.resolve(self.now)
        let report = PolicyTestRunner(now: now, allowOutsideTree: allowOutsideTree).run(paths)
        for error in report.errors { Console.error(error.description) }
        Console.out(report.text)
        if let junit {
            do {
                try OutputFile.write(PolicyTestJUnit.render(report, timestamp: now), to: junit)
            } catch {
                throw CommandFailure(error)
            }
        }
        throw ExitCode(report.exitCode)
    }
}
