import ArgumentParser
import Foundation
import KeyMaterial
import PolicyCheckKit

/// `policycheck keys`: inspect and verify key material.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Inspect and verify key material (PEM/DER keys, certificates, raw keys, KMS import artifacts).",
        subcommands: [KeysInspectCommand.self, KeysVerifyCommand.self]
    )
}

/// `policycheck keys inspect FILE…`: say exactly what each file holds. Never prints key bytes.
struct KeysInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what each file holds: kind, algorithm, size, curve, encoding, container, SPKI SHA-256.",
        discussion: "Exit codes: 0 every file was recognised, 2 a file could not be read or is not key material."
    )

    @Argument(help: ArgumentHelp("Key files to inspect.", valueName: "file"))
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormatOption = .text

    @Option(help: ArgumentHelp("Write the report to a file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        var inventory = KeyInventory()
        for path in files {
            inventory.add(path: path)
        }
        let text = format == .json ? KeyInventoryJSON.render(inventory) : KeyInventoryText.render(inventory)
        if let output {
            do {
                try OutputFile.write(text, to: output)
            } catch {
                throw CommandFailure(error)
            }
            for error in inventory.errors { Console.error(error.description) }
        } else {
            Console.out(text)
        }
        throw ExitCode(inventory.errors.isEmpty ? 0 : 2)
    }
}

/// `policycheck keys verify FILE…`: judge key material against the key-material rules.
struct KeysVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Judge key files against the key-material rules, with OpenSSL's consistency checks.",
        discussion: """
            Writes the same report as `check`. Exit codes: 0 acceptable, 1 findings at or above --fail-on, \
            2 a file could not be read or is not key material.
            """
    )

    @Argument(help: ArgumentHelp("Key files to verify.", valueName: "file"))
    var files: [String]

    @OptionGroup var policyOptions: PolicyOptions

    @OptionGroup var gateOptions: GateOptions

    @OptionGroup var reportOptions: ReportOptions

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low, info or none.")
    var failOn: FailOnOption = .low

    @Option(help: ArgumentHelp("Evaluation time (ISO 8601); defaults to SOURCE_DATE_EPOCH, then the system clock.", valueName: "time"))
    var now: String?

    func run() throws {
        // A gate as `check` is: a `.policycheck.yaml` found upward may not weaken it (tester round 31: one
        // disabling MMC-KM-006 turned an RSA-1024 failure into a pass).
        let policy = try gateOptions.load(try policyOptions.settings(), policyOptions).policy
        let (now, expiry, inForce) = try EvaluationTime.resolveWithBounds(self.now)
        var run = CheckRun(policy: policy, now: now, failOn: failOn.severity, toolVersion: PolicyCheckVersion.current)
        run.expiryTime = expiry
        run.inForceTime = inForce
        run.allowOutsideTree = policyOptions.allowOutsideTree
        run.inputFormat = .keyMaterial
        run.verifyKeys = true
        let report = run.run(paths: files)
        try ReportOutput(requests: reportOptions.requests()).emit(report)
        throw ExitCode(report.exitCode)
    }
}

extension KeysInspectCommand: BulkOperandCommand {
    mutating func expandOperands(_ runs: [[String]]) { files = BulkOperands.expand(files, runs: runs) }
}

extension KeysVerifyCommand: BulkOperandCommand {
    mutating func expandOperands(_ runs: [[String]]) { files = BulkOperands.expand(files, runs: runs) }
}
