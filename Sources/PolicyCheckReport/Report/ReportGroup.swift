import PolicyCheckModel
import PolicyCheckPolicy

/// One file's part of a report streamed as its inputs are checked: its errors and warnings, and its findings in
/// report order (`TextReporter.writeGroup`).
public struct ReportGroup: Sendable {
    public var file: String
    public var diagnostics: [Diagnostic]
    public var findings: [Finding]

    public init(file: String, diagnostics: [Diagnostic] = [], findings: [Finding] = []) {
        self.file = file
        self.diagnostics = diagnostics
        self.findings = findings
    }

    public var isEmpty: Bool { diagnostics.isEmpty && findings.isEmpty }
}
