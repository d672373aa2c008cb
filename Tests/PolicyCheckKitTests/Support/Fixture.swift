import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Fixture manifests and policy packs under `Tests/PolicyCheckKitTests/Fixtures`, located through `#filePath` (no
/// SwiftPM resources), read and evaluated with the default pack at a fixed evaluation time.
enum Fixture {
    /// The fixed evaluation time every rule test judges expiry against.
    static let now = Timestamp(iso8601: "2026-11-29T00:00:00Z")!

    /// `Tests/PolicyCheckKitTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PolicyCheckKitTests
        .appendingPathComponent("Fixtures")

    /// The default pack, compiled once.
    static let defaultPolicy: CompiledPolicy = {
        do {
            return try PolicySources.load([])
        } catch {
            fatalError("the default policy pack does not load: \(error)")
        }
    }()

    /// The absolute path of a fixture, e.g. `native/network/world-open/fail.yaml`.
    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    /// What reading and evaluating one fixture produced.
    struct Result {
        var deployments: [Deployment]
        var findings: [Finding]
        var outcomes: [RuleOutcome]
        var errors: [Diagnostic]

        func findings(_ ruleId: String) -> [Finding] { findings.filter { $0.ruleId == ruleId } }

        /// The distinct rule ids with findings.
        var ruleIds: Set<String> { Set(findings.map(\.ruleId)) }

        /// Findings as one line each, for failure messages.
        var summary: String {
            let lines = findings.map { "\($0.ruleId) \($0.severity) \($0.line):\($0.column) \($0.resource): \($0.message)" }
                + errors.map(\.description)
            return lines.isEmpty ? "(no findings, no errors)" : lines.joined(separator: "\n")
        }
    }

    /// Reads a fixture the way `policycheck check <file>` does and evaluates every deployment in it.
    /// The file is shown by its path relative to the fixtures directory.
    static func check(_ relative: String, policy: CompiledPolicy = defaultPolicy, now: Timestamp = now) -> Result {
        let input = InputDiscovery.Input(path: path(relative), displayPath: relative, isExplicit: true)
        let read = InputReader().read(input)
        let evaluator = Evaluator(policy: policy)
        let evaluations = read.deployments.map { evaluator.evaluate($0, context: CheckContext(now: now)) }
        return Result(
            deployments: read.deployments,
            findings: evaluations.flatMap(\.findings),
            outcomes: evaluations.flatMap(\.outcomes),
            errors: read.errors
        )
    }

    /// Reads manifest text (every document in it) and evaluates it, as `check` would a file named `path`.
    static func check(yaml: String, path: String = "inline.yaml", policy: CompiledPolicy = defaultPolicy,
                      now: Timestamp = now) -> Result {
        let source = SourceFile(path: path, bytes: Array(yaml.utf8))
        var result = Result(deployments: [], findings: [], outcomes: [], errors: [])
        let documents: [SourceNode]
        do {
            documents = try YAMLReader().read(source.bytes)
        } catch {
            result.errors = [Diagnostic(source, offset: error.offset, error.message)]
            return result
        }
        let evaluator = Evaluator(policy: policy)
        for document in documents {
            do {
                let deployment = try NativeManifestAdapter().deployment(from: document, source: source)
                let evaluation = evaluator.evaluate(deployment, context: CheckContext(now: now))
                result.deployments.append(deployment)
                result.findings += evaluation.findings
                result.outcomes += evaluation.outcomes
            } catch {
                result.errors += error.items
            }
        }
        return result
    }

    /// A fixture's text with replacements applied, checked as if it were the fixture (for variants of one case).
    static func check(_ relative: String, replacing replacements: [(String, String)], now: Timestamp = now) throws -> Result {
        var yaml = try text(relative)
        for (old, new) in replacements {
            #expect(yaml.contains(old), "\(relative) has no '\(old)' to replace")
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        return check(yaml: yaml, path: relative, now: now)
    }

    /// Loads a policy pack fixture (a path under `policies/`) together with nothing else.
    static func policy(_ relative: String) throws(Diagnostics) -> CompiledPolicy {
        try PolicySources.load([path(relative)])
    }

    /// The text of a fixture, for tests that write variants of it.
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
