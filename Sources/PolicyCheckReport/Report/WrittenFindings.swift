import PolicyCheckModel
import PolicyCheckPolicy

/// What a report streamed as its inputs were checked (`CheckRun.streamsGroups`) wrote already and no longer holds:
/// the findings' counts, for the summary and the exit code, and the files whose groups were written.
public struct WrittenFindings: Sendable {
    /// Findings written, by severity (`Severity.allCases` order).
    public private(set) var bySeverity = [Int](repeating: 0, count: Severity.allCases.count)
    public private(set) var suppressed = 0
    /// Written findings at or above the run's threshold and not suppressed.
    public private(set) var failing = 0
    /// Files whose group (diagnostics and findings) was written.
    public var files: Set<String> = []
    /// `file:line` of the inline ignores written findings used (a stale-ignore warning there is not stale).
    public var usedIgnores: Set<String> = []

    public init() {}

    public var count: Int { bySeverity.reduce(0, +) }

    /// Counts a written finding.
    public mutating func add(_ finding: Finding, failOn: Severity?) {
        bySeverity[Severity.allCases.firstIndex(of: finding.severity)!] += 1
        if finding.isSuppressed {
            suppressed += 1
            if let location = finding.inlineIgnoreLocation { usedIgnores.insert(location) }
        } else if let failOn, finding.severity >= failOn {
            failing += 1
        }
    }

    func count(of severity: Severity) -> Int { bySeverity[Severity.allCases.firstIndex(of: severity)!] }
}

extension CheckReport {
    /// Findings of the run, written or held.
    public var findingCount: Int { findings.count + written.count }

    /// Suppressed findings of the run, written or held.
    public var suppressedCount: Int { written.suppressed + findings.reduce(0) { $0 + ($1.isSuppressed ? 1 : 0) } }
}
