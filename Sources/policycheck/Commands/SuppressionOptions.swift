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

    @Flag(name: .customLong("allow-blanket-waivers"), help: "Accept waivers whose rule or resource pattern matches everything (rule: \"*\", resource: \"*\").")
    var allowBlanketWaivers = false

    @Flag(inversion: .prefixedNo, help: "Honour policycheck:ignore comments, CloudFormation metadata and Kubernetes annotations (default); --no-inline-ignores shows everything.")
    var inlineIgnores: Bool?

    /// Adds the flags given to those `.policycheck.yaml` is layered under (`--write-baseline` is a flag only).
    func apply(to flags: inout RunSettings.Flags) {
        flags.waivers = waivers
        flags.baseline = baseline
        flags.inlineIgnores = inlineIgnores
        flags.allowBlanketWaivers = allowBlanketWaivers
    }

    /// Reads the waiver and baseline files the settings name, waivers judged at the evaluation time `now` (and,
    /// for their approval, at `inForce`, the clock's time when that is earlier: `EvaluationClock.inForceTime`); any
    /// problem is reported on stderr and exits 2.
    func load(_ policy: CompiledPolicy, settings run: RunSettings, now: Timestamp, inForce: Timestamp? = nil,
              allowOutsideTree: Bool) throws -> SuppressionSettings {
        if !allowOutsideTree { try Self.refuseOutsideTree(run) }
        var settings = SuppressionSettings(inlineIgnores: run.inlineIgnores.value)
        do {
            if let waivers = run.waivers.value {
                settings.waivers = try WaiverFile.load(path: waivers, ruleIds: policy.rules.map(\.rule.id),
                                                       rules: WaiverRules(evaluatedAt: now, inForceAt: inForce,
                                                                          allowBlanket: run.allowBlanketWaivers,
                                                                          judgedResourceTypes: JudgedResourceTypes.terraform))
            }
            // Writing a baseline starts afresh from the one the settings file names (it may not exist yet); a
            // --baseline flag still applies.
            let fromFile = run.baseline.source != .commandLine
            if let baseline = run.baseline.value, !(writeBaseline != nil && fromFile) {
                settings.baseline = try BaselineReader.load(path: baseline)
                if settings.baseline?.ignoresValues == true {
                    Console.error("\(baseline): warning: baseline fingerprints are version 1, which ignore the offending value "
                                  + "(a changed value stays in the baseline); rewrite it with --write-baseline")
                } else if let version = settings.baseline?.fingerprintVersion, version < 3 {
                    Console.error("\(baseline): warning: baseline fingerprints are version \(version), which do not name the "
                                  + "deployment of a finding in a shared module or base (such findings show as new; an entry "
                                  + "may stand for any deployment using that file); rewrite it with --write-baseline")
                } else if let version = settings.baseline?.fingerprintVersion, version < FindingFingerprint.version {
                    Console.error("\(baseline): warning: baseline fingerprints are version \(version), which do not count "
                                  + "the ports a world-open entry opens (such findings show as new); rewrite it with --write-baseline")
                }
            }
        } catch {
            throw CommandFailure(error)
        }
        return settings
    }

    /// A configuration file found in the checked tree (the pull request's) may name the files it reads or writes —
    /// policy packs, a waiver file, a baseline, report outputs — only inside the working directory's tree or below
    /// its own folder, as `extends:` may: `baseline: /proc/self/environ` or `../../elsewhere.json` made policycheck
    /// read a file outside the checkout and echo its first word in the error (docs/security.md, row 43);
    /// `policies: [/path/to/.env]` echoed its keys (`unknown field 'SECRET_TOKEN'`) and `outputs: [{format: json,
    /// path: /home/runner/.profile}]` overwrote a file outside it. `--config FILE` and the flags are the caller's,
    /// and trusted. Called before any of them is opened (`PolicyOptions.loadAudited`).
    static func refuseOutsideTree(_ run: RunSettings) throws {
        guard run.configDiscovered, let configFile = run.configFile else { return }
        let folder = InputPath.parent(of: configFile)
        let trees = [CheckedTree.workingDirectory, CheckedTree(root: folder.isEmpty ? "." : folder)]
        let named: [(name: String, source: RunSettings.Source, paths: [String])] = [
            ("policies", run.policies.source, run.policies.value),
            ("waivers", run.waivers.source, run.waivers.value.map { [$0] } ?? []),
            ("baseline", run.baseline.source, run.baseline.value.map { [$0] } ?? []),
            ("outputs", run.outputs.source, run.outputs.value.compactMap(\.path)),
        ]
        var lines: [String] = []
        for (name, source, paths) in named {
            guard case .configFile(let location) = source,
                  paths.contains(where: { path in !trees.contains { $0.contains(path) } }) else { continue }
            lines.append("\(location): error: '\(name)' names a file that \(CheckedTree.refusal)")
        }
        if !lines.isEmpty { throw CommandFailure(lines: lines) }
    }

    /// Warns about expired and stale waivers, and about the report's warnings (stale inline ignores, what an input
    /// names but was not checked) unless `warningsShown` — the report already showed them to the person at the
    /// console, and a warning is said once per stream (docs/output.md, "Warnings"); writes the baseline when asked.
    func finish(_ report: CheckReport, warningsShown: Bool) throws {
        for status in report.waivers {
            if let warning = status.warning { Console.error(warning) }
        }
        if !warningsShown {
            for warning in report.warnings { Console.error(warning.description) }
        }
        guard let writeBaseline else { return }
        guard report.errors.isEmpty else {
            throw CommandFailure("\(writeBaseline): error: baseline not written: some inputs could not be checked")
        }
        do {
            try OutputFile.write(Baseline(recording: report.findings, source: writeBaseline).render(), to: writeBaseline)
        } catch {
            throw CommandFailure(error)
        }
    }
}
