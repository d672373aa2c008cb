/// The engine behind `JSONReader`: an iterative parser over a buffer of UTF-8 bytes that writes the document (or the
/// documents of a stream) into one `SourceTape`.
///
/// Nodes are added in document order as they start; the members of the open containers wait on the pending stacks
/// (shared by all open containers) until their container closes and they are copied to its contiguous links.
struct JSONParser: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The array behind `bytes`, which the tape keeps to find keys again.
    let source: [UInt8]
    let end: Int
    let maxDepth: Int
    var position = 0
    /// The member names, one text per distinct spelling where the cache finds it (values are read from the
    /// document's bytes when asked for).
    var strings: JSONStringCache
    /// Guesses each member name from the names before it, confirmed by the bytes.
    var predictor = JSONKeyPredictor()

    // The tape being written (see `SourceTape`).
    var nodes: [SourceTape.Node] = []
    var links: [SourceTape.Link] = []
    /// Members of the open containers, innermost last.
    var pending: [SourceTape.Link] = []

    init(bytes: UnsafeBufferPointer<UInt8>, source: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.source = source
        self.end = bytes.count
        self.maxDepth = maxDepth
        self.strings = JSONStringCache(byteCount: bytes.count)
        // Room for the nodes of typical JSON (about one per 16 bytes); memory not yet written is never touched.
        let capacity = bytes.count / 8 + 16
        nodes.reserveCapacity(capacity)
        links.reserveCapacity(capacity)
    }

    /// Reads the input's top-level value, or with `stream` each of the top-level objects that follow one another
    /// (separated by whitespace or nothing), all into one tape; returns their roots in document order.
    mutating func parseDocuments(stream: Bool, maxDocuments: Int) throws(SyntaxError) -> [SourceNode] {
        guard end <= Int(UInt32.max) else {
            throw SyntaxError(offset: 0, message: "JSON documents larger than 4 GiB are not supported")
        }
        skipWhitespace()
        guard position < end else { throw SyntaxError(offset: 0, message: "empty document") }
        var frames: [JSONParserFrame] = []
        // Each document's root node: a document starts with no container open, so its root is the next node.
        var roots = [0]

        parseValue: while true {
            // Here `position` is at the first byte of a value, whitespace already skipped.
            guard position < end else { throw expected("a value", at: position) }
            let start = position
            switch bytes[position] {
            case JSONByte.openBrace, JSONByte.openBracket:
                let isObject = bytes[position] == JSONByte.openBrace
                guard frames.count < maxDepth else {
                    throw SyntaxError(offset: start, message: "nesting deeper than \(maxDepth) levels")
                }
                let node = addNode(isObject ? .mapping : .sequence, at: start, payload: 0, in: frames)
                let context = frames.last.map { $0.isObject ? $0.key : $0.context } ?? JSONKeyPredictor.rootContext
                position += 1
                skipWhitespace()
                let close: UInt8 = isObject ? JSONByte.closeBrace : JSONByte.closeBracket
                if position < end, bytes[position] == close {
                    position += 1
                    nodes[node].payload = UInt32(truncatingIfNeeded: links.count)
                } else if isObject {
                    var frame = JSONParserFrame(isObject: true, node: node, stackStart: pending.count, context: context)
                    try parseMemberName(into: &frame, afterComma: false)
                    frames.append(frame)
                    continue parseValue
                } else {
                    frames.append(JSONParserFrame(isObject: false, node: node, stackStart: pending.count, context: context))
                    continue parseValue
                }
            case JSONByte.quote:
                let (length, escaped) = try skipString()
                addNode(.string, at: start, payload: UInt32(truncatingIfNeeded: length), in: frames,
                        flags: escaped ? SourceTape.Node.escaped : 0)
            case JSONByte.minus, JSONByte.zero ... JSONByte.nine:
                let length = try parseNumber()
                addNode(.number, at: start, payload: UInt32(truncatingIfNeeded: length), in: frames)
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                addNode(.true, at: start, payload: 0, in: frames)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                addNode(.false, at: start, payload: 0, in: frames)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                addNode(.null, at: start, payload: 0, in: frames)
            default:
                throw expected("a value", at: start)
            }

            // A value just ended: read what follows it, closing containers as their ends are reached.
            while let top = frames.indices.last {
                skipWhitespace()
                if frames[top].isObject {
                    guard position < end else { throw expected("',' or '}' after object member", at: position) }
                    if bytes[position] == JSONByte.comma {
                        position += 1
                        skipWhitespace()
                        try parseMemberName(into: &frames[top], afterComma: true)
                        continue parseValue
                    }
                    guard bytes[position] == JSONByte.closeBrace else {
                        throw expected("',' or '}' after object member", at: position)
                    }
                } else {
                    guard position < end else { throw expected("',' or ']' after array element", at: position) }
                    if bytes[position] == JSONByte.comma {
                        position += 1
                        skipWhitespace()
                        if position < end, bytes[position] == JSONByte.closeBracket {
                            throw expected("a value after ','", at: position, trailingComma: true)
                        }
                        continue parseValue
                    }
                    guard bytes[position] == JSONByte.closeBracket else {
                        throw expected("',' or ']' after array element", at: position)
                    }
                }
                position += 1
                try close(frames.removeLast())
            }

            // A document just ended: the input ends, or in a stream another object follows one.
            skipWhitespace()
            if position == end { break }
            let afterObject = nodes[roots[roots.count - 1]].kind == SourceTape.Kind.mapping.rawValue
            guard stream, afterObject, bytes[position] == JSONByte.openBrace else {
                throw afterDocument(at: position, stream: stream, afterObject: afterObject)
            }
            guard roots.count < maxDocuments else {
                throw SyntaxError(offset: position, message: "more than \(maxDocuments) JSON documents in one file")
            }
            roots.append(nodes.count)
        }
        let tape = finishTape()
        return roots.map(tape.node)
    }

    /// Adds a node and makes it the next member of the innermost open container.
    @discardableResult
    private mutating func addNode(_ kind: SourceTape.Kind, at offset: Int, payload: UInt32,
                                  in frames: borrowing [JSONParserFrame], flags: UInt32 = 0) -> Int {
        let index = nodes.count
        nodes.append(SourceTape.Node(offset: UInt32(truncatingIfNeeded: offset), payload: payload, count: flags,
                                     kind: kind.rawValue))
        if let top = frames.last {
            pending.append(SourceTape.Link(child: UInt32(truncatingIfNeeded: index), key: top.key))
        }
        return index
    }

    /// Moves a closed container's members from the pending stack to its links.
    private mutating func close(_ frame: JSONParserFrame) throws(SyntaxError) {
        let start = frame.stackStart
        guard pending.count - start <= SourceTape.Node.maxCount else {
            throw SyntaxError(offset: Int(nodes[frame.node].offset),
                              message: "more than \(SourceTape.Node.maxCount) members in one array or object are not supported")
        }
        nodes[frame.node].payload = UInt32(truncatingIfNeeded: links.count)
        nodes[frame.node].count = UInt32(truncatingIfNeeded: pending.count - start)
        // Copied from the stack's buffer and the stack cut back: through a slice and `removeSubrange`, about 170
        // instructions a container more.
        pending.withUnsafeBufferPointer { links.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start...])) }
        pending.removeLast(pending.count - start)
    }

    private mutating func finishTape() -> SourceTape {
        let taken = strings.takeTexts()
        return SourceTape(nodes: nodes, links: links, texts: taken.texts, textHashes: taken.hashes, bytes: source)
    }

    /// Reads `"name"` and the `:` after it, at `position` (whitespace skipped), into `frame`.
    private mutating func parseMemberName(into frame: inout JSONParserFrame, afterComma: Bool) throws(SyntaxError) {
        let keyOffset = position
        guard position < end, bytes[position] == JSONByte.quote else {
            let trailing = afterComma && position < end && bytes[position] == JSONByte.closeBrace
            throw expected("a member name in double quotes", at: position, trailingComma: trailing)
        }
        let previous = afterComma ? frame.key : nil
        let guess = predictor.guess(after: previous, context: frame.context)
        let key: UInt32
        if guess != UInt32.max, let length = predictor.confirm(guess, in: bytes, at: position + 1) {
            key = guess
            position += length + 2
        } else {
            let parsed = try parseString()
            key = parsed.text
            predictor.learn(key, start: keyOffset + 1, length: position - keyOffset - 2, escaped: parsed.escaped,
                            after: previous, context: frame.context)
        }
        try checkUnique(key, at: keyOffset, in: &frame)
        frame.key = key
        skipWhitespace()
        guard position < end, bytes[position] == JSONByte.colon else {
            throw expected("':' after member name", at: position)
        }
        position += 1
        skipWhitespace()
    }

    /// Throws when `key` repeats a key of the object being read: a linear scan for small objects, a set of the
    /// keys' hashes for larger ones; either way texts are compared only when their hashes are equal.
    private func checkUnique(_ key: UInt32, at offset: Int, in frame: inout JSONParserFrame) throws(SyntaxError) {
        var duplicate = false
        if frame.keyHashes == nil, pending.count - frame.stackStart >= JSONParserFrame.linearKeyScanLimit {
            var hashes = Set<UInt64>(minimumCapacity: 64)
            for index in frame.stackStart..<pending.count { hashes.insert(strings.textHashes[Int(pending[index].key)]) }
            frame.keyHashes = hashes
        }
        if frame.keyHashes == nil || !frame.keyHashes!.insert(strings.textHashes[Int(key)]).inserted {
            // A small object, or a hash seen before in this one (the same key, or two keys with one hash). Hashes
            // are compared over the raw buffers: this runs for every member name of the document.
            let hash = strings.textHashes[Int(key)]
            let candidate = strings.textHashes.withUnsafeBufferPointer { hashes in
                pending.withUnsafeBufferPointer { members in
                    members[frame.stackStart...].firstIndex { $0.key == key || hashes[Int($0.key)] == hash }
                }
            }
            if let candidate {
                for index in candidate..<pending.count where strings.same(pending[index].key, key) {
                    duplicate = true
                    break
                }
            }
        }
        if duplicate {
            throw SyntaxError(offset: offset, message: "duplicate key \(JSONErrorText.quoted(strings.texts[Int(key)]))")
        }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case JSONByte.space:
                position += 1
                // Indentation of pretty-printed input: skip eight spaces at a time.
                while position + 8 <= end, loadWord(at: position) == 0x2020_2020_2020_2020 { position += 8 }
            case JSONByte.newline, JSONByte.carriageReturn, JSONByte.tab:
                position += 1
            default:
                return
            }
        }
    }

    /// Eight input bytes from `offset` (which must be at most `end - 8`) as one word, the first byte lowest.
    @inline(__always)
    func loadWord(at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self))
    }
}
