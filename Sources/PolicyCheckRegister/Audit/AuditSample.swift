import KeyMaterial

/// A reproducible random sample of runs for the auditor to re-perform, per repository. The size follows how often
/// the control operated (`Frequency`), the selection is a seeded partial Fisher–Yates shuffle (docs/audit.md says
/// how to re-draw it by hand).
public struct AuditSample: Sendable {
    /// How often a repository's gate ran over the period, and the sample size tests of controls use for it:
    /// the frequency-based minimums that audit practice derives from the AICPA Audit Guide *Audit Sampling*
    /// (sources in docs/audit.md).
    public enum Frequency: String, Sendable, CaseIterable {
        case multipleTimesADay = "multiple times a day"
        case daily, weekly, monthly, quarterly, annual

        public var sampleSize: Int {
            switch self {
            case .multipleTimesADay: return 60
            case .daily: return 25
            case .weekly: return 5
            case .monthly: return 2
            case .quarterly: return 2
            case .annual: return 1
            }
        }

        /// From the runs per day of the period.
        static func of(runs: Int, days: Int) -> Frequency {
            let perYear = Double(runs) * 365 / Double(max(days, 1))
            switch perYear {
            case 730...: return .multipleTimesADay
            case 250..<730: return .daily
            case 52..<250: return .weekly
            case 12..<52: return .monthly
            case 4..<12: return .quarterly
            default: return .annual
            }
        }
    }

    public struct Group: Sendable, Hashable {
        public var repository: String
        public var population: Int
        public var frequency: String
        public var size: Int
        /// The seed of this repository's draw: the first 16 hex digits of SHA-256("SEED|REPOSITORY").
        public var seed: UInt64
        public var runs: [PeriodData.Run]
    }

    public static let method = """
        Per repository: the period's runs in order of time, then run id; the draw's seed is the first 16 hex digits \
        of SHA-256 of the decimal audit seed, '|' and the repository; SplitMix64 from that seed drives a partial \
        Fisher-Yates shuffle (for i from 0 to n-1: j = i + next() mod (N - i); swap i and j); the first n runs are \
        the sample, listed in order of time.
        """

    public var seed: UInt64
    public var groups: [Group] = []

    public init(_ data: PeriodData, period: AuditPeriod) {
        seed = period.seed
        var byRepository: [String: [PeriodData.Run]] = [:]
        for run in data.runs { byRepository[run.repository, default: []].append(run) }
        for repository in byRepository.keys.sorted() {
            var population = byRepository[repository]!.sorted { ($0.generatedAt, $0.runId) < ($1.generatedAt, $1.runId) }
            let frequency = Frequency.of(runs: population.count, days: period.days)
            let size = min(frequency.sampleSize, population.count)
            let groupSeed = UInt64(Digest.sha256(Array("\(period.seed)|\(repository)".utf8)).prefix(16), radix: 16) ?? 0
            var generator = SplitMix64(seed: groupSeed)
            for index in 0..<size {
                let other = index + generator.next(below: population.count - index)
                population.swapAt(index, other)
            }
            let chosen = population[0..<size].sorted { ($0.generatedAt, $0.runId) < ($1.generatedAt, $1.runId) }
            groups.append(Group(repository: repository, population: population.count, frequency: frequency.rawValue,
                                size: size, seed: groupSeed, runs: chosen))
        }
    }
}
