internal import Yams

/// Reads YAML streams into `SourceNode` trees, with limits that keep hostile input from hurting the reader.
///
/// Plain scalars are resolved with the YAML 1.2 core schema; quoted scalars are always strings. Local tags such as
/// CloudFormation's `!Ref` are kept on the node for adapters to interpret; language-specific global tags
/// (`!!python/object:…`) are rejected. Merge keys (`<<`) are applied. Aliases are expanded under a node budget so an
/// alias bomb fails fast instead of exhausting memory.
public struct YAMLReader: Sendable {
    /// Bounds on what one stream may expand to.
    public struct Limits: Sendable {
        /// Most nodes one stream may produce once aliases are expanded.
        public var maxNodes: Int = 2_000_000
        /// Deepest nesting of collections.
        public var maxDepth: Int = 256
        /// Most documents in one stream.
        public var maxDocuments: Int = 10_000

        public init() {}
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads every document of a stream. An empty stream yields no documents.
    public func read(_ utf8: [UInt8]) throws(SyntaxError) -> [SourceNode] {
        let lines = LineTable(utf8)
        try YAMLPrescan.check(utf8, maxDepth: limits.maxDepth)
        let text = String(decoding: utf8, as: UTF8.self)
        var converter = Converter(lines: lines, limits: limits)
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            var documents: [SourceNode] = []
            while let root = try parser.nextRoot() {
                guard documents.count < limits.maxDocuments else {
                    throw SyntaxError(
                        offset: lines.offset(root.mark),
                        message: "more than \(limits.maxDocuments) YAML documents in one file"
                    )
                }
                documents.append(try converter.convert(root, depth: 0))
            }
            return documents
        } catch let error as SyntaxError {
            throw error
        } catch let error as YamlError {
            throw Self.syntaxError(from: error, lines: lines)
        } catch {
            throw SyntaxError(offset: 0, message: "could not read YAML")
        }
    }

    private static func syntaxError(from error: YamlError, lines: LineTable) -> SyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let offset = lines.offset(mark)
            if problem.hasPrefix("Maximum nesting level reached") {
                return SyntaxError(offset: offset, message: "nesting deeper than 1000 levels")
            }
            if lines.byte(at: offset) == UInt8(ascii: "\t") {
                return SyntaxError(offset: offset, message: "a tab character where YAML expects indentation or a token; YAML indents with spaces only")
            }
            var message = problem
            if let context, !context.text.isEmpty {
                message = "\(problem) (\(context.text) at \(context.mark.line):\(context.mark.column))"
            }
            return SyntaxError(offset: offset, message: Self.clean(message))
        case .reader(let problem, let offset, _, _):
            return SyntaxError(offset: offset ?? 0, message: Self.clean(problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
            return SyntaxError(offset: lines.offset(context.mark), message: "duplicate key \(names) in a mapping")
        default:
            return SyntaxError(offset: 0, message: "could not read YAML")
        }
    }

    private static func clean(_ message: String) -> String {
        Excerpt.quote(message.replacingOccurrences(of: "\n", with: " "), limit: 200)
    }
}

// MARK: - Conversion

extension YAMLReader {
    fileprivate struct Converter {
        let lines: LineTable
        let limits: Limits
        var produced = 0
        /// Anchored nodes already converted, with the number of nodes each expands to: an alias costs its size in
        /// the budget without being walked again, so a bomb is refused in time linear in the document.
        var converted: [ObjectIdentifier: (node: SourceNode, size: Int, height: Int)] = [:]
        /// The deepest level reached so far, so that a reused alias also counts toward the depth limit.
        var deepest = 0

        mutating func convert(_ node: Node, depth: Int) throws(SyntaxError) -> SourceNode {
            guard let anchor = node.anchor else { return try convertFresh(node, depth: depth) }
            let key = ObjectIdentifier(anchor)
            if let (cached, size, height) = converted[key] {
                produced += size
                guard produced <= limits.maxNodes else {
                    throw SyntaxError(
                        offset: lines.offset(node.mark),
                        message: "YAML aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)"
                    )
                }
                guard depth + height <= limits.maxDepth else {
                    throw SyntaxError(offset: lines.offset(node.mark), message: "nesting deeper than \(limits.maxDepth) levels")
                }
                deepest = max(deepest, depth + height)
                return cached
            }
            let (before, deepestBefore) = (produced, deepest)
            deepest = depth
            let result = try convertFresh(node, depth: depth)
            converted[key] = (result, produced - before, deepest - depth)
            deepest = max(deepest, deepestBefore)
            return result
        }

        private mutating func convertFresh(_ node: Node, depth: Int) throws(SyntaxError) -> SourceNode {
            produced += 1
            let offset = lines.offset(node.mark)
            guard produced <= limits.maxNodes else {
                throw SyntaxError(
                    offset: offset,
                    message: "YAML aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)"
                )
            }
            guard depth <= limits.maxDepth else {
                throw SyntaxError(offset: offset, message: "nesting deeper than \(limits.maxDepth) levels")
            }
            deepest = max(deepest, depth)
            switch node {
            case .scalar(let scalar):
                return try convertScalar(scalar, offset: offset)
            case .sequence(let sequence):
                let tag = try Self.customTag(sequence.tag.description, standard: "seq", offset: offset)
                var items: [SourceNode] = []
                items.reserveCapacity(sequence.count)
                for item in sequence {
                    items.append(try convert(item, depth: depth + 1))
                }
                return SourceNode(.sequence(items), offset: offset, tag: tag)
            case .mapping(let mapping):
                let tag = try Self.customTag(mapping.tag.description, standard: "map", offset: offset)
                return SourceNode(.mapping(try convertMapping(mapping, depth: depth)), offset: offset, tag: tag)
            case .alias:
                throw SyntaxError(offset: offset, message: "unresolved YAML alias")
            }
        }

        private mutating func convertMapping(_ mapping: Node.Mapping, depth: Int) throws(SyntaxError) -> [SourceEntry] {
            var entries: [SourceEntry] = []
            var merged: [SourceEntry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyOffset = lines.offset(key.mark)
                guard case .scalar(let keyScalar) = key else {
                    throw SyntaxError(offset: keyOffset, message: "mapping keys must be scalars")
                }
                if keyScalar.string == "<<", keyScalar.style == .plain {
                    merged.append(contentsOf: try mergeSources(value, depth: depth))
                    continue
                }
                entries.append(SourceEntry(
                    key: keyScalar.string, keyOffset: keyOffset, value: try convert(value, depth: depth + 1)
                ))
            }
            for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
                entries.append(entry)
            }
            return entries
        }

        private mutating func mergeSources(_ value: Node, depth: Int) throws(SyntaxError) -> [SourceEntry] {
            let converted = try convert(value, depth: depth + 1)
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

        private func convertScalar(_ scalar: Node.Scalar, offset: Int) throws(SyntaxError) -> SourceNode {
            let tagName = scalar.tag.description
            let text = scalar.string
            switch tagName {
            case "":
                guard scalar.style == .plain || scalar.style == .any else {
                    return SourceNode(.string(text), offset: offset)
                }
                return SourceNode(CoreSchema.resolve(plain: text), offset: offset)
            case "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp":
                return SourceNode(.string(text), offset: offset)
            case "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                 "tag:yaml.org,2002:float":
                let resolved = CoreSchema.resolve(plain: text)
                return SourceNode(resolved, offset: offset)
            default:
                let tag = try Self.customTag(tagName, standard: "str", offset: offset)
                return SourceNode(.string(text), offset: offset, tag: tag)
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
    }
}

// MARK: - Positions

/// Turns libyaml's 1-based line and column (Unicode scalars) into byte offsets.
struct LineTable: Sendable {
    private let index: LineIndex

    init(_ bytes: [UInt8]) {
        index = LineIndex(bytes)
    }

    /// The byte at an offset, if any.
    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < index.bytes.count ? index.bytes[offset] : nil
    }

    func offset(_ mark: Mark?) -> Int {
        guard let mark else { return 0 }
        return offset(line: mark.line, column: mark.column)
    }

    func offset(line: Int, column: Int) -> Int {
        index.offset(line: line, column: column)
    }
}
