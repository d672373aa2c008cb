#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a `SourceTape`: 12 bytes a node, 12 a member (link and key offset), scalar texts read from the input
/// where it spells them as they are (else kept in one byte array), member names kept once per spelling, where a tree of `SourceNode` values cost some 64 bytes a member plus an
/// array per collection (a 34 MB Kubernetes list was 175 MB of tree).
///
/// The tape keeps every collection's members after it, in document order, so a subtree is a contiguous run: an
/// alias copies its anchored run. A merge key would add members from elsewhere, so it throws `needsTree` and the
/// reader composes the stream again with `YAMLTreeBuilder` (as it does for a text too long for the tape's fields).
final class YAMLTapeBuilder: YAMLNodeBuilder {
    /// Thrown at a merge key, or a text the tape's fields cannot place.
    static let needsTree = SyntaxError(offset: -1, message: "compose the stream as a tree")

    /// The largest input the tape takes: offsets, counts and lengths (with the flag beside them) fit its fields.
    static let largestInput = Int(SourceTape.StoredPlaces.inStoredTexts)

    /// The stream's bytes: a scalar whose text is spelt as it reads (most are) is read from them, not copied.
    private let input: [UInt8]

    private var nodes: [SourceTape.Node] = []
    private var links: [SourceTape.Link] = []
    private var keyOffsets: [UInt32] = []
    private var texts: [UInt8] = []
    private var tags = SourceTape.Tags()
    /// The plain words YAML 1.1 reads as booleans, by node, in node order (`YAMLBooleans`).
    private var yaml11Words: [UInt32] = []
    private var names: JSONStringCache
    /// The collections being composed, innermost last: their node and where their members start in `pending`.
    private var frames: [(node: Int, base: Int)] = []
    private var pendingLinks: [SourceTape.Link] = []
    private var pendingKeyOffsets: [UInt32] = []

    /// A builder for `input`, under a budget of `maxNodes`.
    ///
    /// Its arrays are reserved at once for the most the input can make: a node at least every two bytes and at
    /// most `maxNodes` of them, and a link per node. Pages of a reservation
    /// are only resident once written, so the reserve costs nothing unused, where growing by doubling left up to
    /// half of each array written twice and the old copy live beside the new one (the nodes of a 34 MB
    /// Kubernetes list peaked at 52 MB for 26 MB of nodes).
    init(input: [UInt8], maxNodes: Int) {
        self.input = input
        names = JSONStringCache(byteCount: input.count)
        let nodeCount = min(maxNodes, input.count / 2) + 16
        nodes.reserveCapacity(nodeCount)
        links.reserveCapacity(nodeCount)
        keyOffsets.reserveCapacity(nodeCount)
    }

    func scalar(_ kind: SourceTape.Kind, text: UnsafeBufferPointer<UInt8>, offset: Int, tag: String?,
                isYAML11Word: Bool) throws(SyntaxError) -> UInt32 {
        let index = UInt32(truncatingIfNeeded: nodes.count)
        if isYAML11Word { yaml11Words.append(index) }
        var start = 0
        var length = 0
        if kind == .string || kind == .number {
            length = text.count
            if let spelt = spelling(of: text, at: offset) {
                start = spelt
            } else {
                // A text longer than the length field, or one past the 32-bit offsets (escapes such as `\P` decode
                // to more bytes than they take), is left to the tree.
                guard length < Int(SourceTape.StoredPlaces.inStoredTexts), texts.count + length <= Int(UInt32.max) else {
                    throw Self.needsTree
                }
                start = texts.count
                texts.append(contentsOf: text)
                length |= Int(SourceTape.StoredPlaces.inStoredTexts)
            }
        }
        nodes.append(SourceTape.Node(
            offset: UInt32(truncatingIfNeeded: offset), payload: UInt32(truncatingIfNeeded: start),
            count: UInt32(truncatingIfNeeded: length), kind: kind.rawValue
        ))
        if let tag { tags.append(tag, to: index) }
        return index
    }

    /// Where the input spells `text` as it is, plain at `offset` or quoted just after it; `nil` when it does not
    /// (escapes, folded lines, block scalars, or a tag or anchor before it).
    private func spelling(of text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int? {
        input.withUnsafeBufferPointer { input in
            for start in offset...offset + 1 where start + text.count <= input.count {
                if text.isEmpty || memcmp(input.baseAddress! + start, text.baseAddress!, text.count) == 0 { return start }
            }
            return nil
        }
    }

    func open(_ kind: SourceTape.Kind, offset: Int, tag: String?) {
        let index = nodes.count
        nodes.append(SourceTape.Node(offset: UInt32(truncatingIfNeeded: offset), payload: 0, count: 0, kind: kind.rawValue))
        if let tag { tags.append(tag, to: UInt32(truncatingIfNeeded: index)) }
        frames.append((index, pendingLinks.count))
    }

    func item(_ value: UInt32) {
        pendingLinks.append(SourceTape.Link(child: value, key: 0))
        pendingKeyOffsets.append(0)
    }

    func entry(key: String, keyOffset: Int, value: UInt32) {
        var key = key
        let name = key.withUTF8 { names.intern($0) }
        pendingLinks.append(SourceTape.Link(child: value, key: name))
        pendingKeyOffsets.append(UInt32(truncatingIfNeeded: keyOffset))
    }

    func merge(_ value: UInt32) throws(SyntaxError) {
        throw Self.needsTree
    }

    func close() -> UInt32 {
        let (node, base) = frames.removeLast()
        nodes[node].payload = UInt32(truncatingIfNeeded: links.count)
        nodes[node].count = UInt32(truncatingIfNeeded: pendingLinks.count - base)
        links.append(contentsOf: pendingLinks[base...])
        keyOffsets.append(contentsOf: pendingKeyOffsets[base...])
        pendingLinks.removeSubrange(base...)
        pendingKeyOffsets.removeSubrange(base...)
        return UInt32(truncatingIfNeeded: node)
    }

    /// A copy of the anchored node's run at the end of the tape (its members' links moved by the same distance),
    /// so the tape stays in document order. The composer has charged the copy to the node budget.
    func repeated(_ anchored: UInt32) -> UInt32 {
        let start = Int(anchored)
        let end = SourceTape.subtreeEnd(start, nodes: nodes, links: links)
        let distance = UInt32(truncatingIfNeeded: nodes.count - start)
        for index in start..<end {
            var node = nodes[index]
            let isCollection = node.kind == SourceTape.Kind.mapping.rawValue || node.kind == SourceTape.Kind.sequence.rawValue
            if isCollection && node.count > 0 {
                let first = Int(node.payload)
                node.payload = UInt32(truncatingIfNeeded: links.count)
                for link in first..<first + Int(node.count) {
                    var moved = links[link]
                    moved.child &+= distance
                    links.append(moved)
                    keyOffsets.append(keyOffsets[link])
                }
            }
            nodes.append(node)
            if !tags.nodes.isEmpty {
                tags.copy(from: UInt32(truncatingIfNeeded: index), to: UInt32(truncatingIfNeeded: index) &+ distance)
            }
            if !yaml11Words.isEmpty, SourceTape.contains(yaml11Words, UInt32(truncatingIfNeeded: index)) {
                yaml11Words.append(UInt32(truncatingIfNeeded: index) &+ distance)
            }
        }
        return anchored &+ distance
    }

    func offset(of handle: UInt32) -> Int { Int(nodes[Int(handle)].offset) }

    func documents(_ roots: [UInt32]) -> [SourceNode] {
        let taken = names.takeTexts()
        let tape = SourceTape(
            nodes: nodes, links: links, texts: taken.texts, textHashes: taken.hashes, bytes: input,
            stored: SourceTape.StoredPlaces(keyOffsets: keyOffsets, tags: tags, texts: texts, yaml11Words: yaml11Words)
        )
        return roots.map { tape.node(Int($0)) }
    }
}
