/// Every exception in force during the period: waivers (with approver, coverage and expiry) and findings
/// suppressed in the code (inline ignores) or by a baseline, each with the runs it applied to.
public struct ExceptionRegister: Sendable {
    public struct WaiverEntry: Sendable, Hashable {
        public var waiver: RunRecord.Waiver
        public var repositories: [String]
        public var runs: Int
        public var firstSeen: Int64
        public var lastSeen: Int64
        /// Findings suppressed, summed over the runs.
        public var matched: Int
        /// Statuses the runs reported (`active`, `expired`, `stale`).
        public var statuses: [String]
    }

    public struct SuppressionEntry: Sendable, Hashable {
        public var repository: String
        /// `inline` or `baseline`.
        public var kind: String
        public var ruleId: String
        public var resource: String
        public var file: String
        public var justification: String
        public var runs: Int
        public var firstSeen: Int64
        public var lastSeen: Int64
    }

    public var waivers: [WaiverEntry] = []
    public var suppressions: [SuppressionEntry] = []

    public init(_ data: PeriodData) {
        var runs: [String: PeriodData.Run] = [:]
        for run in data.runs { runs[run.runId] = run }
        var waiverIndex: [RunRecord.Waiver: Int] = [:]
        // The repositories and statuses already listed for each waiver, by its index: a waiver shared by 30,000
        // repositories searched its list once per run (20.8 s).
        var repositoriesSeen: [Set<String>] = []
        var statusesSeen: [Set<String>] = []
        for row in data.waivers {
            guard let run = runs[row.runId] else { continue }
            var key = row.waiver
            key.status = ""
            key.matched = 0
            if let index = waiverIndex[key] {
                waivers[index].runs += 1
                waivers[index].firstSeen = min(waivers[index].firstSeen, run.generatedAt)
                waivers[index].lastSeen = max(waivers[index].lastSeen, run.generatedAt)
                waivers[index].matched += row.waiver.matched
                if repositoriesSeen[index].insert(run.repository).inserted { waivers[index].repositories.append(run.repository) }
                if statusesSeen[index].insert(row.waiver.status).inserted { waivers[index].statuses.append(row.waiver.status) }
            } else {
                waiverIndex[key] = waivers.count
                repositoriesSeen.append([run.repository])
                statusesSeen.append([row.waiver.status])
                waivers.append(WaiverEntry(waiver: key, repositories: [run.repository], runs: 1, firstSeen: run.generatedAt,
                                           lastSeen: run.generatedAt, matched: row.waiver.matched, statuses: [row.waiver.status]))
            }
        }
        for index in waivers.indices {
            waivers[index].repositories.sort()
            waivers[index].statuses.sort()
        }
        waivers.sort { ($0.waiver.rule, $0.waiver.resource ?? "", $0.waiver.approvedOn, $0.firstSeen) < ($1.waiver.rule, $1.waiver.resource ?? "", $1.waiver.approvedOn, $1.firstSeen) }
        var suppressionIndex: [String: Int] = [:]
        for finding in data.findings {
            guard let kind = finding.suppressionKind, kind != "waiver", let run = runs[finding.runId] else { continue }
            let key = [run.repository, kind, finding.ruleId, finding.resource, finding.file, finding.justification ?? ""].joined(separator: "\u{1}")
            if let index = suppressionIndex[key] {
                suppressions[index].runs += 1
                suppressions[index].firstSeen = min(suppressions[index].firstSeen, run.generatedAt)
                suppressions[index].lastSeen = max(suppressions[index].lastSeen, run.generatedAt)
            } else {
                suppressionIndex[key] = suppressions.count
                suppressions.append(SuppressionEntry(repository: run.repository, kind: kind, ruleId: finding.ruleId,
                                                     resource: finding.resource, file: finding.file,
                                                     justification: finding.justification ?? "", runs: 1,
                                                     firstSeen: run.generatedAt, lastSeen: run.generatedAt))
            }
        }
        suppressions.sort { ($0.repository, $0.kind, $0.ruleId, $0.resource, $0.file) < ($1.repository, $1.kind, $1.ruleId, $1.resource, $1.file) }
    }
}
