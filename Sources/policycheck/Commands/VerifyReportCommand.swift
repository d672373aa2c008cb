import ArgumentParser
import Foundation
import PolicyCheckKit

/// `policycheck verify-report DIR --pubkey PUB.pem`: is the evidence bundle intact?
struct VerifyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-report",
        abstract: "Verify an evidence bundle: the signature over evidence.json, then every SHA-256 it lists.",
        discussion: """
            Inputs are checked when present at their recorded paths (relative to --inputs-root); absent ones are \
            listed as not checked. A Terraform module folder is checked file by file from the list evidence.json \
            records, and a Terraform file added to it since the run is a change. Exit codes: 0 intact (the signature verified with --pubkey and every hash \
            matches), 1 something changed (named), 2 the bundle cannot be read, 3 not authenticated (UNVERIFIED: \
            signed but no --pubkey given; UNSIGNED: no signature) though every hash matches.
            """
    )

    @Argument(help: ArgumentHelp("The bundle directory.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The signer's public key (PEM or DER, or a certificate).", valueName: "pub.pem"))
    var pubkey: String?

    @Option(name: .customLong("inputs-root"), help: ArgumentHelp("The directory the report was made in (default: here).", valueName: "dir"))
    var inputsRoot: String = "."

    @Option(help: ArgumentHelp("The previous bundle's evidence.json: check the chain link.", valueName: "file"))
    var previous: String?

    func run() throws {
        let key = try pubkey.map { try EvidenceInputFiles.read($0, what: "public key") }
        let checks: [BundleVerifier.Check]
        do {
            checks = try BundleVerifier.verify(directory: directory, publicKeyPEM: key, inputsRoot: inputsRoot,
                                               previousEvidence: previous)
        } catch {
            throw CommandFailure(error)
        }
        var out = ""
        for check in checks {
            // Subjects are recorded input names: cleaned, so none can paint over another line.
            out += "\(Self.label(check.result)) \(TerminalText.clean(check.subject)): \(TerminalText.clean(check.detail))\n"
        }
        let verdict = BundleVerdict(checks)
        let passed = checks.filter { $0.result == .ok }.count
        let skipped = checks.filter { $0.result == .skipped }.count
        switch verdict {
        case .intact:
            out += "INTACT: \(passed) checks passed, \(skipped) skipped\n"
        case .altered:
            out += "ALTERED: \(checks.filter { $0.result == .changed }.map { TerminalText.clean($0.subject) }.joined(separator: ", "))\n"
        case .unverified:
            out += "UNVERIFIED: the bundle is signed but no --pubkey was given; \(passed) hashes match, which proves consistency, not authenticity\n"
        case .unsigned:
            out += "UNSIGNED: the bundle carries no signature; \(passed) hashes match, which proves consistency, not authenticity\n"
        }
        Console.out(out)
        throw ExitCode(verdict.exitCode)
    }

    private static func label(_ result: BundleVerifier.Check.Result) -> String {
        switch result {
        case .ok: return "ok     "
        case .changed: return "CHANGED"
        case .skipped: return "skipped"
        case .unverified: return "no key "
        }
    }
}
