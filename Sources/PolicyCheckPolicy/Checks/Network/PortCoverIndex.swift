import PolicyCheckModel
import PolicyCheckSyntax

/// The first of a block's entries (by list position) whose ports cover a given port range, found in O(log² n)
/// rather than by trying each: one block listed 60,000 times with distinct ports made every narrower entry try
/// them all (120,000 entries took 26 s).
///
/// Entries with ranges are sorted by their lower port; a segment tree over that order keeps, in each node, the
/// node's upper ports in descending order with the least position among each prefix. A query takes the entries
/// whose lower port is low enough (a prefix of the order), and in each node of that prefix the ones whose upper
/// port is high enough (a prefix of the node's order).
struct PortCoverIndex {
    /// The first entry stating no ports (it opens every port, so it covers any range).
    private let firstWithoutPorts: Int?
    /// Lower ports, ascending (the leaves' order).
    private let lowers: [Int]
    private let leafCount: Int
    /// Per node (1-based heap order): upper ports descending, and the least position among the first i + 1.
    private var uppers: [[Int]]
    private var leastPositions: [[Int]]

    /// `candidates`: positions with their ports (`nil`: not stated).
    init(_ candidates: [(position: Int, ports: PortRange?)]) {
        firstWithoutPorts = candidates.filter { $0.ports == nil }.map(\.position).min()
        let ranged = candidates.compactMap { candidate in candidate.ports.map { (candidate.position, $0) } }
            .sorted { ($0.1.lower, $0.0) < ($1.1.lower, $1.0) }
        lowers = ranged.map(\.1.lower)
        leafCount = ranged.count
        uppers = Array(repeating: [], count: 2 * max(leafCount, 1))
        leastPositions = uppers
        for (leaf, item) in ranged.enumerated() {
            var node = leaf + leafCount
            while node >= 1 {
                uppers[node].append(item.1.upper)
                leastPositions[node].append(item.0)
                node /= 2
            }
        }
        for node in 1..<uppers.count where !uppers[node].isEmpty {
            let order = uppers[node].indices.sorted { uppers[node][$0] > uppers[node][$1] }
            let positions = order.map { leastPositions[node][$0] }
            uppers[node] = order.map { uppers[node][$0] }
            var least = Int.max
            leastPositions[node] = positions.map { least = min(least, $0); return least }
        }
    }

    /// The least position whose ports cover `inner` (`nil` inner: only an entry stating no ports covers it).
    func firstCovering(_ inner: PortRange?) -> Int? {
        guard let inner else { return firstWithoutPorts }
        var best = firstWithoutPorts ?? Int.max
        // Leaves [0, count) have lower ≤ inner.lower.
        let count = lowers.partitioningIndex { $0 <= inner.lower }
        var left = leafCount
        var right = leafCount + count
        while left < right {
            if left & 1 == 1 { best = min(best, least(in: left, reaching: inner.upper)); left += 1 }
            if right & 1 == 1 { right -= 1; best = min(best, least(in: right, reaching: inner.upper)) }
            left /= 2
            right /= 2
        }
        return best == Int.max ? nil : best
    }

    /// The least position in a node among entries whose upper port is at least `upper`.
    private func least(in node: Int, reaching upper: Int) -> Int {
        let reaching = uppers[node].partitioningIndex { $0 >= upper }
        return reaching == 0 ? Int.max : leastPositions[node][reaching - 1]
    }
}
