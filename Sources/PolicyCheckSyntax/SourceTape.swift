import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole parsed JSON document in a few flat arrays: what `SourceNode`s read from when `JSONReader` made them.
///
/// A tree of `SourceNode` values costs an array allocation per container and some 64 bytes per member, and as much
/// again to free; a plan of 100 MB became half a gigabyte of small allocations. Here a node is 12 bytes (offset,
/// payload, and kind packed with count) and each member of a container an 8-byte link (child, key); texts are kept
/// once per distinct spelling where the parser's cache finds them, and a key's offset is found again in the document
/// when asked for rather than stored. Nodes are materialised into `Value`s only when a reader asks for one, and
/// lookups by key never materialise anything.
package final class SourceTape: Sendable {
    enum Kind: UInt8 {
        case null, `false`, `true`, number, string, sequence, mapping
    }

    /// One node: the byte offset where it starts, a payload — the byte length of a number's literal or of a
    /// string's content, or a container's first link — and its kind packed with a container's member count (for a
    /// string, its flags).
    struct Node {
        /// The most members one container may have: the count shares its word with the kind.
        static let maxCount = (1 << 29) - 1
        /// A string's flag: its content holds escapes, so its text must be decoded rather than copied.
        static let escaped: UInt32 = 1

        var offset: UInt32
        var payload: UInt32
        private var kindAndCount: UInt32

        init(offset: UInt32, payload: UInt32, count: UInt32, kind: UInt8) {
            self.offset = offset
            self.payload = payload
            self.kindAndCount = UInt32(kind) << 29 | count
        }

        @inline(__always)
        var kind: UInt8 { UInt8(truncatingIfNeeded: kindAndCount >> 29) }

        @inline(__always)
        var count: UInt32 {
            get { kindAndCount & UInt32(Self.maxCount) }
            set { kindAndCount = kindAndCount & ~UInt32(Self.maxCount) | newValue }
        }
    }

    /// One member of a container (contiguous per container): the member node, and for objects the key's text index.
    struct Link {
        var child: UInt32
        var key: UInt32
    }

    let nodes: [Node]
    let links: [Link]
    /// The texts of member names (values are read from `bytes` when asked for).
    let texts: [String]
    /// Each text's hash (`JSONStringCache.hash`): a lookup by key compares texts only where the hashes agree.
    let textHashes: [UInt64]
    /// The document's bytes (shared with the reader's input, not copied): where values' texts are read and keys'
    /// offsets found again.
    let bytes: [UInt8]
    /// What a tape composed from YAML stores because it cannot find it again in the document's bytes.
    let stored: StoredPlaces?

    /// For YAML: each link's key offset, the nodes' local tags (`!Ref`), and the texts of scalars the document
    /// does not spell as they read. A scalar's text is at its payload, its count (without the flag) long, in
    /// `texts` when its count has the flag `inStoredTexts`, else in `bytes`.
    struct StoredPlaces: Sendable {
        static let inStoredTexts: UInt32 = 1 << 28

        let keyOffsets: [UInt32]
        let tags: Tags
        let texts: [UInt8]
        /// The nodes that are plain words YAML 1.1 reads as booleans (`YAMLBooleans`), in node order: 4 bytes each,
        /// and none in most documents.
        var yaml11Words: [UInt32] = []

        /// The buffer and range of a scalar node's text.
        func span(_ record: Node, document: [UInt8]) -> (buffer: [UInt8], range: Range<Int>) {
            let start = Int(record.payload)
            let count = record.count
            if count & Self.inStoredTexts != 0 { return (texts, start..<start + Int(count & ~Self.inStoredTexts)) }
            return (document, start..<start + Int(count))
        }
    }

    /// The tagged nodes of a YAML tape, in node order (nodes are only ever appended, so the order is kept for
    /// free), each with its tag's index among the distinct tags: 8 bytes a tagged node, where a dictionary entry
    /// cost some 50 (an alias of a `!Ref` repeated two million times within the node budget).
    struct Tags: Sendable {
        private(set) var nodes: [UInt32] = []
        private var names: [UInt32] = []
        private var spellings: [String] = []
        private var indexOfSpelling: [String: UInt32] = [:]

        mutating func append(_ tag: String, to node: UInt32) {
            let name = indexOfSpelling[tag] ?? {
                spellings.append(tag)
                indexOfSpelling[tag] = UInt32(truncatingIfNeeded: spellings.count - 1)
                return UInt32(truncatingIfNeeded: spellings.count - 1)
            }()
            nodes.append(node)
            names.append(name)
        }

        /// A copy's tag: the copied node's, if it has one.
        mutating func copy(from node: UInt32, to copy: UInt32) {
            guard let found = position(of: node) else { return }
            nodes.append(copy)
            names.append(names[found])
        }

        func tag(of node: UInt32) -> String? {
            position(of: node).map { spellings[Int(names[$0])] }
        }

        private func position(of node: UInt32) -> Int? {
            var low = 0
            var high = nodes.count
            while low < high {
                let middle = (low + high) / 2
                if nodes[middle] < node { low = middle + 1 } else { high = middle }
            }
            return low < nodes.count && nodes[low] == node ? low : nil
        }
    }

    /// Indexes of large mappings' members by key hash (the first member of each hash), by mapping node; built on
    /// demand by `link(_:key:hash:)`.
    private let keyIndexes = Mutex<[Int: [UInt64: Int32]]>([:])

    init(nodes: [Node], links: [Link], texts: [String], textHashes: [UInt64], bytes: [UInt8], stored: StoredPlaces? = nil) {
        self.nodes = nodes
        self.links = links
        self.texts = texts
        self.textHashes = textHashes
        self.bytes = bytes
        self.stored = stored
    }

    /// Whether a node is a plain word YAML 1.1 reads as a boolean (only YAML has them).
    func isYAML11Word(_ node: Int) -> Bool {
        guard let stored, !stored.yaml11Words.isEmpty else { return false }
        return Self.contains(stored.yaml11Words, UInt32(truncatingIfNeeded: node))
    }

    /// Whether a list of node indexes in ascending order holds `node` (a binary search).
    static func contains(_ sorted: [UInt32], _ node: UInt32) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < node { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == node
    }

    /// A node's local tag (only YAML has them).
    func tag(_ node: Int) -> String? {
        guard let stored, !stored.tags.nodes.isEmpty else { return nil }
        return stored.tags.tag(of: UInt32(truncatingIfNeeded: node))
    }

    @inline(__always)
    func kind(_ node: Int) -> Kind { Kind(rawValue: nodes[node].kind).unsafelyUnwrapped }

    /// The node as a `SourceNode`.
    @inline(__always)
    func node(_ index: Int) -> SourceNode { SourceNode(tape: self, index: index) }

    /// The node's value, with a container's members as tape-backed nodes.
    func value(_ node: Int) -> SourceNode.Value {
        switch kind(node) {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number: return .number(text(node))
        case .string: return .string(text(node))
        case .sequence: return .sequence(items(node))
        case .mapping: return .mapping(entries(node))
        }
    }

    func items(_ node: Int) -> [SourceNode] {
        let start = Int(nodes[node].payload)
        return (start..<start + Int(nodes[node].count)).map { self.node(Int(links[$0].child)) }
    }

    func entries(_ node: Int) -> [SourceEntry] {
        let start = Int(nodes[node].payload)
        return (start..<start + Int(nodes[node].count)).map { link in
            SourceEntry(key: texts[Int(links[link].key)], keyOffset: keyOffset(ofLink: link), value: self.node(Int(links[link].child)))
        }
    }

    /// The link of the first member named `key` of a mapping node, or `nil`.
    func link(_ node: Int, key: String) -> Int? {
        guard nodes[node].kind == Kind.mapping.rawValue else { return nil }
        var key = key
        return link(node, key: key, hash: key.withUTF8 { JSONStringCache.hash($0) })
    }

    /// The link of the first member named `key`, whose `JSONStringCache.hash` is `hash`, of a mapping node.
    ///
    /// A small mapping is scanned; a large one is looked up in an index of its members by key hash, built the first
    /// time it is asked for a key (a reader that looks up each key of a 10,000-key mapping scanned 50 million
    /// members).
    func link(_ node: Int, key: String, hash: UInt64) -> Int? {
        let record = nodes[node]
        guard record.kind == Kind.mapping.rawValue else { return nil }
        let start = Int(record.payload)
        guard Int(record.count) > Self.largestScannedMapping else {
            // The hot loop of every lookup by key: over the buffers, the links of one mapping being contiguous and
            // every key's text index valid by construction.
            let end = start + Int(record.count)
            return links.withUnsafeBufferPointer { links in
                textHashes.withUnsafeBufferPointer { hashes in
                    for link in start..<end {
                        let text = Int(links[link].key)
                        if hashes[text] == hash && texts[text] == key { return link }
                    }
                    return nil
                }
            }
        }
        let indexed = keyIndexes.withLock { indexes -> Int32? in
            if indexes[node] == nil {
                var index: [UInt64: Int32] = [:]
                index.reserveCapacity(Int(record.count))
                for link in start..<start + Int(record.count) where index[textHashes[Int(links[link].key)]] == nil {
                    index[textHashes[Int(links[link].key)]] = Int32(link)
                }
                indexes[node] = index
            }
            return indexes[node]?[hash]
        }
        guard let indexed else { return nil }
        if texts[Int(links[Int(indexed)].key)] == key { return Int(indexed) }
        // Another key with the same hash came first: scan (keys are unique, so this is the only way to miss).
        for link in start..<start + Int(record.count) {
            let text = Int(links[link].key)
            if textHashes[text] == hash && texts[text] == key { return link }
        }
        return nil
    }

    /// Which of up to 64 names a mapping node has, as bits in the names' order, found in one pass over its members
    /// (a reader asking a dozen names of every resource scanned its members a dozen times).
    func presence(_ node: Int, of keys: [SourceKey]) -> UInt64 {
        precondition(keys.count <= 64, "at most 64 names at once")
        let record = nodes[node]
        guard record.kind == Kind.mapping.rawValue else { return 0 }
        let start = Int(record.payload)
        let end = start + Int(record.count)
        var found: UInt64 = 0
        links.withUnsafeBufferPointer { links in
            textHashes.withUnsafeBufferPointer { hashes in
                for link in start..<end {
                    let text = Int(links[link].key)
                    let hash = hashes[text]
                    for (bit, key) in keys.enumerated() where key.hash == hash && texts[text] == key.text {
                        found |= 1 << UInt64(bit)
                    }
                }
            }
        }
        return found
    }

    /// The most members a mapping may have and still be scanned for a key rather than indexed: below a few hundred,
    /// scanning the hashes costs less than building the index (a plan's resources have up to a hundred or so
    /// attributes, each looked up a few times).
    static let largestScannedMapping = 256
}

// MARK: - Texts of values

extension SourceTape {
    /// The text of a string or number node, read from the document: a number's literal as written, a string's
    /// content with its escapes decoded (and ill-formed UTF-8 repaired to U+FFFD).
    func text(_ node: Int) -> String {
        let record = nodes[node]
        if let stored {
            let (buffer, range) = stored.span(record, document: bytes)
            return buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        }
        let isString = record.kind == Kind.string.rawValue
        let start = Int(record.offset) + (isString ? 1 : 0)
        return bytes.withUnsafeBufferPointer { bytes in
            let content = UnsafeBufferPointer(rebasing: bytes[start..<start + Int(record.payload)])
            if isString && record.count & Node.escaped != 0 { return JSONEscapes.decode(content) }
            return String(decoding: content, as: UTF8.self)
        }
    }

    /// Whether a string node's text starts with `prefix`, tested on the document's bytes without building it.
    func text(_ node: Int, hasPrefix prefix: String) -> Bool {
        let record = nodes[node]
        if let stored {
            let (buffer, range) = stored.span(record, document: bytes)
            return buffer[range].starts(with: prefix.utf8)
        }
        guard record.count & Node.escaped == 0 else { return text(node).utf8.starts(with: prefix.utf8) }
        var prefix = prefix
        return prefix.withUTF8 { wanted in
            guard wanted.count <= Int(record.payload) else { return false }
            return bytes.withUnsafeBufferPointer { bytes in
                let start = Int(record.offset) + 1
                return wanted.isEmpty || memcmp(bytes.baseAddress! + start, wanted.baseAddress!, wanted.count) == 0
            }
        }
    }
}

// MARK: - Key offsets

extension SourceTape {
    /// The byte offset of a member's key (its opening quote), found from the value back: whitespace, the colon,
    /// whitespace, then the key's closing quote and its opening quote, the first one not escaped by a backslash.
    func keyOffset(ofLink index: Int) -> Int {
        if let stored { return Int(stored.keyOffsets[index]) }
        let link = links[index]
        return bytes.withUnsafeBufferPointer { bytes in
            var index = Int(nodes[Int(link.child)].offset) - 1
            // Whitespace and the colon between the key and the value.
            while index > 0, bytes[index] != JSONByte.quote { index -= 1 }
            // The closing quote is at `index`; the opening one is the previous quote preceded by an even number of
            // backslashes (an odd number escapes it).
            index -= 1
            while index > 0 {
                if bytes[index] == JSONByte.quote {
                    var backslashes = 0
                    while index - backslashes - 1 >= 0, bytes[index - backslashes - 1] == JSONByte.backslash {
                        backslashes += 1
                    }
                    if backslashes % 2 == 0 { return index }
                }
                index -= 1
            }
            return max(index, 0)
        }
    }
}

// MARK: - Subtrees

extension SourceTape {
    /// One past the last node of the subtree rooted at `node`: nodes are stored in document order, so a subtree is
    /// the contiguous run that starts at its root and ends after its last member's subtree.
    func subtreeEnd(_ node: Int) -> Int {
        Self.subtreeEnd(node, nodes: nodes, links: links)
    }

    /// `subtreeEnd(_:)` over a tape being written.
    static func subtreeEnd(_ node: Int, nodes: [Node], links: [Link]) -> Int {
        var current = node
        while true {
            let record = nodes[current]
            guard record.kind == Kind.mapping.rawValue || record.kind == Kind.sequence.rawValue, record.count > 0 else {
                return current + 1
            }
            current = Int(links[Int(record.payload) + Int(record.count) - 1].child)
        }
    }

    /// The keys and indexes that lead from `ancestor` down to `target`, a node of its subtree.
    func steps(from ancestor: Int, to target: Int) -> [SourcePathStep] {
        var steps: [SourcePathStep] = []
        var current = ancestor
        while current != target {
            let record = nodes[current]
            let start = Int(record.payload)
            // The member holding `target` is the last one that starts at or before it (members are in node order).
            var low = start
            var high = start + Int(record.count) - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if Int(links[middle].child) <= target { low = middle } else { high = middle - 1 }
            }
            steps.append(record.kind == Kind.mapping.rawValue ? .key(texts[Int(links[low].key)]) : .index(low - start))
            current = Int(links[low].child)
        }
        return steps
    }
}
