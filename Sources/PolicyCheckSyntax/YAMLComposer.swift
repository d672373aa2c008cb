internal import CYaml

/// Composes `SourceNode` trees straight from libyaml's parser events, one document at a time.
///
/// libyaml is the parser Yams wraps (its `CYaml` module, the same code and version). Yams composes a whole document
/// into its own node tree before returning it; for one large document (a 100,000-object `kind: List`) that tree was
/// about 420 MB beside ours. Reading the events ourselves builds each node once, in its final form.
///
/// The rules are those `YAMLReader` documents: the YAML 1.2 core schema for plain scalars, local tags kept,
/// construct-an-object tags refused, merge keys applied, duplicate keys refused, aliases charged to a node budget.
final class YAMLComposer {
    /// A node that carries an anchor, kept for the aliases that name it.
    private struct Anchored {
        let node: SourceNode
        /// How many nodes it expands to, charged to the budget at every alias.
        let size: Int
        /// How many levels it adds below the place it is used.
        let height: Int
        /// A scalar's key text, style and resolved tag, when the alias is used as a mapping key.
        let key: Key?
    }

    /// What a scalar contributes as a mapping key.
    private struct Key {
        let text: String
        let isPlain: Bool
        /// The tag the key resolves to (`str` for untagged and quoted scalars): keys are duplicates when text and
        /// resolved tag agree.
        let resolvedTag: String
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false
    private let lines: LineTable
    private let limits: YAMLReader.Limits
    private var produced = 0
    /// The deepest level reached so far, so that a reused alias also counts toward the depth limit.
    private var deepest = 0
    /// Anchors by name, for the current document; a later anchor of the same name shadows an earlier one.
    private var anchors: [String: Anchored] = [:]
    /// The members of the collections being composed, innermost last: each collection's array is made once, at its
    /// exact size, when it ends (appending to each as it grew left a third of the tree's memory unused).
    private var pendingEntries: [SourceEntry] = []
    private var pendingItems: [SourceNode] = []
    private var pendingKeys: [(key: Key, offset: Int)] = []

    /// A composer over `input`, which must stay valid (and unmoved) while the composer is used.
    init(input: UnsafeBufferPointer<UInt8>, lines: LineTable, limits: YAMLReader.Limits) {
        self.lines = lines
        self.limits = limits
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        event.deallocate()
        parser.deallocate()
    }

    /// Every document of the stream.
    func documents() throws(SyntaxError) -> [SourceNode] {
        _ = try advance() // The stream's start.
        var documents: [SourceNode] = []
        while try advance() == YAML_DOCUMENT_START_EVENT {
            _ = try advance()
            guard documents.count < limits.maxDocuments else {
                throw SyntaxError(offset: startOffset(), message: "more than \(limits.maxDocuments) YAML documents in one file")
            }
            documents.append(try node(depth: 0))
            _ = try advance() // The document's end.
            // An alias names an earlier anchor of its own document (YAML 1.2.2, 7.1).
            anchors.removeAll()
        }
        return documents
    }

    // MARK: - Events

    /// Reads the next event into `event`, releasing the previous one.
    private func advance() throws(SyntaxError) -> yaml_event_type_t {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw parserError() }
        holdsEvent = true
        return event.pointee.type
    }

    private func startOffset() -> Int {
        let mark = event.pointee.start_mark
        return lines.offset(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func text(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    // MARK: - Nodes

    /// The node whose first event is the current one; on return the current event is its last.
    private func node(depth: Int) throws(SyntaxError) -> SourceNode {
        try anchoredOrFresh(depth: depth).node
    }

    private func anchoredOrFresh(depth: Int) throws(SyntaxError) -> (node: SourceNode, key: Key?) {
        let data = event.pointee.data
        let anchor: String?
        switch event.pointee.type {
        case YAML_ALIAS_EVENT:
            let alias = try self.alias(named: Self.text(data.alias.anchor) ?? "", depth: depth)
            return (alias.node, alias.key)
        case YAML_SCALAR_EVENT: anchor = Self.text(data.scalar.anchor)
        case YAML_SEQUENCE_START_EVENT: anchor = Self.text(data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT: anchor = Self.text(data.mapping_start.anchor)
        default: throw SyntaxError(offset: startOffset(), message: "could not read YAML")
        }
        guard let anchor else { return try fresh(depth: depth) }
        let (before, deepestBefore) = (produced, deepest)
        deepest = depth
        let result = try fresh(depth: depth)
        anchors[anchor] = Anchored(node: result.node, size: produced - before, height: deepest - depth, key: result.key)
        deepest = max(deepest, deepestBefore)
        return result
    }

    /// An alias: the anchored node again, charged its size and height.
    private func alias(named name: String, depth: Int) throws(SyntaxError) -> Anchored {
        let offset = startOffset()
        guard let anchored = anchors[name] else {
            throw SyntaxError(offset: offset, message: "found undefined alias")
        }
        produced += anchored.size
        guard produced <= limits.maxNodes else {
            throw SyntaxError(offset: offset, message: "YAML aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)")
        }
        guard depth + anchored.height <= limits.maxDepth else {
            throw SyntaxError(offset: offset, message: "nesting deeper than \(limits.maxDepth) levels")
        }
        deepest = max(deepest, depth + anchored.height)
        return anchored
    }

    private func fresh(depth: Int) throws(SyntaxError) -> (node: SourceNode, key: Key?) {
        produced += 1
        let offset = startOffset()
        guard produced <= limits.maxNodes else {
            throw SyntaxError(offset: offset, message: "YAML aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)")
        }
        guard depth <= limits.maxDepth else {
            throw SyntaxError(offset: offset, message: "nesting deeper than \(limits.maxDepth) levels")
        }
        deepest = max(deepest, depth)
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            return try scalar(offset: offset)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.pointee.data.sequence_start
            let tagName = start.implicit != 0 ? "" : Self.text(start.tag) ?? ""
            let tag = try Self.customTag(tagName, standard: "seq", offset: offset)
            let base = pendingItems.count
            while try advance() != YAML_SEQUENCE_END_EVENT {
                let item = try node(depth: depth + 1)
                pendingItems.append(item)
            }
            let items = Array(pendingItems[base...])
            pendingItems.removeSubrange(base...)
            return (SourceNode(.sequence(items), offset: offset, tag: tag), nil)
        default:
            let start = event.pointee.data.mapping_start
            let tagName = start.implicit != 0 ? "" : Self.text(start.tag) ?? ""
            let tag = try Self.customTag(tagName, standard: "map", offset: offset)
            return (SourceNode(.mapping(try mapping(depth: depth)), offset: offset, tag: tag), nil)
        }
    }

    /// A mapping's entries, from the event after its start to its end. Merged entries (`<<`) come after the
    /// mapping's own and never replace one.
    private func mapping(depth: Int) throws(SyntaxError) -> [SourceEntry] {
        let base = pendingEntries.count
        let keyBase = pendingKeys.count
        var merged: [SourceEntry] = []
        while try advance() != YAML_MAPPING_END_EVENT {
            let keyOffset = startOffset()
            let type = event.pointee.type
            guard type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT else {
                throw SyntaxError(offset: keyOffset, message: "mapping keys must be scalars")
            }
            // A key is not charged to the node budget (it is not a node of the tree), unless an alias uses it.
            let producedBefore = produced
            let composed = try anchoredOrFresh(depth: depth + 1)
            produced = producedBefore
            guard let key = composed.key else {
                throw SyntaxError(offset: composed.node.offset, message: "mapping keys must be scalars")
            }
            pendingKeys.append((key, composed.node.offset))
            _ = try advance()
            if key.text == "<<", key.isPlain {
                merged.append(contentsOf: try mergeSources(depth: depth))
                continue
            }
            let value = try node(depth: depth + 1)
            pendingEntries.append(SourceEntry(key: key.text, keyOffset: composed.node.offset, value: value))
        }
        try Self.refuseDuplicates(pendingKeys[keyBase...])
        pendingKeys.removeSubrange(keyBase...)
        var entries = Array(pendingEntries[base...])
        pendingEntries.removeSubrange(base...)
        for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
            entries.append(entry)
        }
        return entries
    }

    /// The entries a merge key's value brings: a mapping's, or those of a sequence of mappings (earlier first).
    private func mergeSources(depth: Int) throws(SyntaxError) -> [SourceEntry] {
        let converted = try node(depth: depth + 1)
        if let entries = converted.entries { return entries }
        if let items = converted.items {
            var result: [SourceEntry] = []
            for item in items {
                guard let entries = item.entries else {
                    throw SyntaxError(offset: item.offset, message: "a merge key '<<' takes mappings only")
                }
                result.append(contentsOf: entries.filter { entry in !result.contains { $0.key == entry.key } })
            }
            return result
        }
        throw SyntaxError(offset: converted.offset, message: "a merge key '<<' takes mappings only")
    }

    /// Refuses a mapping whose keys repeat (same text and resolved tag), naming up to three in order and pointing at
    /// the first occurrence of the first.
    private static func refuseDuplicates(_ keys: ArraySlice<(key: Key, offset: Int)>) throws(SyntaxError) {
        guard keys.count > 1, hasRepeat(keys) else { return }
        var firstOffsets: [String: Int] = [:]
        var repeated: Set<String> = []
        var spelling: [String: String] = [:]
        for (key, offset) in keys {
            let identity = key.resolvedTag + "\u{0}" + key.text
            if firstOffsets[identity] == nil {
                firstOffsets[identity] = offset
                spelling[identity] = key.text
            } else {
                repeated.insert(identity)
            }
        }
        guard !repeated.isEmpty else { return }
        let sorted = repeated.sorted { spelling[$0]! < spelling[$1]! }
        let names = sorted.prefix(3).map { "'\(Excerpt.quote(spelling[$0]!))'" }.joined(separator: ", ")
        throw SyntaxError(offset: firstOffsets[sorted[0]]!, message: "duplicate key \(names) in a mapping")
    }

    /// Whether any two keys agree: pairwise for the small mappings most documents hold, through a set for large ones.
    private static func hasRepeat(_ keys: ArraySlice<(key: Key, offset: Int)>) -> Bool {
        if keys.count <= 16 {
            for later in keys.startIndex + 1..<keys.endIndex {
                let key = keys[later].key
                for earlier in keys.startIndex..<later where keys[earlier].key.text == key.text && keys[earlier].key.resolvedTag == key.resolvedTag {
                    return true
                }
            }
            return false
        }
        var seen: Set<String> = []
        for (key, _) in keys where !seen.insert(key.resolvedTag + "\u{0}" + key.text).inserted { return true }
        return false
    }

    private func scalar(offset: Int) throws(SyntaxError) -> (node: SourceNode, key: Key?) {
        let data = event.pointee.data.scalar
        let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self) } ?? ""
        // As Yams tags them: a quoted scalar without a tag is a string; an untagged plain one is resolved.
        let tagName = data.quoted_implicit == 1 ? "tag:yaml.org,2002:str" : Self.text(data.tag) ?? ""
        let style = data.style
        let isPlain = style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE
        let resolvedTag = tagName.isEmpty || tagName == "!" || tagName == "tag:yaml.org,2002:str" ? "str" : tagName
        let key = Key(text: text, isPlain: style == YAML_PLAIN_SCALAR_STYLE, resolvedTag: resolvedTag)
        switch tagName {
        case "":
            guard isPlain else { return (SourceNode(.string(text), offset: offset), key) }
            return (SourceNode(CoreSchema.resolve(plain: text), offset: offset), key)
        case "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp":
            return (SourceNode(.string(text), offset: offset), key)
        case "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return (SourceNode(CoreSchema.resolve(plain: text), offset: offset), key)
        default:
            let tag = try Self.customTag(tagName, standard: "str", offset: offset)
            return (SourceNode(.string(text), offset: offset, tag: tag), key)
        }
    }

    /// Keeps local tags (`!Ref`), drops standard ones, rejects other global tags.
    private static func customTag(_ name: String, standard: String, offset: Int) throws(SyntaxError) -> String? {
        if name.isEmpty || name == "!" || name == "tag:yaml.org,2002:\(standard)" { return nil }
        if name.hasPrefix("!") { return name }
        let shown = name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst(18) : name
        throw SyntaxError(
            offset: offset,
            message: "YAML tag '\(Excerpt.quote(String(shown)))' is not allowed (it asks to construct an object)"
        )
    }

    // MARK: - Errors

    /// libyaml's error, as one line at the place it names.
    private func parserError() -> SyntaxError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "could not read YAML"
        switch state.error {
        case YAML_READER_ERROR:
            return SyntaxError(offset: Int(state.problem_offset), message: YAMLReader.clean(problem))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let offset = lines.offset(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
            if problem.hasPrefix("Maximum nesting level reached") {
                return SyntaxError(offset: offset, message: "nesting deeper than 1000 levels")
            }
            if lines.byte(at: offset) == UInt8(ascii: "\t") {
                return SyntaxError(offset: offset, message: "a tab character where YAML expects indentation or a token; YAML indents with spaces only")
            }
            var message = problem
            if let context = state.context.map({ String(cString: $0) }), !context.isEmpty {
                message = "\(problem) (\(context) at \(Int(state.context_mark.line) + 1):\(Int(state.context_mark.column) + 1))"
            }
            return SyntaxError(offset: offset, message: YAMLReader.clean(message))
        default:
            return SyntaxError(offset: 0, message: "could not read YAML")
        }
    }
}
