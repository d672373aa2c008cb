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

    @OptionGroup var gateOptions: GateOptions

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "Waivers and baselines") var suppressionOptions: SuppressionOptions

    func validate() throws {
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once") }
    }

    func run() throws {
        let settings = try policyOptions.settings(try flags())
        let policy = try gateOptions.load(settings, policyOptions).policy
        let (now, expiry, inForce) = try runOptions.evaluationTime()
        var run = CheckRun(policy: policy, now: now, settings: settings)
        run.expiryTime = expiry
        run.inForceTime = inForce
        run.allowOutsideTree = policyOptions.allowOutsideTree
        run.suppressions = try suppressionOptions.load(policy, settings: settings, now: now, inForce: inForce,
                                                       allowOutsideTree: policyOptions.allowOutsideTree)
        let requests = try reportOptions.requests(settings.outputs)
        run.keepsOutcomes = requests.contains { $0.format.needsOutcomes }
        let progress = ProgressLine.forStandardError()
        if let progress { run.progress = { checked, total in progress.update(checked: checked, total: total) } }
        let stdin = paths.contains("-") ? Console.readStandardInput() : nil
        let streamed = StreamedTextReport(requests: requests, progressShown: progress != nil,
                                          writesBaseline: suppressionOptions.writeBaseline != nil)
        if let streamed { run.streamsGroups = { streamed.write($0) } }
        let report = run.run(paths: paths, stdin: stdin)
        progress?.finish()
        let output = ReportOutput(requests: requests)
        if let streamed { streamed.finish(report) } else { try output.emit(report) }
        try suppressionOptions.finish(report, warningsShown: output.saysWarnings)
        throw ExitCode(report.exitCode)
    }
}

extension CheckCommand {
    /// The flags the user gave, for layering over `.policycheck.yaml`.
    func flags() throws -> RunSettings.Flags {
        var flags = try runOptions.flags()
        suppressionOptions.apply(to: &flags)
        try reportOptions.apply(to: &flags)
        return flags
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
