import Synchronization

/// Every rule × resource verdict of a run, stored as indices into names kept once.
///
/// A run over 1000 plans of 100 resources holds about 570,000 outcomes. As `RuleOutcome` values (three strings each,
/// the resource name usually an allocation of its own) they took about 100 MB until the report was written; here each
/// is 12 bytes, and a rule id, resource name or file name is stored once however many outcomes name it. Outcomes are
/// kept in runs of one file each, so a run's files are joined without copying their outcomes.
public struct OutcomeTable: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// One outcome: the rule and resource by index into the table's names.
    struct Entry: Sendable {
        var rule: UInt32
        var resource: UInt32
        var status: RuleOutcome.Status
    }

    /// Consecutive outcomes in one file.
    package struct Run: Sendable {
        var file: UInt32
        var entries: [Entry]
    }

    private var names: Names
    private var runs: [Run] = []
    /// Where each run ends, counted from the table's start.
    private var runEnds: [Int] = []

    public init() {
        names = Names()
    }

    public init(arrayLiteral outcomes: RuleOutcome...) {
        self.init(outcomes)
    }

    public init(_ outcomes: some Sequence<RuleOutcome>) {
        self.init()
        for outcome in outcomes { append(outcome) }
    }

    /// A table of runs whose indices point into `names`.
    init(names: Names, runs: some Sequence<Run>) {
        self.names = names
        for run in runs where !run.entries.isEmpty {
            self.runs.append(run)
            runEnds.append(endIndex + run.entries.count)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { runEnds.last ?? 0 }

    public subscript(position: Int) -> RuleOutcome {
        precondition(position >= 0 && position < endIndex, "OutcomeTable index out of range")
        // The first run ending past the position holds it.
        var low = 0, high = runEnds.count - 1
        while low < high {
            let middle = (low + high) / 2
            if runEnds[middle] > position { high = middle } else { low = middle + 1 }
        }
        let run = runs[low]
        let entry = run.entries[position - (runEnds[low] - run.entries.count)]
        return RuleOutcome(ruleId: names.rules.names[Int(entry.rule)], resource: names.resources.names[Int(entry.resource)],
                           file: names.files.names[Int(run.file)], status: entry.status)
    }

    public mutating func append(_ outcome: RuleOutcome) {
        let (file, entry) = names.entry(for: outcome)
        if let last = runs.indices.last, runs[last].file == file {
            runs[last].entries.append(entry)
            runEnds[last] += 1
        } else {
            runs.append(Run(file: file, entries: [entry]))
            runEnds.append(endIndex + 1)
        }
    }

    public static func == (lhs: OutcomeTable, rhs: OutcomeTable) -> Bool {
        lhs.elementsEqual(rhs)
    }

    /// The positions of each file's outcomes, in table order: a range per run rather than a position per outcome.
    package func positionsByFile() -> [String: [Range<Int>]] {
        var positions: [String: [Range<Int>]] = [:]
        for (run, end) in zip(runs, runEnds) {
            positions[names.files.names[Int(run.file)], default: []].append(end - run.entries.count..<end)
        }
        return positions
    }

    /// The files the outcomes name.
    package var fileNames: [String] { names.files.names }
}

// MARK: - Names

extension OutcomeTable {
    /// The rule ids, resource names and files a table's outcomes name.
    struct Names: Sendable {
        var rules = NameColumn()
        var resources = NameColumn()
        var files = NameColumn()

        /// The outcome's file, and the outcome by index.
        mutating func entry(for outcome: RuleOutcome) -> (file: UInt32, entry: Entry) {
            (files.index(of: outcome.file),
             Entry(rule: rules.index(of: outcome.ruleId), resource: resources.index(of: outcome.resource), status: outcome.status))
        }

        /// The outcomes as runs of one file each.
        mutating func runs(of outcomes: [RuleOutcome]) -> [Run] {
            var runs: [Run] = []
            for (position, outcome) in outcomes.enumerated() {
                let (file, entry) = entry(for: outcome)
                if runs.last?.file != file {
                    // A deployment's outcomes are all in its file: the run usually takes the rest of them, and is
                    // then allocated at its final size.
                    runs.append(Run(file: file, entries: []))
                    runs[runs.count - 1].entries.reserveCapacity(outcomes.count - position)
                }
                runs[runs.count - 1].entries.append(entry)
            }
            return runs
        }
    }

    /// Names in the order first seen, each with its index.
    struct NameColumn: Sendable {
        private(set) var names: [String] = []
        private var indices: [String: UInt32] = [:]

        mutating func index(of name: String) -> UInt32 {
            if let index = indices[name] { return index }
            let index = UInt32(names.count)
            names.append(name)
            indices[name] = index
            return index
        }
    }

    /// The names of a run's outcomes, shared by the threads that check its files, so each name is stored once as
    /// soon as a file is checked rather than once per file until the report is built.
    package final class SharedNames: Sendable {
        private let names = Mutex(Names())

        package init() {}

        /// The outcomes as runs whose indices point into the shared names.
        package func runs(of outcomes: [RuleOutcome]) -> [Run] {
            guard !outcomes.isEmpty else { return [] }
            return names.withLock { $0.runs(of: outcomes) }
        }

        /// A table of the runs, in the order given.
        package func table(of runs: some Sequence<Run>) -> OutcomeTable {
            OutcomeTable(names: names.withLock { $0 }, runs: runs)
        }
    }
}
