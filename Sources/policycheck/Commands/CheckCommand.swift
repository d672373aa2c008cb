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

    @OptionGroup var reportOptions: ReportOptions

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low, info or none (default: low).")
    var failOn: FailOnOption?

    @Option(help: ArgumentHelp("Evaluation time (ISO 8601); defaults to SOURCE_DATE_EPOCH, then the system clock.", valueName: "time"))
    var now: String?

    @Option(help: ArgumentHelp("Skip paths matching a glob; repeatable.", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("input-format"), help: "Read every input in this format instead of detecting it: native, terraform-plan, cloudformation, kubernetes or provisioner.")
    var inputFormat: InputFormatOption?

    @Option(help: "The offering to assume for infrastructure code, which states none: dedicated or shared.")
    var offering: OfferingOption?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest input file read, in bytes or with a K, M or G suffix (default 256M, or maxFileSize in .policycheck.yaml).", valueName: "size"))
    var maxFileSize: ByteCount?

    @Option(help: "Files checked in parallel (default: the number of cores).")
    var jobs: Int?

    @OptionGroup(title: "Waivers and baselines") var suppressionOptions: SuppressionOptions

    func validate() throws {
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once") }
    }

    func run() throws {
        let settings = try policyOptions.settings(try flags())
        let policy = try policyOptions.load(settings)
        let now = try EvaluationTime.resolve(self.now)
        var run = CheckRun(policy: policy, now: now, settings: settings)
        run.suppressions = try suppressionOptions.load(policy, settings: settings)
        let requests = try reportOptions.requests(settings.outputs)
        run.keepsOutcomes = requests.contains { $0.format.needsOutcomes }
        let progress = ProgressLine.forStandardError()
        if let progress { run.progress = { checked, total in progress.update(checked: checked, total: total) } }
        let stdin = paths.contains("-") ? Console.readStandardInput() : nil
        let report = run.run(paths: paths, stdin: stdin)
        progress?.finish()
        try ReportOutput(requests: requests).emit(report)
        try suppressionOptions.finish(report)
        throw ExitCode(report.exitCode)
    }
}

extension CheckCommand {
    /// The flags the user gave, for layering over `.policycheck.yaml`.
    func flags() throws -> RunSettings.Flags {
        var flags = RunSettings.Flags(failOn: failOn, exclude: exclude, inputFormat: inputFormat, offering: offering,
                                      jobs: jobs, maxFileSize: maxFileSize)
        suppressionOptions.apply(to: &flags)
        try reportOptions.apply(to: &flags)
        return flags
    }
}

extension RunSettings.Flags {
    /// The run flags `check` and `report` share, as given (absent ones leave `.policycheck.yaml`'s values in force).
    init(failOn: FailOnOption?, exclude: [String], inputFormat: InputFormatOption?, offering: OfferingOption?,
         jobs: Int?, maxFileSize: ByteCount?) {
        self.init()
        self.failOn = failOn.map { $0.severity }
        self.exclude = exclude.isEmpty ? nil : exclude
        self.inputFormat = inputFormat?.format
        self.offering = offering?.offering
        self.jobs = jobs
        self.maxFileBytes = maxFileSize?.bytes
    }
}

extension CheckRun {
    /// A run with the effective settings of `check` and `report`: threshold, scope, format, offering, parallelism
    /// and size limit.
    init(policy: CompiledPolicy, now: Timestamp, settings: RunSettings) {
        self.init(policy: policy, now: now, failOn: settings.failOn.value, toolVersion: PolicyCheckVersion.current)
        excludeGlobs = settings.exclude.value
        includeGlobs = settings.include.value
        jobs = settings.jobs.value
        inputFormat = settings.inputFormat.value
        adapterOptions.offering = settings.offering.value
        maxFileBytes = settings.maxFileBytes.value
    }
}

enum OutputFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json
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
        guard let bytes = ByteSize.parse(argument) else { return nil }
        self.bytes = bytes
    }
}

extension CheckCommand: BulkOperandCommand {
    mutating func expandOperands(_ runs: [[String]]) { paths = BulkOperands.expand(paths, runs: runs) }
}
