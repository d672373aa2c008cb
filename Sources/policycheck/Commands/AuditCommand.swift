import ArgumentParser
import Foundation
import KeyMaterial
import PolicyCheckKit
import PolicyCheckRegister

/// `policycheck audit --from DATE --to DATE --out DIR`: the period bundle for a SOC 2 Type 2 audit (docs/audit.md).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Write a period evidence bundle from the register: population, control operation, finding lifecycle, exceptions, sample.",
        discussion: """
            The bundle (report.html, report.md, evidence.json[.sig]) depends only on the register's contents, the \
            options and the seed: the same inputs give the same bytes. Verify it with verify-report. Exit codes: 0 \
            written, 2 bad options, an unusable register or signing key, or the bundle could not be written.
            """
    )

    @Option(help: ArgumentHelp("First day of the period (UTC).", valueName: "yyyy-mm-dd"))
    var from: String

    @Option(help: ArgumentHelp("Last day of the period (UTC), included.", valueName: "yyyy-mm-dd"))
    var to: String

    @Option(help: ArgumentHelp("Only this repository; repeatable (default: every repository in the register).", valueName: "owner/name"))
    var repository: [String] = []

    @Option(help: ArgumentHelp("The directory to write the bundle into.", valueName: "dir"))
    var out: String

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Sign evidence.json with this private key (Ed25519, ECDSA P-256/P-384, RSA ≥ 3072).", valueName: "key.pem"))
    var signKey: String?

    @Option(name: .customLong("protected-ref"), help: ArgumentHelp("A ref expected to run every day; repeatable (default: main or master, as each repository uses).", valueName: "ref"))
    var protectedRef: [String] = []

    @Option(help: ArgumentHelp("Days a finding of a severity may stay open, e.g. critical=7; repeatable (default critical=7, high=30).", valueName: "severity=days"))
    var sla: [String] = []

    @Option(help: ArgumentHelp("Seed of the sample (default: derived from the period and repositories).", valueName: "n"))
    var seed: UInt64?

    @OptionGroup var registerOptions: RegisterOptions

    func validate() throws {
        for item in sla {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, Severity(rawValue: String(parts[0])) != nil, let days = Int(parts[1]), days >= 0 else {
                throw ValidationError("--sla takes severity=days (critical, high, medium, low or info; days ≥ 0), found '\(item)'")
            }
        }
    }

    func run() throws {
        let period: AuditPeriod
        do {
            var slaDays = AuditPeriod.defaultSLADays
            for item in sla {
                let parts = item.split(separator: "=", maxSplits: 1)
                slaDays[String(parts[0])] = Int(parts[1])
            }
            period = try AuditPeriod(from: from, to: to, repositories: repository, protectedRefs: protectedRef,
                                     slaDays: slaDays, seed: seed)
        } catch {
            throw CommandFailure(error)
        }
        let signingKey = try signKey.map { try EvidenceInputFiles.read($0, what: "signing key") }
        let register = try registerOptions.open(readOnly: true)
        let data: PeriodData
        do {
            data = try AsyncBridge.wait { () async throws -> PeriodData in
                do {
                    let data = try await PeriodLoader.load(register, period: period)
                    await register.close()
                    return data
                } catch {
                    await register.close()
                    throw error
                }
            }
        } catch let error as RegisterError {
            throw CommandFailure(error)
        }
        let report = PeriodReport(data, period: period)
        let files: [(name: String, bytes: [UInt8])]
        do {
            files = try PeriodBundle.make(report, toolVersion: PolicyCheckVersion.current, signingKey: signingKey)
        } catch {
            throw CommandFailure("\(signKey ?? "--sign-key"): error: cannot sign: \(error.description)")
        }
        do {
            try BundleDirectory.write(files: files, to: out)
        } catch {
            throw CommandFailure(error)
        }
        let population = report.population
        Console.out(TerminalText.cleanLines("""
            Wrote \(files.map(\.name).joined(separator: ", ")) to \(out)
            \(report.runs.count) runs in \(population.chains.count) repository/ref chains · \(population.breaks.count) chain breaks · \
            \(population.missingDays.reduce(0) { $0 + $1.dates.count }) days without a run on a protected ref · \
            \(population.refusals.count) refused bundles · \(report.lifecycle.pastSLA.count) findings past the SLA · \
            \(report.lifecycle.episodes.filter { $0.state == .notEvaluated }.count) not evaluated since their last report · \
            sample of \(report.sample.groups.reduce(0) { $0 + $1.size }) runs (seed \(report.sample.seed))

            """))
    }
}
