import Synchronization

/// The lookups of one `Suggestion.Candidates` (shared by its copies): the candidates are prepared on the first one,
/// a word asked about again is answered from memory, and once `indexAfter` lookups have each measured every
/// candidate, a `DeletionIndex` is built and later lookups measure only the candidates it gives. Both answer what
/// measuring every candidate answers: the first candidate at the smallest distance of at most
/// `Suggestion.maxDistance` (10,000 unknown rule ids against 10,000 rules took 12.9 s measuring every pair).
///
/// A lookup through the index has a budget, in entries read and distances measured (`credit`; ordinary lookups
/// spend a few hundred). Ids that all lie within a few edits of each other without any being close enough could
/// make every lookup read much of the index; past the budget a lookup gives no suggestion rather than making the run
/// quadratic. No suggestion is a weaker message, never a different decision; and the budget is the lookup's own, so
/// whether it runs out does not depend on the order of lookups (the inputs of a run look up rule ids concurrently).
final class SuggestionSearch: Sendable {
    /// Scanning is cheaper than indexing when there are at most this many candidates.
    static let scanned = 64
    /// Lookups that scan before the index is built: building it costs about as much as a hundred scans.
    static let indexedAfter = 32
    /// Entries read and distances measured by one lookup through the index, at most.
    static let credit = 1 << 16

    private let names: [String]
    /// Lookups that scan every candidate before the index is built.
    private let indexAfter: Int
    private let state = Mutex(State())

    private struct State {
        var scalars: [[Unicode.Scalar]]?
        /// Answers to lookups among every candidate, by the word's lowercased scalars.
        var answers: [[Unicode.Scalar]: Int?] = [:]
        var scans = 0
        var index: DeletionIndex?
        /// For each candidate, the last collection that took it (so each is measured once per level).
        var marks: [UInt32] = []
        var mark: UInt32 = 0
    }

    init(_ names: [String], indexAfter: Int) {
        self.names = names
        self.indexAfter = indexAfter
    }

    /// The position of the suggestion for `word` among the candidates `including` accepts; `including` accepts
    /// every one when `remembered` (then the answer is kept for the next time the word is asked about).
    func suggestion(for word: String, including: (Int) -> Bool, remembered: Bool) -> Int? {
        let lowered = Array(word.lowercased().unicodeScalars)
        return state.withLock { state -> Int? in
            if remembered, let known = state.answers[lowered] { return known }
            let scalars = state.scalars ?? names.map { Array($0.lowercased().unicodeScalars) }
            state.scalars = scalars
            let best: (index: Int, distance: Int)?
            if scalars.count <= Self.scanned || (state.index == nil && state.scans < indexAfter) {
                state.scans += 1
                best = Self.scan(lowered, scalars, including: including)
            } else {
                best = Self.search(lowered, scalars, including: including, state: &state)
            }
            // Plausible for a typo of the candidate: at most a third of its length, between 1 and 3.
            let answer = best.flatMap { best in
                best.distance <= max(1, min(Suggestion.maxDistance, names[best.index].count / 3)) ? best.index : nil
            }
            if remembered { state.answers[lowered] = answer }
            return answer
        }
    }

    /// The first candidate at the smallest distance, measuring each within the best distance found so far.
    static func scan(_ word: [Unicode.Scalar], _ scalars: [[Unicode.Scalar]],
                     including: (Int) -> Bool) -> (index: Int, distance: Int)? {
        var best: (index: Int, distance: Int)?
        for (index, candidate) in scalars.enumerated() where including(index) {
            let bound = min(Suggestion.maxDistance, (best?.distance ?? Suggestion.maxDistance + 1) - 1)
            guard bound >= 0, let distance = Suggestion.boundedDistance(word, candidate, bound: bound) else { continue }
            best = (index, distance)
            if distance == 0 { break }
        }
        return best
    }

    /// The same through the index: for each distance from 0, the candidates the index gives for it are measured in
    /// order, and the first within it wins. None is nearer (the last distance gave none, and the index gives every
    /// candidate within a distance), and none before it is as near, so it is the one the scan finds.
    private static func search(_ word: [Unicode.Scalar], _ scalars: [[Unicode.Scalar]], including: (Int) -> Bool,
                               state: inout State) -> (index: Int, distance: Int)? {
        if state.index == nil {
            guard let index = DeletionIndex(scalars) else { return nil }
            state.index = index
            state.marks = [UInt32](repeating: 0, count: scalars.count)
        }
        guard let index = state.index else { return nil }
        var groups = index.probes(for: word, maxDistance: Suggestion.maxDistance)
        var credit = Self.credit
        for distance in 0...Suggestion.maxDistance {
            if state.mark == UInt32.max {
                state.marks = [UInt32](repeating: 0, count: scalars.count)
                state.mark = 0
            }
            state.mark += 1
            var found: [Int] = []
            for group in groups.indices {
                for probe in groups[group].indices { groups[group][probe].lookUp(within: distance) }
                // Either end of the word is a sound filter: read the one that gives fewer entries.
                guard let probe = groups[group].min(by: { $0.size < $1.size }) else { continue }
                credit -= probe.size
                guard credit >= 0 else { return nil }
                for run in probe.runs {
                    for offset in run {
                        let (position, filed) = probe.table[offset]
                        guard filed <= distance, state.marks[position] != state.mark else { continue }
                        state.marks[position] = state.mark
                        if including(position) { found.append(position) }
                    }
                }
            }
            found.sort()
            for position in found {
                credit -= 1 + (word.count + scalars[position].count) / 16
                guard credit >= 0 else { return nil }
                if let measured = Suggestion.boundedDistance(word, scalars[position], bound: distance) {
                    return (position, measured)
                }
            }
        }
        return nil
    }
}
