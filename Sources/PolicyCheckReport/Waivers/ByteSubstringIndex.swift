/// Positions filed under byte strings, found in one pass over a text: `collect` gathers those whose string occurs
/// anywhere in it (Aho–Corasick: a trie of the strings whose nodes each link to the longest proper suffix that is also
/// in the trie, and to the nearest such suffix that has positions). A pass costs the text's length plus what it finds,
/// however many strings there are.
struct ByteSubstringIndex {
    private var trie = ByteTrie()
    /// Per node: the longest proper suffix in the trie (0, the root, when none).
    private var failure: [UInt32] = []
    /// Per node: the nearest node on its failure chain that has positions (0 when none).
    private var output: [UInt32] = []

    mutating func insert<Bytes: Sequence<UInt8>>(_ key: Bytes, _ position: Int) {
        trie.insert(key, position)
    }

    /// Links every node, breadth first; call once, after the last `insert`.
    mutating func link() {
        let count = Int(trie.nodeCount)
        var children = [[(byte: UInt8, node: UInt32)]](repeating: [], count: count)
        for edge in trie.allEdges { children[Int(edge.parent)].append((edge.byte, edge.child)) }
        failure = [UInt32](repeating: 0, count: count)
        output = [UInt32](repeating: 0, count: count)
        var queue = children[0].map(\.node)
        var head = 0
        while head < queue.count {
            let parent = queue[head]
            head += 1
            for (byte, child) in children[Int(parent)] {
                queue.append(child)
                var suffix = failure[Int(parent)]
                while true {
                    if parent != 0, let next = trie.child(of: suffix, byte) {
                        failure[Int(child)] = next
                        break
                    }
                    if suffix == 0 { break }
                    suffix = failure[Int(suffix)]
                }
                let linked = failure[Int(child)]
                output[Int(child)] = trie.positions[linked] != nil ? linked : output[Int(linked)]
            }
        }
    }

    /// Appends the positions of every string that occurs in `text`, each once.
    func collect(in text: [UInt8], into found: inout [Int]) {
        guard !trie.positions.isEmpty else { return }
        var node: UInt32 = 0
        var reported = Set<UInt32>()
        for byte in text {
            while true {
                if let next = trie.child(of: node, byte) {
                    node = next
                    break
                }
                if node == 0 { break }
                node = failure[Int(node)]
            }
            var hit = trie.positions[node] != nil ? node : output[Int(node)]
            // A node reported before had its whole chain reported with it.
            while hit != 0, reported.insert(hit).inserted {
                found += trie.positions[hit]!
                hit = output[Int(hit)]
            }
        }
    }
}
