import ArgumentParser
import PolicyCheckKit

/// The run options `check` and `report` share: threshold, evaluation time, scope, input format, offering, size limit,
/// parallelism and how charts and kustomizations are rendered. One declaration, so both commands take the same flags with the same help.
struct RunOptions: ParsableArguments {
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

    @Option(help: "Files checked in parallel; with fewer files than jobs, a large file's rules share the spare ones (default: the number of cores).")
    var jobs: Int?

    @OptionGroup(title: "Helm charts and kustomizations") var render: RenderOptions

    @OptionGroup(title: "Terraform source") var terraform: TerraformOptions

    func validate() throws {
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The flags as given (absent ones leave `.policycheck.yaml`'s values in force).
    func flags() throws -> RunSettings.Flags {
        var flags = RunSettings.Flags()
        flags.failOn = failOn.map { $0.severity }
        flags.exclude = exclude.isEmpty ? nil : exclude
        flags.inputFormat = inputFormat?.format
        flags.offering = offering?.offering
        flags.jobs = jobs
        flags.maxFileBytes = maxFileSize?.bytes
        render.apply(to: &flags)
        try terraform.apply(to: &flags)
        return flags
    }

    /// The evaluation time: `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
    func evaluationTime() throws -> (time: Timestamp, expiry: Timestamp, inForce: Timestamp) {
        try EvaluationTime.resolveWithBounds(now)
    }
}
