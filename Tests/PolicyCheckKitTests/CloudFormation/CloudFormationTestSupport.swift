import Foundation
@testable import PolicyCheckInput
@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Reading templates and evaluating them with the default pack, for the CloudFormation tests.
enum CloudFormationTesting {
    /// The package root, from this file's path (`Tests/PolicyCheckKitTests/CloudFormation/…`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/cloudformation")
    /// Checkov's CloudFormation fixtures, kept in the package (provenance and licence in
    /// `Fixtures/real-world/PROVENANCE.md`), so the corpus tests run on a fresh clone.
    static let corpus = packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/real-world/checkov-cloudformation")

    static let policy: CompiledPolicy = {
        do { return CompiledPolicy(packs: [try PolicyLoader().loadDefault()]) } catch { fatalError("default pack: \(error)") }
    }()

    static let context = CheckContext(now: Timestamp(iso8601: "2026-11-29")!)

    /// The deployments a template text becomes (detection included); throws the adapter's diagnostics.
    static func deployments(_ text: String, path: String = "template.yaml",
                            options: AdapterOptions = AdapterOptions()) throws -> [Deployment] {
        let source = SourceFile(path: path, bytes: Array(text.utf8))
        let documents = try InputReader().parse(Array(text.utf8))
        let adapter = try #require(AdapterRegistry.detect(documents), "no adapter recognises \(path)")
        return try adapter.read(documents, source, options).get()
    }

    /// The one deployment of a template text.
    static func deployment(_ text: String, path: String = "template.yaml") throws -> Deployment {
        let all = try deployments(text, path: path)
        try #require(all.count == 1)
        return all[0]
    }

    /// Findings for a template text.
    static func findings(_ text: String, path: String = "template.yaml") throws -> [Finding] {
        try deployments(text, path: path).flatMap { Evaluator(policy: policy).evaluate($0, context: context).findings }
    }

    /// A check run over files, as the command line does it.
    static func run(_ paths: [String]) -> CheckReport {
        CheckRun(policy: policy, now: context.now, failOn: .low, toolVersion: "test").run(paths: paths)
    }

    /// A fixture file's text.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }
}

extension Finding {
    /// `line:column severity RULE resource path`, for compact expectations.
    var cfnSummary: String { "\(line):\(column) \(severity.rawValue) \(ruleId) \(resource) \(path)" }

    /// `line:column resource path`, and `(cannot verify)` when it is: one rule's findings, compactly.
    var placeSummary: String { "\(line):\(column) \(resource) \(path)\(cannotVerify ? " (cannot verify)" : "")" }
}

extension CloudFormationTesting {
    /// One rule's findings for a template text, as `placeSummary`s.
    static func places(_ ruleId: String, _ text: String, path: String = "template.yaml") throws -> [String] {
        try findings(text, path: path).filter { $0.ruleId == ruleId }.map(\.placeSummary)
    }
}
