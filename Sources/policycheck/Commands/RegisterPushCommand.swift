import ArgumentParser
import Foundation
import PolicyCheckKit
import PolicyCheckRegister

/// `policycheck register push BUNDLE…`: verify each bundle, then store all their runs in one transaction.
struct RegisterPushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Verify evidence bundles and store their runs in the register (all or nothing).",
        discussion: """
            Every bundle is verified first (its pages against evidence.json, and with --pubkey its signature). If any \
            bundle fails, none is stored, the refusal is recorded for the period report, and the exit code is 2. \
            Pushing a run again changes nothing. Exit codes: 0 stored (or already stored), 2 refused or the register \
            cannot be used.
            """
    )

    @Argument(help: ArgumentHelp("Evidence bundle directories (written by policycheck report).", valueName: "bundle"))
    var bundles: [String]

    @Option(help: ArgumentHelp("Require each bundle to be signed by this key (PEM or DER public key, or a certificate).", valueName: "pub.pem"))
    var pubkey: String?

    @OptionGroup var registerOptions: RegisterOptions

    func validate() throws {
        guard !bundles.isEmpty else { throw ValidationError("give at least one bundle directory") }
    }

    func run() throws {
        let key = try pubkey.map { try EvidenceInputFiles.read($0, what: "public key") }
        var runs: [RunRecord] = []
        var refusals: [Refusal] = []
        for bundle in bundles {
            switch BundleIntake.read(bundle, publicKeyPEM: key) {
            case .run(let run): runs.append(run)
            case .refused(let refusal): refusals.append(refusal)
            }
        }
        let register = try registerOptions.open()
        let pushed = runs
        let refused = refusals
        // The push's clock, read once here and passed down: a refusal is recorded at this time, never at the time the
        // refused bundle claims (a forger would backdate it out of the audited period).
        let now = Int64(Date().timeIntervalSince1970)
        do {
            let results = try AsyncBridge.wait { () async throws -> [PushPlan.Result] in
                do {
                    var results: [PushPlan.Result] = []
                    if refused.isEmpty {
                        results = try await register.push(pushed)
                    } else {
                        for refusal in refused { try await register.record(refusal, at: now) }
                    }
                    await register.close()
                    return results
                } catch {
                    await register.close()
                    throw error
                }
            }
            if !refusals.isEmpty {
                var failure = CommandFailure(lines: refusals.map {
                    RegisterError.refused(bundle: $0.bundle, reason: $0.reason).description
                })
                if !runs.isEmpty {
                    failure.lines.append("policycheck: error: \(runs.count) verified bundles not stored either: a push is all or nothing")
                }
                throw failure
            }
            // Repository and ref are whatever the bundle says (verified pages do not vouch for evidence.json without
            // --pubkey): each line is cleaned for the terminal or CI log (docs/security.md).
            var out = ""
            for (run, result) in zip(runs, results) {
                switch result {
                case .alreadyStored: out += TerminalText.clean("already stored \(run.runId) \(run.repository) \(run.ref)") + "\n"
                case .stored(let status):
                    out += TerminalText.clean("stored \(run.runId) \(run.repository) \(run.ref) chain: \(status.rawValue)"
                        + (status.isBreak ? " (a break: see docs/audit.md)" : "")) + "\n"
                }
            }
            Console.out(out)
        } catch let error as RegisterError {
            throw CommandFailure(error)
        }
    }
}

extension RegisterPushCommand: BulkOperandCommand {
    mutating func expandOperands(_ runs: [[String]]) { bundles = BulkOperands.expand(bundles, runs: runs) }
}
