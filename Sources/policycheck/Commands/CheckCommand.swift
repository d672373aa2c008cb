import ArgumentParser
import Foundation
import PolicyCheckKit

/// `policycheck check`: evaluate manifests against the policy packs.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check manifests (files, directories, or - for stdin) against the policies.",
        discussion: """
            Directories are searched recursively for YAML and JSON manifests (.git, .terraform, .build and \
            node_modules are skipped). Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, \
            2 could not check.
            """
    )

    @Argument(help: ArgumentHelp("Files or directories to check; - reads standard input.", valueName: "path"))
    var paths: [String] = ["."]

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormatOption = .text

    @Option(help: ArgumentHelp("Write the report to a file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low, info or none.")
    var failOn: FailOnOption = .low

    @Option(help: ArgumentHelp("Evaluation time (ISO 8601); defaults to SOURCE_DATE_EPOCH, then the system clock.", valueName: "time"))
    var now: String?

    @Option(help: ArgumentHelp("Skip paths matching a glob; repeatable.", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("input-format"), help: "Read every input in this format instead of detecting it: native, terraform-plan, cloudformation, kubernetes or provisioner.")
    var inputFormat: InputFormatOption?

    @Option(help: "The offering to assume for infrastructure code, which states none: dedicated or shared.")
    var offering: OfferingOption?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest input file read, in bytes or with a K, M or G suffix (default 256M).", valueName: "size"))
    var maxFileSize: ByteCount = ByteCount(bytes: 256 << 20)

    @Option(help: "Files checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once") }
    }

    func run() throws {
        let policy = try policyOptions.load()
        let now = try EvaluationTime.resolve(self.now)
        var run = CheckRun(policy: policy, now: now, failOn: failOn.severity, toolVersion: PolicyCheckVersion.current)
        run.excludeGlobs = exclude
        run.jobs = jobs
        run.maxFileBytes = maxFileSize.bytes
        run.inputFormat = inputFormat?.format
        run.adapterOptions.offering = offering?.offering
        run.keepsOutcomes = format.format.needsOutcomes
        let progress = ProgressLine.forStandardError()
        if let progress { run.progress = { checked, total in progress.update(checked: checked, total: total) } }
        let stdin = paths.contains("-") ? Console.readStandardInput() : nil
        let report = run.run(paths: paths, stdin: stdin)
        progress?.finish()
        try ReportOutput(format: format, output: output).emit(report)
        throw ExitCode(report.exitCode)
    }
}

enum OutputFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json

    var format: ReportFormat { ReportFormat(rawValue: rawValue)! }
}

enum InputFormatOption: String, ExpressibleByArgument, CaseIterable {
    case native
    case terraformPlan = "terraform-plan"
    case cloudFormation = "cloudformation"
    case kubernetes, provisioner

    var format: InputFormat { InputFormat(rawValue: rawValue)! }
}

enum OfferingOption: String, ExpressibleByArgument, CaseIterable {
    case dedicated, shared

    var offering: Offering { Offering(rawValue: rawValue)! }
}

enum FailOnOption: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, info, none

    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// A size such as `1048576`, `512K`, `256M` or `1G`.
struct ByteCount: ExpressibleByArgument {
    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var text = argument.uppercased()
        var multiplier = 1
        if text.hasSuffix("B") { text.removeLast() }
        if let last = text.last, let unit = units[last] {
            multiplier = unit
            text.removeLast()
        }
        guard let value = Int(text), value > 0, value <= Int.max / multiplier else { return nil }
        bytes = value * multiplier
    }
}

extension CheckCommand: BulkOperandCommand {
    mutating func expandOperands(_ runs: [[String]]) { paths = BulkOperands.expand(paths, runs: runs) }
}
