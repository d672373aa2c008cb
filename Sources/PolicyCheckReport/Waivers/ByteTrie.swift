/// Positions filed under byte strings; `collect` gathers those filed under every prefix of a byte sequence. Edges
/// live in one table keyed by node and byte, and positions only at the nodes that have them.
struct ByteTrie {
    private var edges: [UInt64: UInt32] = [:]
    private(set) var positions: [UInt32: [Int]] = [:]
    private(set) var nodeCount: UInt32 = 1

    mutating func insert<Bytes: Sequence<UInt8>>(_ key: Bytes, _ position: Int) {
        var node: UInt32 = 0
        for byte in key {
            let edge = UInt64(node) << 8 | UInt64(byte)
            if let next = edges[edge] {
                node = next
            } else {
                edges[edge] = nodeCount
                node = nodeCount
                nodeCount += 1
            }
        }
        positions[node, default: []].append(position)
    }

    /// The node `byte` leads to from `node` (0 is the root).
    func child(of node: UInt32, _ byte: UInt8) -> UInt32? {
        edges[UInt64(node) << 8 | UInt64(byte)]
    }

    /// Every edge, as the node it leaves, its byte and the node it reaches, in no order.
    var allEdges: [(parent: UInt32, byte: UInt8, child: UInt32)] {
        edges.map { (UInt32($0.key >> 8), UInt8(truncatingIfNeeded: $0.key), $0.value) }
    }

    func collect<Bytes: Sequence<UInt8>>(along bytes: Bytes, into found: inout [Int]) {
        guard !edges.isEmpty else { return }
        var node: UInt32 = 0
        for byte in bytes {
            guard let next = edges[UInt64(node) << 8 | UInt64(byte)] else { return }
            node = next
            if let here = positions[node] { found += here }
        }
    }
}
