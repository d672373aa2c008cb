/// The statements of one push, shared by both engines. A push is two phases inside one transaction: a few reads of
/// what the register already holds about the pushed runs (`reads`, ids bound in lists), then the writes decided
/// from them (`decide`): each run judged in order, against the register and the runs before it in the same push,
/// and every new row written in multi-row inserts — all or nothing.
public enum PushPlan {
    /// What a push did.
    public enum Result: Sendable, Hashable {
        case stored(ChainStatus)
        /// The same run (same id, same evidence.json) was already stored: nothing changed.
        case alreadyStored
    }

    /// One read of the first phase, and what its rows answer.
    struct Read {
        enum Kind {
            /// `run_id, evidence_sha256` of pushed runs already stored.
            case stored
            /// `run_id, evidence_sha256, repository, ref` of the runs pushed runs name as previous.
            case predecessors
            /// `run_id, previous_run_id, previous_sha256, repository, ref` of stored runs naming a pushed run.
            case successors
            /// The earliest stored run time of a chain a run without a previous link belongs to.
            case earliest(chain: String)
            /// `list_sha256` of the pushed runs' input lists already stored.
            case inputLists
        }

        var kind: Kind
        var statement: SQLStatement
    }

    /// What the register held before the push, from the reads' rows.
    struct Known {
        struct Successor {
            var runId: String
            var previousSHA256: String?
            var repository: String
            var ref: String
        }

        var stored: [String: String] = [:]
        var predecessors: [String: ChainStatus.Predecessor] = [:]
        var successors: [String: [Successor]] = [:]
        var earliest: [String: Int64] = [:]
        var inputLists: Set<String> = []

        mutating func add(_ read: Read, _ rows: [[SQLValue]]) {
            for row in rows {
                switch read.kind {
                case .stored:
                    stored[row[0].string ?? ""] = row[1].string ?? ""
                case .predecessors:
                    predecessors[row[0].string ?? ""] = ChainStatus.Predecessor(
                        evidenceSHA256: row[1].string ?? "", repository: row[2].string ?? "", ref: row[3].string ?? "",
                        generatedAt: row[4].int64)
                case .successors:
                    successors[row[1].string ?? "", default: []].append(Successor(
                        runId: row[0].string ?? "", previousSHA256: row[2].string, repository: row[3].string ?? "",
                        ref: row[4].string ?? ""))
                case .earliest(let chain):
                    if let time = row[0].int64 { earliest[chain] = time }
                case .inputLists:
                    inputLists.insert(row[0].string ?? "")
                }
            }
        }
    }

    /// Ids bound in one `IN (…)` list: far under both engines' parameter limits.
    static let idsPerRead = 500

    /// Each run's input list as stored (nil for a run whose bundle lists none), made once per push; runs with the
    /// same list hold one copy of its text.
    static func inputLists(_ runs: [RunRecord]) -> [StoredInputList?] {
        var made: [String: StoredInputList] = [:]
        return runs.map { run in
            run.inputs.map { inputs in
                let list = StoredInputList(inputs)
                if let same = made[list.key] { return same }
                made[list.key] = list
                return list
            }
        }
    }

    static func reads(_ runs: [RunRecord], _ lists: [StoredInputList?]) -> [Read] {
        let ids = unique(runs.map(\.runId))
        let previous = unique(runs.compactMap(\.previousRunId))
        var reads: [Read] = []
        for chunk in chunks(ids) {
            reads.append(Read(kind: .stored, statement: SQLStatement(
                "SELECT run_id, evidence_sha256 FROM runs WHERE run_id IN (\(list(chunk.count)))", chunk.map(SQLValue.text))))
            reads.append(Read(kind: .successors, statement: SQLStatement(
                "SELECT run_id, previous_run_id, previous_sha256, repository, ref FROM runs WHERE previous_run_id IN (\(list(chunk.count)))",
                chunk.map(SQLValue.text))))
        }
        for chunk in chunks(previous) {
            reads.append(Read(kind: .predecessors, statement: SQLStatement(
                "SELECT run_id, evidence_sha256, repository, ref, generated_at FROM runs WHERE run_id IN (\(list(chunk.count)))",
                chunk.map(SQLValue.text))))
        }
        // A list of 10,000 inputs is about 450 kB: one already stored (the tree of an earlier run) is not sent again.
        for chunk in chunks(unique(lists.compactMap { $0?.key })) {
            reads.append(Read(kind: .inputLists, statement: SQLStatement(
                "SELECT list_sha256 FROM input_lists WHERE list_sha256 IN (\(list(chunk.count)))", chunk.map(SQLValue.text))))
        }
        var chains: Set<String> = []
        for run in runs where run.previousRunId == nil && chains.insert(run.chain).inserted {
            reads.append(Read(kind: .earliest(chain: run.chain), statement: SQLStatement(
                "SELECT MIN(generated_at) FROM runs WHERE repository = ? AND ref = ?", [.text(run.repository), .text(run.ref)])))
        }
        return reads
    }

    /// Judges every run in order and returns the writes and what each run's push did.
    static func decide(_ runs: [RunRecord], _ lists: [StoredInputList?],
                       _ known: Known) throws(RegisterError) -> (statements: [SQLStatement], results: [Result]) {
        var results: [Result] = []
        var added: [(run: RunRecord, status: ChainStatus, list: StoredInputList?)] = []
        var addedIndex: [String: Int] = [:]
        // Runs of this push waiting for the run they name (their gap closes if it comes later in the push).
        var waiting: [String: [Int]] = [:]
        var earliest = known.earliest
        var healed: [SQLStatement] = []
        for (run, inputList) in zip(runs, lists) {
            if let stored = known.stored[run.runId] ?? addedIndex[run.runId].map({ added[$0].run.evidenceSHA256 }) {
                guard stored == run.evidenceSHA256 else { throw RegisterError.conflict(runId: run.runId, bundle: run.bundlePath) }
                results.append(.alreadyStored)
                continue
            }
            let predecessor = run.previousRunId.flatMap { id in
                addedIndex[id].map { asPredecessor(added[$0].run) } ?? known.predecessors[id]
            }
            let status = ChainStatus.judge(previousRunId: run.previousRunId, previousSHA256: run.previousSHA256,
                                           repository: run.repository, ref: run.ref, predecessor: predecessor,
                                           hasEarlierRuns: run.previousRunId == nil && earliest[run.chain].map { $0 < run.generatedAt } == true,
                                           generatedAt: run.generatedAt)
            // Runs pushed before their predecessor recorded a gap; this run may close it.
            let me = asPredecessor(run)
            for successor in known.successors[run.runId] ?? [] {
                let fixed = ChainStatus.judge(previousRunId: run.runId, previousSHA256: successor.previousSHA256,
                                              repository: successor.repository, ref: successor.ref, predecessor: me, hasEarlierRuns: true)
                healed.append(SQLStatement("UPDATE runs SET chain_status = ? WHERE run_id = ?", [.text(fixed.rawValue), .text(successor.runId)]))
            }
            for index in waiting.removeValue(forKey: run.runId) ?? [] {
                let successor = added[index].run
                added[index].status = ChainStatus.judge(previousRunId: run.runId, previousSHA256: successor.previousSHA256,
                                                        repository: successor.repository, ref: successor.ref, predecessor: me,
                                                        hasEarlierRuns: true)
            }
            addedIndex[run.runId] = added.count
            if let previous = run.previousRunId, predecessor == nil { waiting[previous, default: []].append(added.count) }
            added.append((run, status, inputList))
            earliest[run.chain] = min(earliest[run.chain] ?? run.generatedAt, run.generatedAt)
            results.append(.stored(status))
        }
        return (RunRows.inserts(added, storedLists: known.inputLists) + healed, results)
    }

    private static func asPredecessor(_ run: RunRecord) -> ChainStatus.Predecessor {
        ChainStatus.Predecessor(evidenceSHA256: run.evidenceSHA256, repository: run.repository, ref: run.ref,
                                generatedAt: run.generatedAt)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    private static func chunks(_ values: [String]) -> [[String]] {
        stride(from: 0, to: values.count, by: idsPerRead).map { Array(values[$0..<min(values.count, $0 + idsPerRead)]) }
    }

    /// `?, ?, …`: placeholders only, never values.
    private static func list(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
