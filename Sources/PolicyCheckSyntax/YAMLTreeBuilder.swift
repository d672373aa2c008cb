/// Builds a tree of `SourceNode` values: used for streams with merge keys, whose merged entries repeat nodes from
/// elsewhere in the document (which the tape, kept in document order, cannot hold without copying them twice).
final class YAMLTreeBuilder: YAMLNodeBuilder {
    private struct Frame {
        let kind: SourceTape.Kind
        let offset: Int
        let tag: String?
        /// Where the collection's members start in `entries` or `items`.
        let base: Int
        var merged: [SourceEntry] = []
    }

    private var frames: [Frame] = []
    /// The members of the collections being composed, innermost last: each collection's array is made once, at its
    /// exact size, when it closes.
    private var entries: [SourceEntry] = []
    private var items: [SourceNode] = []

    func scalar(_ kind: SourceTape.Kind, text: UnsafeBufferPointer<UInt8>, offset: Int, tag: String?,
                isYAML11Word: Bool) throws(SyntaxError) -> SourceNode {
        if isYAML11Word { return SourceNode(yaml11Word: String(decoding: text, as: UTF8.self), offset: offset) }
        let value: SourceNode.Value
        switch kind {
        case .null: value = .null
        case .true: value = .bool(true)
        case .false: value = .bool(false)
        case .number: value = .number(String(decoding: text, as: UTF8.self))
        default: value = .string(String(decoding: text, as: UTF8.self))
        }
        return SourceNode(value, offset: offset, tag: tag)
    }

    func open(_ kind: SourceTape.Kind, offset: Int, tag: String?) {
        frames.append(Frame(kind: kind, offset: offset, tag: tag, base: kind == .mapping ? entries.count : items.count))
    }

    func item(_ value: SourceNode) {
        items.append(value)
    }

    func entry(key: String, keyOffset: Int, value: SourceNode) {
        entries.append(SourceEntry(key: key, keyOffset: keyOffset, value: value))
    }

    /// Takes a merge key's entries, refusing one that sets a key the mapping already set before the `<<`: readers
    /// disagree on which wins there. The YAML 1.1 merge rule, PyYAML, go-yaml v3 and kustomize keep the key written
    /// in the mapping; kubectl, Helm and Argo CD read YAML with go-yaml v2 (sigs.k8s.io/yaml), which applies a merge
    /// where it stands, so the merged value replaces an earlier key (`type: ClusterIP` then `<<: {type:
    /// LoadBalancer}` is applied as a LoadBalancer). A key written after the `<<` wins for every reader.
    /// https://yaml.org/type/merge.html
    func merge(_ value: SourceNode) throws(SyntaxError) {
        let sources = try Self.mergeSources(value)
        let frame = frames[frames.count - 1]
        if entries.count > frame.base {
            let merged = Set(sources.lazy.map(\.key))
            if let written = entries[frame.base...].first(where: { merged.contains($0.key) }) {
                throw SyntaxError(offset: written.keyOffset, message: "'\(Excerpt.quote(written.key))' is set here and again by "
                                  + "the merge key '<<' after it, and YAML readers disagree on which wins (kubectl's reader "
                                  + "takes the merged value, the YAML merge rule this one): set it once, or after the '<<'")
            }
        }
        frames[frames.count - 1].merged.append(contentsOf: sources)
    }

    func close() -> SourceNode {
        let frame = frames.removeLast()
        guard frame.kind == .mapping else {
            let members = Array(items[frame.base...])
            items.removeSubrange(frame.base...)
            return SourceNode(.sequence(members), offset: frame.offset, tag: frame.tag)
        }
        var members = Array(entries[frame.base...])
        entries.removeSubrange(frame.base...)
        guard !frame.merged.isEmpty else { return SourceNode(.mapping(members), offset: frame.offset, tag: frame.tag) }
        // Explicit keys win over merged ones, and earlier merged keys over later ones. A set of the keys taken so far
        // replaces searching the members once per merged entry (100,000 keys overridden: 40 s).
        var keys = Set(members.lazy.map(\.key))
        for entry in frame.merged where keys.insert(entry.key).inserted {
            members.append(entry)
        }
        return SourceNode(.mapping(members), offset: frame.offset, tag: frame.tag)
    }

    func repeated(_ anchored: SourceNode) -> SourceNode { anchored }

    func offset(of handle: SourceNode) -> Int { handle.offset }

    func documents(_ roots: [SourceNode]) -> [SourceNode] { roots }

    /// The entries a merge key's value brings: a mapping's, or those of a sequence of mappings (earlier first).
    private static func mergeSources(_ value: SourceNode) throws(SyntaxError) -> [SourceEntry] {
        if let entries = value.entries { return entries }
        if let items = value.items {
            var result: [SourceEntry] = []
            // The keys of the mappings before the current one: an item keeps every entry whose key none of them had.
            var earlierKeys: Set<String> = []
            for item in items {
                guard let entries = item.entries else {
                    throw SyntaxError(offset: item.offset, message: "a merge key '<<' takes mappings only")
                }
                result.append(contentsOf: entries.filter { !earlierKeys.contains($0.key) })
                earlierKeys.formUnion(entries.lazy.map(\.key))
            }
            return result
        }
        throw SyntaxError(offset: value.offset, message: "a merge key '<<' takes mappings only")
    }
}
