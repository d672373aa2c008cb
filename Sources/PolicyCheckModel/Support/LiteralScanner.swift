/// Finds which of many byte strings occur in a text in one pass over it (Aho–Corasick): a trie of the strings
/// whose every node also knows the longest proper suffix of its path that is a path in the trie, so a text is read
/// once, whatever the number of strings. Edges live in one table keyed by node and byte.
struct LiteralScanner: Sendable {
    private var edges: [UInt64: Int32] = [:]
    /// For each node, the node of the longest proper suffix of its path that is in the trie (the root: 0).
    private var fallbacks: [Int32] = [0]
    /// For each node, the nearest node (itself or along fallbacks) where a string ends, or -1.
    private var nearestEnd: [Int32] = [-1]
    /// The values of the strings ending at each node.
    private var values: [Int32: [Int32]] = [:]

    /// `strings` with the value each reports; a string may be given more than once, and must not be empty.
    init(_ strings: [(bytes: [UInt8], value: Int32)]) {
        var parents: [Int32] = [0]
        var bytes: [UInt8] = [0]
        var depths: [Int] = [0]
        for string in strings {
            var node: Int32 = 0
            for byte in string.bytes {
                let key = Self.key(node, byte)
                if let next = edges[key] {
                    node = next
                } else {
                    let next = Int32(parents.count)
                    edges[key] = next
                    parents.append(node)
                    bytes.append(byte)
                    depths.append(depths[Int(node)] + 1)
                    node = next
                }
            }
            values[node, default: []].append(string.value)
        }
        fallbacks = [Int32](repeating: 0, count: parents.count)
        nearestEnd = [Int32](repeating: -1, count: parents.count)
        // Shallower nodes first: a node's fallback is shallower than it, and its parent's is known.
        let order = (1..<parents.count).sorted { depths[$0] < depths[$1] }
        for node in order {
            let parent = parents[node]
            if parent != 0 {
                var candidate = fallbacks[Int(parent)]
                while true {
                    if let next = edges[Self.key(candidate, bytes[node])] {
                        fallbacks[node] = next
                        break
                    }
                    if candidate == 0 { break }
                    candidate = fallbacks[Int(candidate)]
                }
            }
            nearestEnd[node] = values[Int32(node)] != nil ? Int32(node) : nearestEnd[Int(fallbacks[node])]
        }
    }

    var isEmpty: Bool { values.isEmpty }

    /// Calls `body` with the value of each string occurring in `text` (once, however often it occurs: a name of
    /// 255 `a`s tries the globs of `a` once); stops when `body` returns `true`, and says whether it did.
    func first(in text: some Sequence<UInt8>, where body: (Int32) -> Bool) -> Bool {
        guard !values.isEmpty else { return false }
        var reported: Set<Int32> = []
        var node: Int32 = 0
        for byte in text {
            while true {
                if let next = edges[Self.key(node, byte)] {
                    node = next
                    break
                }
                if node == 0 { break }
                node = fallbacks[Int(node)]
            }
            var end = nearestEnd[Int(node)]
            // The ends along the fallbacks of a node reported before were all reported with it.
            while end > 0, reported.insert(end).inserted {
                for value in values[end] ?? [] where body(value) { return true }
                end = nearestEnd[Int(fallbacks[Int(end)])]
            }
        }
        return false
    }

    private static func key(_ node: Int32, _ byte: UInt8) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 8 | UInt64(byte)
    }
}
