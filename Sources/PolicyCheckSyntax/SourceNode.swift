/// One value of a parsed JSON or YAML document, with the byte offset where it starts.
///
/// JSON and YAML inputs both become trees of `SourceNode`, so adapters read every input format the same way and
/// every value can be traced back to a line and column through its `SourceFile`.
public struct SourceNode: Sendable {
    /// What the node holds.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        /// A number, kept as the literal text of the input (no precision is lost).
        case number(String)
        case string(String)
        case sequence([SourceNode])
        case mapping([SourceEntry])
    }

    /// What the node holds. Nodes read from JSON, and from YAML without merge keys, keep their document in a compact
    /// tape and build this on request.
    public var value: Value {
        get {
            switch storage {
            case .value(let value): return value
            case .tape(let tape, let index): return tape.value(Int(index))
            }
        }
        set {
            // A tape node keeps its tape's tag, or its mark as a YAML 1.1 word.
            if tagBox == nil, case .tape(let tape, let index) = storage {
                if let tag = tape.tag(Int(index)) {
                    tagBox = TagBox(tag)
                } else if tape.isYAML11Word(Int(index)) {
                    tagBox = TagBox.yaml11Word
                }
            }
            storage = .value(newValue)
        }
    }
    /// Byte offset of the node's first character in the file's UTF-8 text.
    public var offset: Int
    private var storage: Storage
    /// The tag, boxed: almost no node has one, and a reference is half the size of an optional `String` in every
    /// node of every tree.
    private var tagBox: TagBox?

    /// An explicit YAML tag such as `!Ref` or `!GetAtt` (`nil` for untagged nodes and for all JSON).
    public var tag: String? {
        get {
            if let tagBox { return tagBox.text }
            if case .tape(let tape, let index) = storage { return tape.tag(Int(index)) }
            return nil
        }
        set {
            // A tape node's tag is the tape's unless one is set here, so removing it is kept as an empty box.
            if let newValue { tagBox = TagBox(newValue) } else { tagBox = tapeNode == nil ? nil : TagBox.removed }
        }
    }

    public init(_ value: Value, offset: Int, tag: String? = nil) {
        self.storage = .value(value)
        self.offset = offset
        self.tagBox = tag.map { TagBox($0) }
    }

    /// A plain, untagged scalar that YAML 1.1 reads as a boolean (`YAMLBooleans`): the string `word` to the core
    /// schema.
    package init(yaml11Word word: String, offset: Int) {
        self.storage = .value(.string(word))
        self.offset = offset
        self.tagBox = TagBox.yaml11Word
    }

    /// Node `index` of a parsed document's tape, as `unchangedTapeReference` names it.
    package init(tape: SourceTape, index: UInt32) {
        self.init(tape: tape, index: Int(index))
    }

    /// For a node read into a tape and unchanged since (its offset and tag as read): the tape and the node's index,
    /// so a holder of many nodes of one tape can keep 4 bytes a node and make them again (`init(tape:index:)`).
    package var unchangedTapeReference: (tape: SourceTape, index: UInt32)? {
        guard case .tape(let tape, let index) = storage, tagBox == nil,
              offset == Int(tape.nodes[Int(index)].offset) else { return nil }
        return (tape, index)
    }

    /// Node `index` of a parsed document's tape.
    init(tape: SourceTape, index: Int) {
        self.storage = .tape(tape, UInt32(truncatingIfNeeded: index))
        self.offset = Int(tape.nodes[index].offset)
        self.tagBox = nil
    }

    private enum Storage: Sendable {
        case value(Value)
        case tape(SourceTape, UInt32)
    }

    private final class TagBox: Sendable {
        let text: String?
        /// The node is a plain, untagged word YAML 1.1 reads as a boolean (`YAMLBooleans`); such a node has no tag.
        let isYAML11Word: Bool
        init(_ text: String?, isYAML11Word: Bool = false) {
            self.text = text
            self.isYAML11Word = isYAML11Word
        }
        static let removed = TagBox(nil)
        static let yaml11Word = TagBox(nil, isYAML11Word: true)
    }

    /// Whether the node was read as a plain, untagged word YAML 1.1 reads as a boolean (`YAMLBooleans`).
    var isYAML11Word: Bool {
        if let tagBox, tagBox.isYAML11Word { return true }
        if tagBox?.text == nil, case .tape(let tape, let index) = storage { return tape.isYAML11Word(Int(index)) }
        return false
    }

    /// The bytes of text its tape keeps beside the document (YAML scalars the document does not spell as they
    /// read), or `nil` for a node outside a tape; for tests.
    var tapeStoredTextCount: Int? { tapeNode?.tape.stored?.texts.count }

    /// The tape and node index, for nodes read into a tape.
    private var tapeNode: (tape: SourceTape, index: Int)? {
        if case .tape(let tape, let index) = storage { return (tape, Int(index)) }
        return nil
    }

    /// Which node of which parsed document this is, for caching what is derived from a node many values share (every
    /// entry of a Kubernetes Service has the whole object as its raw node). `nil` for a node built or changed outside
    /// a tape: its content is not fixed by its place.
    public var identity: Identity? {
        tapeNode.map { Identity(tape: $0.tape, index: $0.index) }
    }

    /// A node's place in its document's tape. It holds the tape, so it never outlives the document and is never
    /// mistaken for a node of a later document at the same address.
    public struct Identity: Hashable, Sendable {
        fileprivate let tape: SourceTape
        fileprivate let index: Int

        public static func == (lhs: Identity, rhs: Identity) -> Bool {
            lhs.tape === rhs.tape && lhs.index == rhs.index
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(ObjectIdentifier(tape))
            hasher.combine(index)
        }
    }
}

/// One key–value pair of a mapping, in document order.
public struct SourceEntry: Sendable {
    public var key: String
    /// Byte offset of the key.
    public var keyOffset: Int
    public var value: SourceNode

    public init(key: String, keyOffset: Int, value: SourceNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }
}

// MARK: - Convenience accessors

extension SourceNode {
    /// The entries of a mapping, or `nil`.
    public var entries: [SourceEntry]? {
        if let (tape, index) = tapeNode {
            return tape.kind(index) == .mapping ? tape.entries(index) : nil
        }
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    /// The items of a sequence, or `nil`.
    public var items: [SourceNode]? {
        if let (tape, index) = tapeNode {
            return tape.kind(index) == .sequence ? tape.items(index) : nil
        }
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// Whether the node is a mapping (without building its entries).
    public var isMapping: Bool {
        if let (tape, index) = tapeNode { return tape.kind(index) == .mapping }
        if case .mapping = value { return true }
        return false
    }

    /// Whether the node is a sequence (without building its items).
    public var isSequence: Bool {
        if let (tape, index) = tapeNode { return tape.kind(index) == .sequence }
        if case .sequence = value { return true }
        return false
    }

    /// The number of entries or items of a mapping or sequence (0 for scalars), without building them.
    public var memberCount: Int {
        if let (tape, index) = tapeNode {
            switch tape.kind(index) {
            case .mapping, .sequence: return Int(tape.nodes[index].count)
            default: return 0
            }
        }
        switch value {
        case .mapping(let entries): return entries.count
        case .sequence(let items): return items.count
        default: return 0
        }
    }

    /// The text of a string scalar, or `nil`.
    public var string: String? {
        if let (tape, index) = tapeNode {
            return tape.kind(index) == .string ? tape.text(index) : nil
        }
        if case .string(let text) = value { return text }
        return nil
    }

    /// Whether the node is a string (without building its text).
    public var isString: Bool {
        if let (tape, index) = tapeNode { return tape.kind(index) == .string }
        if case .string = value { return true }
        return false
    }

    /// The value of a boolean, or `nil`.
    public var bool: Bool? {
        if let (tape, index) = tapeNode {
            switch tape.kind(index) {
            case .true: return true
            case .false: return false
            default: return nil
            }
        }
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The value of a boolean as a reader of `dialect` takes it: `bool`, or — for YAML 1.1 — a plain, untagged word
    /// such as `on` or `off` (`YAMLBooleans`); `nil` for anything else, a quoted `'off'` among them.
    public func boolean(_ dialect: YAMLBooleans) -> Bool? {
        if let flag = bool { return flag }
        guard dialect == .yaml11, isYAML11Word, let word = string else { return nil }
        return YAMLBooleans.yaml11Value(of: word)
    }

    /// The literal of a number, or `nil`.
    public var numberLiteral: String? {
        if let (tape, index) = tapeNode {
            return tape.kind(index) == .number ? tape.text(index) : nil
        }
        if case .number(let literal) = value { return literal }
        return nil
    }

    /// Whether the node is `null`.
    public var isNull: Bool {
        if let (tape, index) = tapeNode { return tape.kind(index) == .null }
        if case .null = value { return true }
        return false
    }

    /// The value under `key` in a mapping (the first, if a tolerant reader kept duplicates).
    public subscript(key: String) -> SourceNode? {
        if let (tape, index) = tapeNode {
            return tape.link(index, key: key).map { tape.node(Int(tape.links[$0].child)) }
        }
        return entries?.first(where: { $0.key == key })?.value
    }

    /// The value under `key` in a mapping, the name's hash worked out beforehand.
    public subscript(key: SourceKey) -> SourceNode? {
        if let (tape, index) = tapeNode {
            return tape.link(index, key: key.text, hash: key.hash).map { tape.node(Int(tape.links[$0].child)) }
        }
        return self[key.text]
    }

    /// Which of up to 64 names a mapping has, as bits in the names' order (bit `i` for `keys[i]`): one pass over the
    /// members of a tape's mapping, where asking each name scans them once per name.
    public func presence(of keys: [SourceKey]) -> UInt64 {
        if let (tape, index) = tapeNode { return tape.presence(index, of: keys) }
        var found: UInt64 = 0
        for (bit, key) in keys.enumerated() where self[key] != nil { found |= 1 << UInt64(bit) }
        return found
    }

    /// Whether a mapping's keys are known to be distinct, so each entry is the one its key looks up: true for tapes
    /// (the JSON and YAML readers reject duplicate keys), false for trees, which a tolerant reader may have built
    /// with duplicates.
    public var keysAreUnique: Bool { tapeNode != nil }

    /// The entry under `key` in a mapping.
    public func entry(_ key: String) -> SourceEntry? {
        if let (tape, index) = tapeNode {
            return tape.link(index, key: key).map {
                SourceEntry(key: key, keyOffset: tape.keyOffset(ofLink: $0), value: tape.node(Int(tape.links[$0].child)))
            }
        }
        return entries?.first(where: { $0.key == key })
    }

    /// Calls `body` with each entry of a mapping, in document order, without building the entries array.
    public func forEachEntry(_ body: (SourceEntry) throws -> Void) rethrows {
        if let (tape, index) = tapeNode {
            guard tape.kind(index) == .mapping else { return }
            let start = Int(tape.nodes[index].payload)
            for link in start..<start + Int(tape.nodes[index].count) {
                try body(SourceEntry(key: tape.texts[Int(tape.links[link].key)], keyOffset: tape.keyOffset(ofLink: link),
                                     value: tape.node(Int(tape.links[link].child))))
            }
            return
        }
        for entry in entries ?? [] { try body(entry) }
    }

    /// Item `position` of a sequence, or `nil` (not a sequence, or no such item), without building the items
    /// array: a path step into a list of 10,000 rules is one lookup, not 10,000 nodes.
    public func item(at position: Int) -> SourceNode? {
        if let (tape, index) = tapeNode {
            guard tape.kind(index) == .sequence, position >= 0, position < Int(tape.nodes[index].count) else { return nil }
            return tape.node(Int(tape.links[Int(tape.nodes[index].payload) + position].child))
        }
        guard let items, items.indices.contains(position) else { return nil }
        return items[position]
    }

    /// Calls `body` with the position and node of each item of a sequence, without building the items array.
    public func forEachItem(_ body: (Int, SourceNode) throws -> Void) rethrows {
        if let (tape, index) = tapeNode {
            guard tape.kind(index) == .sequence else { return }
            let start = Int(tape.nodes[index].payload)
            for (position, link) in tape.links[start..<start + Int(tape.nodes[index].count)].enumerated() {
                try body(position, tape.node(Int(link.child)))
            }
            return
        }
        for (position, item) in (items ?? []).enumerated() { try body(position, item) }
    }

    /// A short name for the kind of value, for messages ("a mapping", "a string", …).
    public var kindDescription: String {
        if let (tape, index) = tapeNode {
            switch tape.kind(index) {
            case .null: return "null"
            case .true, .false: return "a boolean"
            case .number: return "a number"
            case .string: return "a string"
            case .sequence: return "a list"
            case .mapping: return "a mapping"
            }
        }
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// One step down a tree: a mapping's key or a sequence's position.
public enum SourcePathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

extension SourceNode {
    /// Calls `body` with every string scalar at or below this node that starts with `prefix` (compared by UTF-8
    /// bytes), in document order, and a function that gives the steps from this node down to it (worked out only
    /// when called). A repeated key (kept only by tolerant readers) is visited through its first value only, as
    /// `subscript(key:)` reads it.
    ///
    /// For a tape the walk is a scan of the node's contiguous run of the tape that tests the prefix on the document's
    /// bytes: no text, entry or path is built for the strings `body` is not called with.
    public func forEachString(withPrefix prefix: String = "",
                              _ body: (_ text: String, _ steps: () -> [SourcePathStep]) throws -> Void) rethrows {
        if let (tape, index) = tapeNode {
            for node in index..<tape.subtreeEnd(index) where tape.kind(node) == .string && tape.text(node, hasPrefix: prefix) {
                try body(tape.text(node)) { tape.steps(from: index, to: node) }
            }
            return
        }
        var steps: [SourcePathStep] = []
        try forEachString(below: &steps, prefix: prefix, body)
    }

    private func forEachString(below steps: inout [SourcePathStep], prefix: String,
                               _ body: (_ text: String, _ steps: () -> [SourcePathStep]) throws -> Void) rethrows {
        switch value {
        case .string(let text):
            guard text.utf8.starts(with: prefix.utf8) else { return }
            let here = steps
            try body(text) { here }
        case .mapping(let entries):
            var visited: Set<String> = []
            for entry in entries where visited.insert(entry.key).inserted {
                steps.append(.key(entry.key))
                try entry.value.forEachString(below: &steps, prefix: prefix, body)
                steps.removeLast()
            }
        case .sequence(let items):
            for (position, item) in items.enumerated() {
                steps.append(.index(position))
                try item.forEachString(below: &steps, prefix: prefix, body)
                steps.removeLast()
            }
        case .null, .bool, .number:
            break
        }
    }
}

/// A member name with its hash worked out once, for code that looks one name up in several mappings.
public struct SourceKey: Sendable {
    public let text: String
    let hash: UInt64

    public init(_ text: String) {
        var text = text
        hash = text.withUTF8 { JSONStringCache.hash($0) }
        self.text = text
    }
}
