import Foundation
import PolicyCheckKit
import PolicyCheckSyntax

/// Loads Terraform plan fixtures (located from this file, not as SwiftPM resources) and evaluates them against the
/// default pack.
enum TerraformFixture {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let directory = testsDirectory.appendingPathComponent("Fixtures/terraform")
    /// `/work/shared/corpus`, next to the package root.
    static let corpus = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let now = Timestamp(iso8601: "2026-11-29")!

    /// The path of a fixture, e.g. `fail/violations-eu-west-1.json`.
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A plan read through the adapter, from a fixture file.
    static func deployment(_ name: String, options: AdapterOptions = AdapterOptions()) throws -> Deployment {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        return try deployment(SourceFile(path: name, bytes: bytes), options: options)
    }

    /// A plan read through the adapter, from JSON text.
    static func deployment(json: String, options: AdapterOptions = AdapterOptions()) throws -> Deployment {
        try deployment(SourceFile(path: "inline.json", bytes: Array(json.utf8)), options: options)
    }

    private static func deployment(_ source: SourceFile, options: AdapterOptions) throws -> Deployment {
        let root = try JSONReader().read(source.bytes)
        return try TerraformPlanAdapter().deployment(from: root, source: source, options: options)
    }

    /// One rule's findings for a plan's JSON text.
    static func findings(_ ruleId: String, json: String) throws -> [Finding] {
        try findings(deployment(json: json)).filter { $0.ruleId == ruleId }
    }

    /// The default pack's findings for a deployment.
    static func findings(_ deployment: Deployment) throws -> [Finding] {
        let pack = try PolicyLoader().loadDefault()
        return Evaluator(policy: CompiledPolicy(packs: [pack])).evaluate(deployment, context: CheckContext(now: now)).findings
    }

    /// A check run over paths with the default pack.
    static func run(_ paths: [String]) throws -> CheckReport {
        let pack = try PolicyLoader().loadDefault()
        return CheckRun(policy: CompiledPolicy(packs: [pack]), now: now, failOn: .low, toolVersion: "test").run(paths: paths)
    }
}

extension Finding {
    /// `RULE severity line:column resource`, for exact comparisons.
    var summary: String { "\(ruleId) \(severity.rawValue) \(line):\(column) \(resource)" }
}
