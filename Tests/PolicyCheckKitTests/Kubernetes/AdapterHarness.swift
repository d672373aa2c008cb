import Foundation
@testable import PolicyCheckInput
@testable import PolicyCheckKit
import PolicyCheckSyntax

/// Reads fixtures and inline texts through the real input pipeline (detection included) and evaluates them with
/// the default pack, for the Kubernetes and provisioner adapter tests.
enum AdapterHarness {
    static let now = Timestamp(iso8601: "2026-11-29")!

    /// `Tests/PolicyCheckKitTests/Fixtures`.
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")

    /// Reads a fixture, e.g. `kubernetes/fail-stack.yaml`.
    static func read(fixture name: String, options: AdapterOptions = AdapterOptions()) -> InputReader.Result {
        let input = InputDiscovery.Input(path: fixtures.appending(path: name).path, displayPath: name, isExplicit: true)
        var reader = InputReader()
        reader.options = options
        return reader.read(input)
    }

    /// Reads text as if it were a file.
    static func read(text: String, name: String = "inline.yaml", options: AdapterOptions = AdapterOptions()) -> InputReader.Result {
        let input = InputDiscovery.Input(path: "-", displayPath: name, isExplicit: true)
        var reader = InputReader()
        reader.options = options
        return reader.read(input, stdin: Array(text.utf8))
    }

    /// Every finding for the deployments, in report order.
    static func findings(_ deployments: [Deployment]) throws -> [Finding] {
        let evaluator = Evaluator(policy: CompiledPolicy(packs: [try PolicyLoader().loadDefault()]))
        return deployments.flatMap { evaluator.evaluate($0, context: CheckContext(now: now)).findings }
    }

    /// Every finding for a fixture.
    static func findings(fixture name: String, options: AdapterOptions = AdapterOptions()) throws -> [Finding] {
        try findings(read(fixture: name, options: options).deployments)
    }

    /// `rule line:column resource` for each finding: compact, exact, and readable when an expectation fails.
    static func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.ruleId) \($0.line):\($0.column) \($0.resource)" }
    }
}
