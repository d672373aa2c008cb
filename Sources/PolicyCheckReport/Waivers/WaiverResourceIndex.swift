/// The waivers whose resource pattern can match a resource name, found without trying every pattern: a literal
/// pattern by the name itself, a glob by the literal text it starts with (or, when it starts with a wildcard, ends
/// with), walked byte by byte through a trie. Only patterns starting and ending with a wildcard (`*db*`) are tried
/// on every name. Every candidate is still matched with `Waiver.matches`: the index only leaves out patterns that
/// cannot match (1,000 waivers naming resources, over 100,000 findings of their rule, took 21 s matching every
/// pattern against every finding).
///
/// Built once per waiver file; a trie keeps at most `indexedLength` bytes of each pattern (what follows still has to
/// match, so leaving it out only adds candidates), so a waiver file of 2 MB patterns costs no more than its size.
struct WaiverResourceIndex {
    static let indexedLength = 32

    private var literal: [String: [Int]] = [:]
    private var prefixes = ByteTrie()
    private var suffixes = ByteTrie()
    /// Positions of the patterns tried on every name.
    let everywhere: [Int]

    /// The resource patterns of a waiver file, in file order.
    init(_ patterns: [String]) {
        var everywhere: [Int] = []
        for (position, pattern) in patterns.enumerated() {
            let bytes = Array(pattern.utf8)
            let head = bytes.prefix { !Self.isSpecial($0) }
            if head.count == bytes.count {
                literal[pattern, default: []].append(position)
            } else if !head.isEmpty {
                prefixes.insert(head.prefix(Self.indexedLength), position)
            } else {
                // After the last wildcard, bracket or escape: text every match ends with.
                let tail = bytes.reversed().prefix { !Self.isSpecial($0) && $0 != UInt8(ascii: "]") }
                if tail.isEmpty { everywhere.append(position) } else { suffixes.insert(tail.prefix(Self.indexedLength), position) }
            }
        }
        self.everywhere = everywhere
    }

    /// A byte `fnmatch` reads as more than itself: a wildcard, a bracket's start or an escape.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\\")
    }

    /// Positions of the patterns that may match `name`, in file order, without those tried on every name.
    func candidates(for name: String) -> [Int] {
        var found = literal[name] ?? []
        let bytes = Array(name.utf8)
        prefixes.collect(along: bytes.prefix(Self.indexedLength), into: &found)
        suffixes.collect(along: bytes.reversed().prefix(Self.indexedLength), into: &found)
        found.sort()
        return found
    }
}

/// Positions filed under byte strings; `collect` gathers those filed under every prefix of a byte sequence. Edges
/// live in one table keyed by node and byte, and positions only at the nodes that have them.
private struct ByteTrie {
    private var edges: [UInt64: UInt32] = [:]
    private var positions: [UInt32: [Int]] = [:]
    private var nodeCount: UInt32 = 1

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
