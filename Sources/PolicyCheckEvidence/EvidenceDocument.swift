import KeyMaterial
import PolicyCheckPolicy
import PolicyCheckReport

/// The content of an evidence bundle, computed once and rendered three ways (HTML, Markdown, JSON), so that the
/// three files always say the same thing.
public struct EvidenceDocument: Sendable {
    public static let version = 1
    /// What the bundle is, and what it is not.
    public static let disclaimer = "This is management's evidence produced by an automated policy check. "
        + "It is not an auditor's attestation or opinion."

    /// A rule's verdict on one resource, with suppressed failures counted as waived.
    public struct Outcome: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable, CaseIterable {
            case pass, fail, waived
            case notApplicable = "not-applicable"
            case cannotVerify = "cannot-verify"
        }

        public var ruleId: String
        public var resource: String
        public var file: String
        public var status: Status
        /// How a waived outcome was suppressed (waiver, inline, baseline).
        public var suppression: Suppression.Kind?
    }

    /// One control of the matrix: the rules behind it and their outcomes.
    public struct ControlRow: Sendable, Hashable {
        public var control: String
        public var rules: [String]
        public var counts: [Outcome.Status: Int]

        public func count(_ status: Outcome.Status) -> Int { counts[status] ?? 0 }
    }

    public var report: CheckReport
    public var context: EvidenceContext
    public var runId: String
    /// Every rule in force, in pack order.
    public var rules: [PolicyRule]
    /// Pack id, version, origin and SHA-256.
    public var packs: [PolicyPack]
    public var outcomes: [Outcome]
    public var controls: [ControlRow]

    public init(report: CheckReport, policy: CompiledPolicy, context: EvidenceContext) {
        self.report = report
        self.context = context
        rules = policy.rules.map(\.rule)
        packs = policy.packs
        outcomes = Self.outcomes(report)
        controls = Self.controls(rules: rules, outcomes: outcomes)
        runId = Self.runId(report: report, packs: policy.packs, context: context)
    }

    /// `PASS`, `FAIL` or `ERROR`, as the exit code decides.
    public var verdict: String {
        switch report.exitCode {
        case 0: return "PASS"
        case 1: return "FAIL"
        default: return "ERROR"
        }
    }

    /// One sentence that explains the verdict.
    public var verdictExplanation: String {
        let threshold = report.failOn?.rawValue ?? "none"
        switch report.exitCode {
        case 0:
            return "No open finding at or above the '\(threshold)' threshold."
                + (report.suppressedFindings.isEmpty ? "" : " Suppressed findings (\(report.suppressedFindings.count)) stay listed below.")
        case 1:
            let count = report.failingFindings.count
            return "\(count) open finding\(count == 1 ? "" : "s") at or above the '\(threshold)' threshold."
        default:
            return "Part of the population could not be checked (\(report.errors.count) input error\(report.errors.count == 1 ? "" : "s"))."
        }
    }

    public func count(_ status: Outcome.Status) -> Int { outcomes.filter { $0.status == status }.count }

    public func rule(_ id: String) -> PolicyRule? { rules.first { $0.id == id } }

    // MARK: - Derivation

    static func outcomes(_ report: CheckReport) -> [Outcome] {
        var findingsByKey: [String: [Finding]] = [:]
        for finding in report.findings { findingsByKey[key(finding.ruleId, finding.resource, finding.file), default: []].append(finding) }
        return report.outcomes.map { outcome in
            var status: Outcome.Status
            switch outcome.status {
            case .pass: status = .pass
            case .fail: status = .fail
            case .notApplicable: status = .notApplicable
            case .cannotVerify: status = .cannotVerify
            }
            var kind: Suppression.Kind?
            let findings = findingsByKey[key(outcome.ruleId, outcome.resource, outcome.file)] ?? []
            if status == .fail || status == .cannotVerify, !findings.isEmpty, findings.allSatisfy(\.isSuppressed) {
                status = .waived
                kind = findings.first?.suppression?.kind
            }
            return Outcome(ruleId: outcome.ruleId, resource: outcome.resource, file: outcome.file, status: status, suppression: kind)
        }
        .sorted { ($0.file, $0.resource, $0.ruleId) < ($1.file, $1.resource, $1.ruleId) }
    }

    private static func key(_ rule: String, _ resource: String, _ file: String) -> String {
        "\(rule)\u{0}\(resource)\u{0}\(file)"
    }

    /// Outcomes are counted per rule once, then each control adds up its rules' counts: scanning every outcome
    /// once per control (and every control's rules once per outcome) took 18 s for 1,000 rules × 1,000 resources.
    static func controls(rules: [PolicyRule], outcomes: [Outcome]) -> [ControlRow] {
        var rulesByControl: [String: [String]] = [:]
        for rule in rules {
            for control in rule.controls { rulesByControl[control, default: []].append(rule.id) }
        }
        let countsByRule = statusCountsByRule(outcomes)
        return rulesByControl.keys.sorted().map { control in
            let ruleIds = rulesByControl[control] ?? []
            var counts: [Outcome.Status: Int] = [:]
            // A rule listed twice under a control (or twice in the pack) counts its outcomes once.
            var counted: Set<String> = []
            for ruleId in ruleIds where counted.insert(ruleId).inserted {
                for (status, count) in countsByRule[ruleId] ?? [:] { counts[status, default: 0] += count }
            }
            return ControlRow(control: control, rules: ruleIds, counts: counts)
        }
    }

    /// How many outcomes each rule has in each status.
    static func statusCountsByRule(_ outcomes: [Outcome]) -> [String: [Outcome.Status: Int]] {
        var counts: [String: [Outcome.Status: Int]] = [:]
        for outcome in outcomes { counts[outcome.ruleId, default: [:]][outcome.status, default: 0] += 1 }
        return counts
    }

    /// Reproducible runs derive the id from what was checked (inputs, packs, configuration, time) and from which run
    /// it is (the CI system, repository, ref, commit and run URL, when recorded); other runs get a fresh random id.
    /// Without the run's identity the same inputs checked on a pull request and on main, or in two repositories,
    /// shared an id, and the register refused the second run as a conflict (docs/evidence.md, "Reproducibility").
    static func runId(report: CheckReport, packs: [PolicyPack], context: EvidenceContext) -> String {
        guard case .reproducible(let time) = context.time else {
            return randomIdentifier()
        }
        var lines = report.inputs.map { "input \($0.file) \($0.status.rawValue) \($0.sha256 ?? "-")" }.sorted()
        lines += packs.map { "pack \($0.id) \($0.version) \($0.sha256 ?? "-")" }
        lines += context.configFiles.map { "config \($0.role) \($0.sha256)" }.sorted()
        lines.append("time \(time.secondsSinceEpoch)")
        // Absent fields add no line, so a run outside CI keeps the id it always had. Values are escaped so none can
        // end its line and forge another.
        let ci = context.ci
        for (name, value) in [("system", ci.system), ("repository", ci.repository), ("ref", ci.ref), ("commit", ci.commit),
                              ("runUrl", ci.runURL)] {
            if let value { lines.append("ci \(name) " + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")) }
        }
        return String(Digest.sha256(Array(lines.joined(separator: "\n").utf8)).prefix(32))
    }

    /// 32 random lowercase hex digits (128 bits).
    static func randomIdentifier() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let text = String(UInt8.random(in: 0...255, using: &generator), radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
