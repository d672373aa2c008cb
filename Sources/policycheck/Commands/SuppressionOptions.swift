import ArgumentParser
import PolicyCheckKit

/// `--waivers`, `--baseline`, `--write-baseline`, `--no-inline-ignores`: shared by `check` and `report`.
struct SuppressionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A waiver file (YAML, docs/waivers.md): approved, expiring exceptions.", valueName: "file"))
    var waivers: String?

    @Option(help: ArgumentHelp("Fail only on findings not recorded in this baseline; recorded ones stay listed.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record this run's findings (not waived or ignored inline) as a baseline.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .customLong("no-inline-ignores"), help: "Ignore policycheck:ignore comments, CloudFormation metadata and Kubernetes annotations: show everything.")
    var noInlineIgnores = false

    /// Reads the waiver and baseline files; any problem is reported on stderr and exits 2.
    func load(_ policy: CompiledPolicy) throws -> SuppressionSettings {
        var settings = SuppressionSettings(inlineIgnores: !noInlineIgnores)
        do {
            if let waivers { settings.waivers = try WaiverFile.load(path: waivers, ruleIds: policy.rules.map(\.rule.id)) }
            if let baseline { settings.baseline = try BaselineReader.load(path: baseline) }
        } catch {
            for item in error.items { Console.error(item.description) }
            throw ExitCode(2)
        }
        return settings
    }

    /// Warns about expired and stale waivers, and writes the baseline when asked.
    func finish(_ report: CheckReport) throws {
        for status in report.waivers {
            if let warning = status.warning { Console.error(warning) }
        }
        guard let writeBaseline else { return }
        guard report.errors.isEmpty else {
            Console.error("\(writeBaseline): error: baseline not written: some inputs could not be checked")
            throw ExitCode(2)
        }
        do {
            try OutputFile.write(Baseline(recording: report.findings, source: writeBaseline).render(), to: writeBaseline)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}
