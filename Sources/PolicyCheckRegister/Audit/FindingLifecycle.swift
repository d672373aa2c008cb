/// Each finding's life over the period, matched by fingerprint along its repository/ref chain: first seen, last
/// seen, fixed (the first later run of the chain that evaluated the finding's file and did not report it), time to
/// fix per severity, and findings past the SLA. A run that still reports a finding has not fixed it, whether the
/// finding is open or suppressed (a waiver, an inline ignore, a baseline): the episode stays open, shows the
/// suppression in force and since when, and its age counts against the SLA (docs/audit.md, "Finding lifecycle").
/// A run that did not evaluate the file — it checked other paths, excluded the file, failed to read it, ended in
/// error, or was stored before the register kept input lists — proves no fix: the episode stays open, and when no
/// later run of the period evaluated the file it is `not-evaluated`, not fixed.
public struct FindingLifecycle: Sendable {
    /// Where an episode stands at the end of the period.
    public enum State: String, Sendable, Hashable {
        /// A later run evaluated the finding's file and did not report it.
        case fixed
        /// The chain's last run that evaluated the file still reported it (or the finding is in its last run).
        case open
        /// Reported last by a run after which the chain ran, but no later run evaluated the file: the register
        /// cannot say whether it was fixed.
        case notEvaluated = "not-evaluated"
    }

    public struct Episode: Sendable, Hashable {
        public var fingerprint: String
        public var repository: String
        public var ref: String
        public var ruleId: String
        public var severity: String
        public var resource: String
        public var file: String
        public var firstSeen: Int64
        public var firstRunId: String
        public var lastSeen: Int64
        /// Open in the chain's first run of the period although the chain ran before: it may be older.
        public var carriedIn: Bool
        public var fixedAt: Int64?
        public var fixedRunId: String?
        public var runs: Int
        /// The suppression kind (`waiver`, `inline`, `baseline`) in the episode's last run; nil when it was open there.
        public var suppression: String?
        /// The first run of the current suppressed stretch (with the same kind), when `suppression` is set.
        public var suppressedSince: Int64?
        public var suppressedRunId: String?
        /// The input a later run must evaluate, spelled as the last run reporting the finding listed it, before not
        /// reporting the finding fixes it: its file, or the module, kustomization or chart it was reached through.
        public var input: String
        /// Runs after the last report that did not evaluate `input` (or ended in error, or evaluated no input),
        /// up to the fix or the end of the period.
        public var runsNotEvaluating = 0
        /// Of those, runs stored before the register kept input lists (schema 5): they record none.
        public var runsWithoutInputList = 0

        public var state: State {
            fixedAt != nil ? .fixed : runsNotEvaluating > 0 ? .notEvaluated : .open
        }

        /// Seconds open: to the fix, or to the end of the period.
        public func age(periodEnd: Int64) -> Int64 { (fixedAt ?? periodEnd) - firstSeen }
    }

    public struct SeverityStats: Sendable, Hashable {
        public var severity: String
        public var found: Int
        public var fixed: Int
        /// Episodes still reported by the chain's last run that evaluated their file.
        public var open: Int
        /// Episodes no later run evaluated (`State.notEvaluated`); found = fixed + open + notEvaluated.
        public var notEvaluated: Int
        /// Open episodes whose last run reported them suppressed (counted in `open` too).
        public var suppressed: Int
        /// Seconds; nil when nothing was fixed.
        public var medianTimeToFix: Int64?
        public var maxTimeToFix: Int64?
        public var slaDays: Int?
        public var pastSLA: Int
    }

    public var episodes: [Episode] = []
    public var bySeverity: [SeverityStats] = []
    /// Episodes whose age exceeded their severity's SLA (fixed late, or still open or not evaluated).
    public var pastSLA: [Episode] = []
    /// Runs of the period stored before the register kept input lists (schema 5): they fix no finding.
    public var runsWithoutInputList = 0

    public init(_ data: PeriodData, period: AuditPeriod) {
        // Per run, each fingerprint once: open if any of its rows is unsuppressed, else its suppression kind.
        var findingsByRun: [String: [String: (row: PeriodData.FindingRow, suppression: String?)]] = [:]
        for finding in data.findings {
            let kind = finding.status == "suppressed" ? (finding.suppressionKind ?? "suppressed") : nil
            if let seen = findingsByRun[finding.runId]?[finding.fingerprint] {
                guard let held = seen.suppression else { continue }
                if let kind, kind >= held { continue }
            }
            findingsByRun[finding.runId, default: [:]][finding.fingerprint] = (finding, kind)
        }
        var open: [String: Int] = [:]
        var chain = ""
        var firstOfChain = true
        for run in data.runs {
            if run.chain != chain {
                chain = run.chain
                open = [:]
                firstOfChain = true
            }
            let present = findingsByRun[run.runId] ?? [:]
            for fingerprint in present.keys.sorted() {
                let (finding, suppression) = present[fingerprint]!
                let input = data.inputLists.input(reaching: finding.file, deployment: finding.deployment, list: run.inputList)
                if let index = open[fingerprint] {
                    episodes[index].lastSeen = run.generatedAt
                    episodes[index].runs += 1
                    episodes[index].input = input
                    episodes[index].runsNotEvaluating = 0
                    episodes[index].runsWithoutInputList = 0
                    if suppression != episodes[index].suppression {
                        episodes[index].suppression = suppression
                        episodes[index].suppressedSince = suppression == nil ? nil : run.generatedAt
                        episodes[index].suppressedRunId = suppression == nil ? nil : run.runId
                    }
                } else {
                    open[fingerprint] = episodes.count
                    episodes.append(Episode(fingerprint: fingerprint, repository: run.repository, ref: run.ref,
                                            ruleId: finding.ruleId, severity: finding.severity, resource: finding.resource,
                                            file: finding.file, firstSeen: run.generatedAt, firstRunId: run.runId,
                                            lastSeen: run.generatedAt,
                                            carriedIn: firstOfChain && data.chainsWithEarlierRuns.contains(run.chain),
                                            fixedAt: nil, fixedRunId: nil, runs: 1, suppression: suppression,
                                            suppressedSince: suppression == nil ? nil : run.generatedAt,
                                            suppressedRunId: suppression == nil ? nil : run.runId, input: input))
                }
            }
            // Not reporting a finding proves a fix only in a run that evaluated its file: a run that ended in error, or
            // evaluated no input, or not that one (other paths, an exclude, a file it could not read, no list kept).
            let proves = run.verdict != "error" && run.inputsEvaluated > 0
            for (fingerprint, index) in open where present[fingerprint] == nil {
                if proves && data.inputLists.evaluated(episodes[index].input, list: run.inputList) {
                    episodes[index].fixedAt = run.generatedAt
                    episodes[index].fixedRunId = run.runId
                    open[fingerprint] = nil
                } else {
                    episodes[index].runsNotEvaluating += 1
                    if run.inputList == nil { episodes[index].runsWithoutInputList += 1 }
                }
            }
            firstOfChain = false
        }
        runsWithoutInputList = data.runs.filter { $0.inputList == nil }.count
        let slaSeconds = period.slaDays.mapValues { Int64($0) * 86_400 }
        pastSLA = episodes.filter { episode in
            slaSeconds[episode.severity].map { episode.age(periodEnd: period.end) > $0 } ?? false
        }
        let order = ["critical", "high", "medium", "low", "info"]
        let severities = Set(episodes.map(\.severity)).union(period.slaDays.keys)
            .sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
        bySeverity = severities.map { severity in
            let all = episodes.filter { $0.severity == severity }
            let times = all.compactMap { episode in episode.fixedAt.map { $0 - episode.firstSeen } }.sorted()
            let unevaluated = all.filter { $0.state == .notEvaluated }.count
            return SeverityStats(severity: severity, found: all.count, fixed: times.count,
                                 open: all.count - times.count - unevaluated, notEvaluated: unevaluated,
                                 suppressed: all.filter { $0.state == .open && $0.suppression != nil }.count,
                                 medianTimeToFix: times.isEmpty ? nil : times[(times.count - 1) / 2],
                                 maxTimeToFix: times.last, slaDays: period.slaDays[severity],
                                 pastSLA: pastSLA.filter { $0.severity == severity }.count)
        }
    }
}
