/// The waivers (of one rule's candidates) whose resource pattern can match a resource name, found without trying
/// every pattern: a literal pattern by the name itself, a glob by the literal text it starts with (or, when it
/// starts with a wildcard, ends with), walked byte by byte through a trie. Only patterns starting and ending with a
/// wildcard (`*db*`) are tried on every name. Every candidate is still matched with `fnmatch`: the index only leaves
/// out patterns that cannot match (1,000 waivers naming resources, over 100,000 findings of their rule, took 21 s
/// matching every pattern against every finding).
struct WaiverResourceIndex {
    private var literal: [String: [Int]] = [:]
    private var prefixes = ByteTrie()
    private var suffixes = ByteTrie()
    private var everywhere: [Int] = []

    /// `patterns` with their positions in the waiver file.
    init(_ patterns: [(position: Int, pattern: String)]) {
        for (position, pattern) in patterns {
            let bytes = Array(pattern.utf8)
            let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "\\") }
            let head = bytes.prefix { !special($0) }
            if head.count == bytes.count {
                literal[pattern, default: []].append(position)
            } else if !head.isEmpty {
                prefixes.insert(head, position)
            } else {
                // After the last wildcard, bracket or escape: text every match ends with.
                let tail = bytes.reversed().prefix { !special($0) && $0 != UInt8(ascii: "]") }
                if tail.isEmpty { everywhere.append(position) } else { suffixes.insert(tail, position) }
            }
        }
    }

    /// Positions of the patterns that may match `name`, in file order.
    func candidates(for name: String) -> [Int] {
        var found = everywhere
        found += literal[name] ?? []
        let bytes = Array(name.utf8)
        prefixes.collect(along: bytes, into: &found)
        suffixes.collect(along: bytes.reversed(), into: &found)
        found.sort()
        return found
    }
}

/// Positions filed under byte strings; `collect` gathers those filed under every prefix of a byte sequence.
private struct ByteTrie {
    private var children: [[UInt8: Int32]] = [[:]]
    private var positions: [[Int]] = [[]]

    mutating func insert<Bytes: Sequence<UInt8>>(_ key: Bytes, _ position: Int) {
        var node = 0
        for byte in key {
            if let next = children[node][byte] {
                node = Int(next)
            } else {
                children.append([:])
                positions.append([])
                children[node][byte] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        positions[node].append(position)
    }

    func collect<Bytes: Sequence<UInt8>>(along bytes: Bytes, into found: inout [Int]) {
        guard children.count > 1 else { return }
        var node = 0
        for byte in bytes {
            guard let next = children[node][byte] else { return }
            node = Int(next)
            found += positions[node]
        }
    }
}
