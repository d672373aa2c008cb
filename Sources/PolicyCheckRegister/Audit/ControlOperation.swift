/// How each control operated over the period: the runs that evaluated it, the runs in which it failed, by week.
public struct ControlOperation: Sendable {
    public struct Week: Sendable, Hashable {
        /// The Monday starting the week.
        public var start: String
        public var runs: Int
        public var failing: Int
    }

    public struct Row: Sendable, Hashable {
        public var control: String
        public var runs: Int
        public var failing: Int
        public var weeks: [Week]
    }

    public var rows: [Row]

    public init(_ data: PeriodData) {
        var time: [String: Int64] = [:]
        for run in data.runs { time[run.runId] = run.generatedAt }
        var counts: [String: [String: (runs: Int, failing: Int)]] = [:]
        for row in data.controls where row.evaluated > 0 {
            guard let at = time[row.runId] else { continue }
            let week = DayClock.weekStart(at)
            var entry = counts[row.control, default: [:]][week, default: (0, 0)]
            entry.runs += 1
            entry.failing += row.fail > 0 ? 1 : 0
            counts[row.control, default: [:]][week] = entry
        }
        rows = counts.keys.sorted().map { control in
            let weeks = counts[control]!.keys.sorted().map { week in
                Week(start: week, runs: counts[control]![week]!.runs, failing: counts[control]![week]!.failing)
            }
            return Row(control: control, runs: weeks.reduce(0) { $0 + $1.runs },
                       failing: weeks.reduce(0) { $0 + $1.failing }, weeks: weeks)
        }
    }
}
