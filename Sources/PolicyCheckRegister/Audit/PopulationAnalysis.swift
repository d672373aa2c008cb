/// The population: every run of the period by repository and ref, days with no run on a protected ref, chain
/// breaks, and bundles the register refused.
public struct PopulationAnalysis: Sendable {
    public struct ChainSummary: Sendable, Hashable {
        public var repository: String
        public var ref: String
        public var runs: Int
        public var passed: Int
        public var failed: Int
        public var errored: Int
        /// Runs pushed without `--pubkey`, whose evidence.json the register did not authenticate: a forged copy
        /// (verdict edited, signature removed) read as one more passing run on the pages (tester round 31).
        public var unauthenticated: Int = 0
        public var first: Int64
        public var last: Int64
    }

    public struct MissingDays: Sendable, Hashable {
        public var repository: String
        public var ref: String
        public var dates: [String]
    }

    public struct ChainBreak: Sendable, Hashable {
        public var runId: String
        public var repository: String
        public var ref: String
        public var generatedAt: Int64
        /// A `ChainStatus` raw value, or `fork` (a second run naming the same previous run).
        public var kind: String
        public var previousRunId: String?
    }

    public var chains: [ChainSummary] = []
    public var missingDays: [MissingDays] = []
    public var breaks: [ChainBreak] = []
    public var refusals: [PeriodData.RefusalRow]

    public init(_ data: PeriodData, period: AuditPeriod) {
        refusals = data.refusals
        var byChain: [(key: String, runs: [PeriodData.Run])] = []
        for run in data.runs {
            if byChain.last?.key == run.chain { byChain[byChain.count - 1].runs.append(run) } else { byChain.append((run.chain, [run])) }
        }
        var namedAsPrevious: Set<String> = []
        for (_, runs) in byChain {
            let first = runs[0]
            chains.append(ChainSummary(repository: first.repository, ref: first.ref, runs: runs.count,
                                       passed: runs.filter { $0.verdict == "pass" }.count,
                                       failed: runs.filter { $0.verdict == "fail" }.count,
                                       errored: runs.filter { $0.verdict == "error" }.count,
                                       unauthenticated: runs.filter { $0.verifiedSigner == nil }.count,
                                       first: first.generatedAt, last: runs[runs.count - 1].generatedAt))
            // A backdated run (a link back in time) sorts first but starts nothing: a run after it without a link
            // is not a restart on its account.
            var earlierRuns = 0
            for run in runs {
                let status = ChainStatus.judge(previousRunId: run.previousRunId, previousSHA256: run.previousSHA256,
                                               repository: run.repository, ref: run.ref, predecessor: run.predecessor,
                                               hasEarlierRuns: earlierRuns > 0 || data.chainsWithEarlierRuns.contains(run.chain),
                                               generatedAt: run.generatedAt)
                if status != .backwards { earlierRuns += 1 }
                var kind = status.isBreak ? status.rawValue : nil
                if let previous = run.previousRunId, !namedAsPrevious.insert(previous).inserted, kind == nil { kind = "fork" }
                if let kind {
                    breaks.append(ChainBreak(runId: run.runId, repository: run.repository, ref: run.ref,
                                             generatedAt: run.generatedAt, kind: kind, previousRunId: run.previousRunId))
                }
            }
        }
        missingDays = Self.missingDays(data, period: period)
    }

    /// For each repository and protected ref: the period's days on which no run was recorded.
    static func missingDays(_ data: PeriodData, period: AuditPeriod) -> [MissingDays] {
        var days: [String: Set<Int64>] = [:]
        var refsByRepository: [String: Set<String>] = [:]
        for run in data.runs {
            days[run.chain, default: []].insert(DayClock.day(run.generatedAt))
            refsByRepository[run.repository, default: []].insert(run.ref)
        }
        let repositories = Set(period.repositories).union(refsByRepository.keys).sorted()
        var result: [MissingDays] = []
        for repository in repositories {
            let refs = period.protectedRefs.isEmpty
                ? AuditPeriod.defaultProtectedRefs.filter { refsByRepository[repository]?.contains($0) == true }
                : period.protectedRefs
            for ref in refs.sorted() {
                let seen = days["\(repository) \(ref)"] ?? []
                let first = DayClock.day(period.start)
                let missing = (first..<(first + Int64(period.days))).filter { !seen.contains($0) }.map { DayClock.date(day: $0) }
                if !missing.isEmpty { result.append(MissingDays(repository: repository, ref: ref, dates: missing)) }
            }
        }
        return result
    }
}
