import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import PolicyCheckSyntax

/// Policy packs and manifests from text, for tests that write small variants inline.
enum PackText {
    /// The package root (for docs/, samples/ and policies/).
    static let packageRoot = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func root(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// Loads a pack from text, shown as `path`.
    static func load(_ yaml: String, path: String = "pack.yaml") throws(Diagnostics) -> CompiledPolicy {
        CompiledPolicy(packs: [try PolicyLoader().load(source: SourceFile(path: path, bytes: Array(yaml.utf8)))])
    }

    /// Every diagnostic (warnings included) of a pack written as text.
    static func lint(_ yaml: String, path: String = "pack.yaml") -> [Diagnostic] {
        PolicyLoader().lint(source: SourceFile(path: path, bytes: Array(yaml.utf8)))
    }

    /// A one-rule custom pack around a `select`/`assert` body (indented as rule fields).
    static func customRule(_ body: String, severity: String = "high") -> String {
        """
        apiVersion: policycheck/v1
        kind: PolicyPack
        metadata: {id: test, version: 1.0.0, title: Test}
        rules:
          - id: T-001
            title: Ensure the test holds
            severity: \(severity)
            controls: [SOC2:CC6.1]
        \(body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    /// A temporary directory holding files (relative path → text).
    static func directory(_ files: [String: String]) throws -> URL {
        let url = ScratchFolder.path("policycheck-kit")
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return url
    }
}
