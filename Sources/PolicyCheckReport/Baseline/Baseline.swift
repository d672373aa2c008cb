import PolicyCheckPolicy
import PolicyCheckModel
import PolicyCheckSyntax

/// Known findings recorded by `--write-baseline`: with `--baseline`, only findings not recorded (new debt) fail;
/// recorded ones stay listed, suppressed as `baseline`. Entries are keyed by `Finding.fingerprint`, so they survive
/// line moves and reworded messages, but not a changed offending value (fingerprint version 2).
public struct Baseline: Sendable {
    public static let schemaVersion = 1

    /// One recorded finding: the fingerprint and, for people reviewing the file, what it was computed from.
    public struct Entry: Sendable, Hashable, Comparable {
        public var fingerprint: String
        public var ruleId: String
        public var file: String
        public var resource: String
        public var path: String
        /// The deployment a finding in a shared file was reached through (`Finding.deployment`).
        public var deployment: String?

        public init(fingerprint: String, ruleId: String, file: String, resource: String, path: String,
                    deployment: String? = nil) {
            self.fingerprint = fingerprint
            self.ruleId = ruleId
            self.file = file
            self.resource = resource
            self.path = path
            self.deployment = deployment
        }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.file, lhs.ruleId, lhs.resource, lhs.path, lhs.deployment ?? "", lhs.fingerprint)
                < (rhs.file, rhs.ruleId, rhs.resource, rhs.path, rhs.deployment ?? "", rhs.fingerprint)
        }
    }

    /// Sorted, without duplicates.
    public private(set) var entries: [Entry]
    /// Where the baseline was read from (for suppression locations).
    public var source: String
    /// The fingerprint definition the entries use (`FindingFingerprint.version` when recorded by this version).
    public var fingerprintVersion: Int

    public init(entries: [Entry], source: String, fingerprintVersion: Int = FindingFingerprint.version) {
        self.entries = Array(Set(entries)).sorted()
        self.source = source
        self.fingerprintVersion = fingerprintVersion
    }

    /// A version 1 baseline ignores values: a finding whose value changed still matches it.
    public var ignoresValues: Bool { fingerprintVersion < 2 }

    /// Records findings as known debt. Findings waived or ignored inline are left out — they have their own,
    /// expiring justification — while findings already suppressed by a baseline are kept.
    public init(recording findings: [Finding], source: String) {
        let recorded = findings.filter { $0.suppression == nil || $0.suppression?.kind == .baseline }
        self.init(entries: recorded.map {
            Entry(fingerprint: $0.fingerprint, ruleId: $0.ruleId, file: $0.file, resource: $0.resource, path: $0.path,
                  deployment: $0.deployment)
        }, source: source)
    }

    /// Marks findings recorded in the baseline (and not otherwise suppressed) as `baseline`; returns how many.
    /// A finding whose value is withheld as sensitive is never covered: its fingerprint counts the placeholder, not
    /// the value, so a changed value (a template's `SslPolicy` edited to TLS 1.0 while an unused `NoEcho` parameter's
    /// default spells it) would stay "in baseline". Such a finding is waived by rule and resource instead.
    @discardableResult
    public func apply(to findings: inout [Finding]) -> Int {
        apply(to: &findings, known: knownFingerprints)
    }

    /// The recorded fingerprints, for `apply(to:known:)` and `uncoveredWithheld(in:known:)` on a run's files one by
    /// one (built once per run, not per file).
    public var knownFingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    /// `apply(to:)` with the recorded fingerprints given.
    @discardableResult
    public func apply(to findings: inout [Finding], known: Set<String>) -> Int {
        var count = 0
        for index in findings.indices where findings[index].suppression == nil && !findings[index].valueIsWithheld
            && records(findings[index], in: known) {
            findings[index].suppression = Suppression(kind: .baseline, justification: "known finding recorded in the baseline",
                                                      location: source)
            count += 1
        }
        return count
    }

    /// Findings the baseline records that it does not cover because their value is withheld as sensitive (`apply`),
    /// each said as a warning at its place, so a recorded finding that still fails is explained.
    public func uncoveredWithheld(in findings: [Finding]) -> [Diagnostic] {
        uncoveredWithheld(in: findings, known: knownFingerprints)
    }

    /// `uncoveredWithheld(in:)` with the recorded fingerprints given.
    public func uncoveredWithheld(in findings: [Finding], known: Set<String>) -> [Diagnostic] {
        findings.filter { $0.suppression == nil && $0.valueIsWithheld && records($0, in: known) }.map {
            Diagnostic(file: $0.file, location: SourceLocation(line: $0.line, column: $0.column),
                       message: "\($0.ruleId) on \($0.resource) is recorded in the baseline \(source), but its value is "
                           + "withheld as sensitive, so the baseline cannot show it unchanged and does not cover it; "
                           + "waive it by rule and resource instead",
                       severity: .warning)
        }
    }

    /// Whether `finding`'s fingerprint (version 1 for a version 1 baseline) is among the recorded ones.
    private func records(_ finding: Finding, in known: Set<String>) -> Bool {
        known.contains(ignoresValues ? finding.legacyFingerprint : finding.fingerprint)
    }

    /// The baseline file: JSON, versioned, one entry per line group, byte-for-byte deterministic.
    public func render() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("schemaVersion", Self.schemaVersion)
        json.field("fingerprintVersion", fingerprintVersion)
        json.key("findings")
        json.beginArray()
        for entry in entries {
            json.beginObject()
            json.field("fingerprint", entry.fingerprint)
            json.field("ruleId", entry.ruleId)
            json.field("file", entry.file)
            json.field("resource", entry.resource)
            json.field("path", entry.path)
            if let deployment = entry.deployment { json.field("deployment", deployment) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.writtenText + "\n"
    }
}
