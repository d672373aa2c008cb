internal import CYaml

/// Composes documents straight from libyaml's parser events into a `YAMLNodeBuilder`: a compact tape, or a tree of
/// `SourceNode` values where a document merges keys.
///
/// libyaml is the parser Yams wraps (its `CYaml` module, the same code and version). Yams composes a whole document
/// into its own node tree before returning it; for one large document (a 100,000-object `kind: List`) that tree was
/// about 420 MB beside ours. Reading the events ourselves builds each node once, in its final form.
///
/// The rules are those `YAMLReader` documents: the YAML 1.2 core schema for plain scalars, local tags kept,
/// construct-an-object tags refused, merge keys applied, duplicate keys refused, aliases charged to a node budget.
final class YAMLComposer<Builder: YAMLNodeBuilder> {
    /// A node that carries an anchor, kept for the aliases that name it.
    private struct Anchored {
        /// The node; `nil` for an anchored key, since keys are not nodes (an alias that uses one as a value makes
        /// the scalar then).
        let node: Builder.Handle?
        /// How many nodes it expands to, charged to the budget at every alias.
        let size: Int
        /// How many levels it adds below the place it is used.
        let height: Int
        let offset: Int
        /// An anchored scalar as written, for an alias that uses it as a key, or a key's anchor as a value.
        let scalar: Scalar?
    }

    /// A scalar as libyaml gave it.
    private struct Scalar {
        let bytes: [UInt8]
        let tagName: String
        let style: yaml_scalar_style_t
    }

    /// What a scalar contributes as a mapping key.
    private struct Key {
        /// The key's text: keys are duplicates when their texts agree, whatever their tags (`1` and `!!int 1`, `x`
        /// and `!Foo x`), since every reader looks a key up by its text and two entries of one text would let a
        /// document show one value to one reader and another to the next.
        let text: String
        /// Whether the key merges its value into the mapping (`<<`). go-yaml (v2's `isMerge`, v3 likewise) and the
        /// YAML merge type decide by the tag, not the quoting: `<<` plain and untagged, or tagged `!!merge`, or
        /// with the non-specific `!` (which libyaml reads as plain-implicit, quoted or not), is a merge key;
        /// `"<<"` quoted without a tag, `!!str <<` or `!x <<` is an ordinary key. Deciding by quoting alone let
        /// `!!merge "<<": {type: LoadBalancer}` pass as no merge while kubectl applied it (reviewer, round 28).
        let isMerge: Bool

        /// A key as written; a `!!binary` key is its decoded text, as it is for go-yaml (`YAMLBinary`).
        init(_ bytes: UnsafeBufferPointer<UInt8>, tagName: String, style: yaml_scalar_style_t, offset: Int) throws(SyntaxError) {
            if tagName == YAMLBinary.tag {
                text = String(decoding: try YAMLBinary.text(of: bytes, offset: offset), as: UTF8.self)
                isMerge = false
            } else {
                text = String(decoding: bytes, as: UTF8.self)
                isMerge = text == "<<" && (tagName == "tag:yaml.org,2002:merge" || tagName == "!"
                                           || (tagName.isEmpty && style == YAML_PLAIN_SCALAR_STYLE))
            }
        }
    }

    private var builder: Builder
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false
    private var lines: LineTable
    private let limits: YAMLReader.Limits
    /// Every node made, spelt or repeated by an alias.
    private(set) var produced = 0
    /// Nodes produced by aliases (each alias charged its anchor's size): what `maxNodes` bounds. Nodes the input
    /// spells itself are bounded by its size already, so a large file without aliases (a 63 MB `kind: List` in flow
    /// style) is not taken for an alias bomb.
    private(set) var expanded = 0
    /// Most nodes this stream's aliases may expand to: `maxNodes`, or less when a shared budget has less left.
    private let aliasAllowance: Int
    /// The budget shared with the input's other texts, when it, not `maxNodes`, is what `aliasAllowance` is.
    private let sharedLimit: Int?
    /// Most nodes this stream may make: what its shared budget has left of its `nodeLimit`, if it has one.
    private let nodeAllowance: Int
    private let nodeLimit: Int?
    /// The deepest level reached so far, so that a reused alias also counts toward the depth limit.
    private var deepest = 0
    /// Anchors by name, for the current document; a later anchor of the same name shadows an earlier one.
    private var anchors: [String: Anchored] = [:]
    /// The keys of the mappings being composed, innermost last.
    private var pendingKeys: [(key: Key, offset: Int)] = []

    /// A composer over `input`, which must stay valid (and unmoved) while the composer is used.
    /// `budget`: the alias budget shared with the input's other texts, if any.
    init(input: UnsafeBufferPointer<UInt8>, lines: LineTable, limits: YAMLReader.Limits, budget: YAMLAliasBudget? = nil,
         builder: Builder) {
        self.builder = builder
        self.lines = lines
        self.limits = limits
        let remaining = budget?.remaining ?? Int.max
        aliasAllowance = min(limits.maxNodes, remaining)
        sharedLimit = remaining < limits.maxNodes ? budget?.limit : nil
        nodeAllowance = budget?.remainingNodes ?? Int.max
        nodeLimit = budget?.nodeLimit
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
        var roots: [Builder.Handle] = []
        while try advance() == YAML_DOCUMENT_START_EVENT {
            _ = try advance()
            guard roots.count < limits.maxDocuments else {
                throw SyntaxError(offset: startOffset(), message: "more than \(limits.maxDocuments) YAML documents in one file")
            }
            roots.append(try node(depth: 0))
            _ = try advance() // The document's end.
            // An alias names an earlier anchor of its own document (YAML 1.2.2, 7.1).
            anchors.removeAll()
        }
        return builder.documents(roots)
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
    private func node(depth: Int) throws(SyntaxError) -> Builder.Handle {
        let type = event.pointee.type
        let data = event.pointee.data
        let anchor: String?
        switch type {
        case YAML_ALIAS_EVENT:
            let name = Self.text(data.alias.anchor) ?? ""
            let anchored = try alias(named: name, depth: depth)
            if let node = anchored.node { return builder.repeated(node) }
            // A key's anchor used as a value: the scalar is made here, placed at the key, once; later aliases repeat
            // it as they repeat any node (making it each time copied its text each time).
            guard let scalar = anchored.scalar else { throw SyntaxError(offset: anchored.offset, message: "could not read YAML") }
            let node = try scalar.bytes.withUnsafeBufferPointer { (bytes) throws(SyntaxError) -> Builder.Handle in
                try self.scalar(bytes, tagName: scalar.tagName, style: scalar.style, offset: anchored.offset)
            }
            anchors[name] = Anchored(node: node, size: 1, height: 0, offset: anchored.offset, scalar: scalar)
            return node
        case YAML_SCALAR_EVENT: anchor = Self.text(data.scalar.anchor)
        case YAML_SEQUENCE_START_EVENT: anchor = Self.text(data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT: anchor = Self.text(data.mapping_start.anchor)
        default: throw SyntaxError(offset: startOffset(), message: "could not read YAML")
        }
        guard let anchor else { return try fresh(depth: depth) }
        let scalar = type == YAML_SCALAR_EVENT ? Scalar(
            bytes: Array(Self.bytes(data.scalar)), tagName: Self.tagName(data.scalar), style: data.scalar.style
        ) : nil
        let (before, deepestBefore) = (produced, deepest)
        deepest = depth
        let node = try fresh(depth: depth)
        anchors[anchor] = Anchored(
            node: node, size: produced - before, height: deepest - depth, offset: builder.offset(of: node), scalar: scalar
        )
        deepest = max(deepest, deepestBefore)
        return node
    }

    /// An alias: the anchored node again, charged its size and height.
    private func alias(named name: String, depth: Int) throws(SyntaxError) -> Anchored {
        let offset = startOffset()
        guard let anchored = anchors[name] else {
            throw SyntaxError(offset: offset, message: "found undefined alias")
        }
        produced += anchored.size
        expanded += anchored.size
        try checkNodeAllowance(offset: offset)
        guard expanded <= aliasAllowance else {
            if let sharedLimit {
                throw SyntaxError(offset: offset, message: "YAML aliases of this input's YAML texts expand to more than "
                                  + "\(sharedLimit) nodes together (an alias bomb?)")
            }
            throw SyntaxError(offset: offset, message: "YAML aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)")
        }
        guard depth + anchored.height <= limits.maxDepth else {
            throw SyntaxError(offset: offset, message: "nesting deeper than \(limits.maxDepth) levels")
        }
        deepest = max(deepest, depth + anchored.height)
        return anchored
    }

    private func fresh(depth: Int) throws(SyntaxError) -> Builder.Handle {
        produced += 1
        let offset = startOffset()
        try checkNodeAllowance(offset: offset)
        guard depth <= limits.maxDepth else {
            throw SyntaxError(offset: offset, message: "nesting deeper than \(limits.maxDepth) levels")
        }
        deepest = max(deepest, depth)
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            return try scalar(Self.bytes(data), tagName: Self.tagName(data), style: data.style, offset: offset)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.pointee.data.sequence_start
            let tagName = start.implicit != 0 ? "" : Self.text(start.tag) ?? ""
            builder.open(.sequence, offset: offset, tag: try Self.customTag(tagName, standard: "seq", offset: offset))
            while try advance() != YAML_SEQUENCE_END_EVENT {
                let item = try node(depth: depth + 1)
                builder.item(item)
            }
            return builder.close()
        default:
            let start = event.pointee.data.mapping_start
            let tagName = start.implicit != 0 ? "" : Self.text(start.tag) ?? ""
            builder.open(.mapping, offset: offset, tag: try Self.customTag(tagName, standard: "map", offset: offset))
            try mapping(depth: depth)
            return builder.close()
        }
    }

    /// Refuses a node past what the shared budget's `nodeLimit` leaves (a text repeated by Terraform's `count`).
    private func checkNodeAllowance(offset: Int) throws(SyntaxError) {
        guard produced > nodeAllowance, let nodeLimit else { return }
        throw SyntaxError(offset: offset, message: "this input's YAML texts make more than \(nodeLimit) nodes together "
                          + "(a large text repeated by count or for_each?)")
    }

    /// A mapping's entries, from the event after its start to its end. Keys are not nodes: they are not charged to
    /// the budget and never reach the builder as scalars. Merged entries (`<<`) come after the mapping's own and
    /// never replace one.
    private func mapping(depth: Int) throws(SyntaxError) {
        let keyBase = pendingKeys.count
        while try advance() != YAML_MAPPING_END_EVENT {
            var offset = startOffset()
            let key: Key
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                let data = event.pointee.data.scalar
                let (bytes, tagName) = (Self.bytes(data), Self.tagName(data))
                try Self.checkKeyTag(tagName, offset: offset)
                key = try Key(bytes, tagName: tagName, style: data.style, offset: offset)
                if let anchor = Self.text(data.anchor) {
                    let scalar = Scalar(bytes: Array(bytes), tagName: tagName, style: data.style)
                    anchors[anchor] = Anchored(node: nil, size: 1, height: 0, offset: offset, scalar: scalar)
                }
            case YAML_ALIAS_EVENT:
                guard let anchored = anchors[Self.text(event.pointee.data.alias.anchor) ?? ""] else {
                    throw SyntaxError(offset: offset, message: "found undefined alias")
                }
                offset = anchored.offset
                guard let scalar = anchored.scalar else {
                    throw SyntaxError(offset: offset, message: "mapping keys must be scalars")
                }
                key = try scalar.bytes.withUnsafeBufferPointer { (bytes) throws(SyntaxError) -> Key in
                    try Key(bytes, tagName: scalar.tagName, style: scalar.style, offset: offset)
                }
            default:
                throw SyntaxError(offset: offset, message: "mapping keys must be scalars")
            }
            pendingKeys.append((key, offset))
            _ = try advance()
            let value = try node(depth: depth + 1)
            if key.isMerge {
                try builder.merge(value)
            } else {
                builder.entry(key: key.text, keyOffset: offset, value: value)
            }
        }
        try Self.refuseDuplicates(pendingKeys[keyBase...])
        pendingKeys.removeSubrange(keyBase...)
    }

    /// Refuses a mapping whose keys repeat, naming up to three in the order they repeat and pointing at the first
    /// repeat (the key a reader should delete or rename, as yamllint and cfn-lint point), not at the original.
    private static func refuseDuplicates(_ keys: ArraySlice<(key: Key, offset: Int)>) throws(SyntaxError) {
        guard keys.count > 1, hasRepeat(keys) else { return }
        var seen: Set<String> = []
        var repeats: [(text: String, offset: Int)] = []
        for (key, offset) in keys where !seen.insert(key.text).inserted && !repeats.contains(where: { $0.text == key.text }) {
            repeats.append((key.text, offset))
        }
        let names = repeats.prefix(3).map { "'\(Excerpt.quote($0.text))'" }.joined(separator: ", ")
        throw SyntaxError(offset: repeats[0].offset, message: "duplicate key \(names) in a mapping")
    }

    /// Whether any two keys agree: pairwise for the small mappings most documents hold, through a set for large ones.
    private static func hasRepeat(_ keys: ArraySlice<(key: Key, offset: Int)>) -> Bool {
        if keys.count <= 16 {
            for later in keys.startIndex + 1..<keys.endIndex {
                let text = keys[later].key.text
                for earlier in keys.startIndex..<later where keys[earlier].key.text == text { return true }
            }
            return false
        }
        var seen: Set<String> = []
        for (key, _) in keys where !seen.insert(key.text).inserted { return true }
        return false
    }

    /// A scalar event's text as libyaml decoded it.
    private static func bytes(_ data: yaml_event_t.__Unnamed_union_data.__Unnamed_struct_scalar) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: data.value, count: data.value == nil ? 0 : Int(data.length))
    }

    /// A scalar event's tag as Yams named it: a quoted scalar without a tag is a string (`str`); an untagged plain
    /// one has none (it is resolved).
    private static func tagName(_ data: yaml_event_t.__Unnamed_union_data.__Unnamed_struct_scalar) -> String {
        data.quoted_implicit == 1 ? "tag:yaml.org,2002:str" : text(data.tag) ?? ""
    }

    /// A scalar node, resolved by the YAML 1.2 core schema (plain and untagged, or a standard scalar tag) or kept as a
    /// string (quoted, `!`, `!!str`, `!!timestamp`, or a local tag, which is kept); a `!!binary` scalar is the string
    /// its base64 decodes to (`YAMLBinary`), placed where the scalar is.
    private func scalar(_ bytes: UnsafeBufferPointer<UInt8>, tagName: String, style: yaml_scalar_style_t,
                        offset: Int) throws(SyntaxError) -> Builder.Handle {
        let kind: SourceTape.Kind
        var tag: String?
        switch tagName {
        case "":
            let isPlain = style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE
            kind = isPlain ? CoreSchema.kind(ofPlain: bytes) : .string
            // A plain word YAML 1.1 reads as a boolean (`on`, `off`, …): a string here, marked for the readers
            // of inputs whose tools read YAML 1.1 (`YAMLBooleans`).
            if isPlain, kind == .string, YAMLBooleans.isYAML11Word(bytes) {
                return try builder.scalar(kind, text: bytes, offset: offset, tag: nil, isYAML11Word: true)
            }
        case YAMLBinary.tag:
            let decoded = try YAMLBinary.text(of: bytes, offset: offset)
            return try decoded.withUnsafeBufferPointer { (text) throws(SyntaxError) -> Builder.Handle in
                try builder.scalar(.string, text: text, offset: offset, tag: nil, isYAML11Word: false)
            }
        case "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp":
            kind = .string
        case "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            kind = CoreSchema.kind(ofPlain: bytes)
        default:
            tag = try Self.customTag(tagName, standard: "str", offset: offset)
            kind = .string
        }
        return try builder.scalar(kind, text: bytes, offset: offset, tag: tag, isYAML11Word: false)
    }

    /// A key's tag is refused where a value's would be (a global tag that asks to construct an object); the
    /// standard scalar tags, `!!merge` and local tags are accepted, and none changes what the key is.
    private static func checkKeyTag(_ name: String, offset: Int) throws(SyntaxError) {
        switch name {
        case "", "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp",
             "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
             "tag:yaml.org,2002:merge":
            return
        default:
            _ = try customTag(name, standard: "str", offset: offset)
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
                // libyaml's place, in the lines every report counts (`LineTable`).
                let place = lines.location(ofOffset: lines.offset(line: Int(state.context_mark.line) + 1,
                                                                  column: Int(state.context_mark.column) + 1))
                message = "\(problem) (\(context) at \(place.line):\(place.column))"
            }
            return SyntaxError(offset: offset, message: YAMLReader.clean(message))
        default:
            return SyntaxError(offset: 0, message: "could not read YAML")
        }
    }
}
