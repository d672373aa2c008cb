import ArgumentParser
import Foundation
import KeyMaterial
import PolicyCheckKit

/// `policycheck report PATH… --out DIR`: check, then write a SOC 2 evidence bundle (docs/evidence.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Check manifests and write an evidence bundle (report.html, report.md, evidence.json[.sig]).",
        discussion: """
            The bundle is written atomically into DIR. With SOURCE_DATE_EPOCH set it is reproducible: the same inputs \
            give byte-identical files. Exit codes as for check: 0 nothing at or above --fail-on, 1 findings at or above \
            it, 2 could not check or could not write the bundle.
            """
    )

    @Argument(help: ArgumentHelp("Files or directories to check.", valueName: "path"))
    var paths: [String] = ["."]

    @Option(help: ArgumentHelp("The directory to write the bundle into (created if absent).", valueName: "dir"))
    var out: String

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Sign evidence.json with this private key (Ed25519, ECDSA P-256/P-384, RSA ≥ 3072).", valueName: "key.pem"))
    var signKey: String?

    @Option(help: ArgumentHelp("The previous bundle's evidence.json, to chain this bundle to it.", valueName: "file"))
    var previous: String?

    @OptionGroup var policyOptions: PolicyOptions

    @OptionGroup var gateOptions: GateOptions

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "Waivers and baselines") var suppressionOptions: SuppressionOptions

    func validate() throws {
        if paths.contains("-") { throw ValidationError("report reads files and directories, not standard input") }
    }

    func run() throws {
        let started = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let environment = ProcessInfo.processInfo.environment
        // The same settings as `check` (flags over `.policycheck.yaml`), so the bundle covers what the gate checks.
        var flags = try runOptions.flags()
        suppressionOptions.apply(to: &flags)
        let settings = try policyOptions.settings(flags)
        let (policy, audit) = try gateOptions.load(settings, policyOptions)
        let (now, expiry, inForce) = try runOptions.evaluationTime()
        let reproducible = try EvaluationTime.sourceDateEpoch(environment)
        let signingKey = try signKey.map { try EvidenceInputFiles.read($0, what: "signing key") }
        var run = CheckRun(policy: policy, now: now, settings: settings)
        run.expiryTime = expiry
        run.inForceTime = inForce
        run.allowOutsideTree = policyOptions.allowOutsideTree
        run.suppressions = try suppressionOptions.load(policy, settings: settings, now: now, inForce: inForce,
                                                       allowOutsideTree: policyOptions.allowOutsideTree)
        run.hashInputs = true
        var context = EvidenceContext(scope: paths, time: .reproducible(now), ci: CIEnvironment(environment: environment),
                                      binarySHA256: EvidenceInputFiles.executableSHA256(), openSSLVersion: OpenSSLVersion.text)
        context.configFiles = try EvidenceInputFiles.configFiles(settings: settings, waivers: run.suppressions.waivers)
        context.configuration = EvidenceContext.Configuration(settings: settings, audit: audit, treeConfigAllowed: gateOptions.allowTreeConfig)
        context.previous = try previous.map(EvidenceInputFiles.previousLink)
        let report = run.run(paths: paths)
        let finished = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        context.time = reproducible.map { .reproducible($0) } ?? .wallClock(started: started, finished: finished)
        let bundle: EvidenceBundle
        do {
            bundle = try EvidenceBundle.make(report: report, policy: policy, context: context, signingKey: signingKey)
        } catch {
            throw CommandFailure("\(signKey ?? "--sign-key"): error: cannot sign: \(error.description)")
        }
        do {
            try BundleDirectory.write(bundle, to: out)
        } catch {
            throw CommandFailure(error)
        }
        for error in report.errors { Console.error(error.description) }
        try suppressionOptions.finish(report, warningsShown: false)
        Console.out("Wrote \(bundle.files.map(\.name).joined(separator: ", ")) to \(out) (run \(bundle.document.runId))\n")
        Console.out(TextReporter().summary(report) + "\n")
        throw ExitCode(report.exitCode)
    }
}

extension EvaluationTime {
    /// The `SOURCE_DATE_EPOCH` time when set (a reproducible bundle), else `nil`.
    static func sourceDateEpoch(_ environment: [String: String]) throws -> Timestamp? {
        guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return nil }
        guard let seconds = Int64(text), seconds >= 0 else {
            throw CommandFailure("SOURCE_DATE_EPOCH: error: '\(text)' is not a whole number of seconds since 1970-01-01")
        }
        guard seconds <= EvaluationClock.latestSourceDateEpoch else {
            throw CommandFailure("SOURCE_DATE_EPOCH: error: '\(text)' is after 9999-12-31T23:59:59Z, the last time a report can write")
        }
        return Timestamp(secondsSinceEpoch: seconds)
    }
}
