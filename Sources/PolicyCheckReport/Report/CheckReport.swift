import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Everything one run produced, for reporters to render. Reporters only render; they decide nothing.
public struct CheckReport: Sendable {
    public var toolName = "policycheck"
    public var toolVersion: String
    /// The evaluation time (from `--now`, `SOURCE_DATE_EPOCH` or the clock).
    public var evaluatedAt: Timestamp
    /// Findings at or above this severity fail the run; `nil` means never.
    public var failOn: Severity?
    public var packs: [PackSummary]
    /// The rules in force, in pack order (SARIF lists them all, with or without findings).
    public var rules: [PolicyRule] = []
    /// Inputs that were checked (had at least one deployment).
    public var filesChecked: [String]
    /// Files found in directories and skipped, with the reason.
    public var filesSkipped: [SkippedFile]
    /// Deployments read from manifests and infrastructure code (key files are counted apart).
    public var deploymentCount: Int
    /// Key files inspected (found in the tree, or named to `keys verify`).
    public var keyFileCount = 0
    /// The findings the report holds (in report order): all of them, but for those a streamed text report wrote
    /// as the run went (`written`), which only the text reporter's closing (`TextReporter.writeClosing`) may follow.
    public var findings: [Finding]
    /// Findings written before the report was assembled: counted, no longer held.
    public var written = WrittenFindings()
    public var errors: [Diagnostic]
    /// Problems that do not stop the run or change its exit code: inline ignores that matched no finding.
    public var warnings: [Diagnostic] = []
    public var outcomes: OutcomeTable
    /// What each waiver of `--waivers` did, in file order (empty without a waiver file).
    public var waivers: [WaiverStatus] = []
    /// Every input of the run: evaluated, skipped or not checkable.
    public var inputs: [InputRecord] = []
    /// Key material files the run inspected (in the tree and referenced by BYOK materials): never their bytes.
    public var keyFiles: [KeyFile] = []

    public init(toolVersion: String, evaluatedAt: Timestamp, failOn: Severity?, packs: [PackSummary],
                filesChecked: [String], filesSkipped: [SkippedFile], deploymentCount: Int, findings: [Finding],
                errors: [Diagnostic], outcomes: OutcomeTable) {
        self.toolVersion = toolVersion
        self.evaluatedAt = evaluatedAt
        self.failOn = failOn
        self.packs = packs
        self.filesChecked = filesChecked
        self.filesSkipped = filesSkipped
        self.deploymentCount = deploymentCount
        self.findings = findings
        self.errors = errors
        self.outcomes = outcomes
    }

    /// Findings at or above the threshold.
    public var failingFindings: [Finding] {
        findings.filter(isFailing)
    }

    /// How many findings are at or above the threshold (without collecting them).
    public var failingCount: Int {
        written.failing + findings.reduce(0) { $0 + (isFailing($1) ? 1 : 0) }
    }

    /// Whether a finding counts toward the exit code.
    public func isFailing(_ finding: Finding) -> Bool {
        guard let failOn else { return false }
        return finding.severity >= failOn && !finding.isSuppressed
    }

    /// 0 nothing at or above the threshold, 1 findings at or above it, 2 could not check something.
    public var exitCode: Int32 {
        if !errors.isEmpty { return 2 }
        return written.failing > 0 || findings.contains(where: isFailing) ? 1 : 0
    }

    /// Findings kept visible but not failing (waived, ignored inline, or in the baseline).
    public var suppressedFindings: [Finding] { findings.filter(\.isSuppressed) }

    /// Waivers that matched no finding.
    public var staleWaivers: [WaiverStatus] { waivers.filter { $0.state == .stale } }

    /// Counts per severity, most severe first (one pass over the findings).
    public var countsBySeverity: [(Severity, Int)] {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        return Severity.allCases.reversed().map { ($0, (counts[$0] ?? 0) + written.count(of: $0)) }
    }
}

/// A pack in force, for report headers.
public struct PackSummary: Sendable, Hashable {
    public var id: String
    public var version: String
    public var origin: String
    public var ruleCount: Int

    public init(id: String, version: String, origin: String, ruleCount: Int) {
        self.id = id
        self.version = version
        self.origin = origin
        self.ruleCount = ruleCount
    }
}

/// A file found in a directory that was not checked, and why.
public struct SkippedFile: Sendable, Hashable {
    public var file: String
    /// `kind: detail`, e.g. `JSON with comments: tsconfig.json is a JSONC file by convention`.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// The reason's label (the text before its first `: `), which reports count skips by.
    public var kind: String {
        reason.range(of: ": ").map { String(reason[..<$0.lowerBound]) } ?? reason
    }
}

extension CheckReport {
    /// Skips counted by kind, most frequent first (then by name): `[("not a manifest", 12), ("Helm template", 1)]`.
    public var skipsByKind: [(kind: String, count: Int)] {
        var counts: [String: Int] = [:]
        for skipped in filesSkipped { counts[skipped.kind, default: 0] += 1 }
        return counts.map { (kind: $0.key, count: $0.value) }.sorted { ($1.count, $0.kind) < ($0.count, $1.kind) }
    }

    /// `2 JSON with comments, 1 Helm template`.
    public var skipSummary: String {
        skipsByKind.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
    }
}
