import Foundation
import PolicyCheckKit
import Testing

/// Golden files under `Fixtures/golden`, compared with the version and evaluation time replaced by placeholders.
/// `POLICYCHECK_RECORD_GOLDEN=1 swift test` rewrites them (and fails, so a recording run is never taken for a pass).
enum Golden {
    static let directory = Fixture.directory.appendingPathComponent("golden")
    static let versionPlaceholder = "{{VERSION}}"
    static let datePlaceholder = "{{DATE}}"

    static var isRecording: Bool { ProcessInfo.processInfo.environment["POLICYCHECK_RECORD_GOLDEN"] == "1" }

    /// The text with the version and the evaluation time (with and without the `Z`) as placeholders.
    static func normalise(_ text: String) -> String {
        let date = GoldenReport.evaluatedAt.description
        return text.replacingOccurrences(of: date, with: datePlaceholder)
            .replacingOccurrences(of: String(date.dropLast()), with: datePlaceholder)
            .replacingOccurrences(of: PolicyCheckVersion.current, with: versionPlaceholder)
    }

    static func expect(_ rendered: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        let actual = normalise(rendered)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); run again without POLICYCHECK_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  expected: \($0.element.1)\n  actual:   \($0.element.0)" }
                ?? "lengths differ (\(expectedLines.count) expected lines, \(actualLines.count) actual)"
            Issue.record("\(name) differs from its golden file at \(where_)\n(POLICYCHECK_RECORD_GOLDEN=1 re-records)",
                         sourceLocation: sourceLocation)
        }
    }
}
