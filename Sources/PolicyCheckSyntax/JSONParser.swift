/// The engine behind `JSONReader`: an iterative parser over a buffer of UTF-8 bytes.
///
/// Finished values wait in `items` and `entries` (shared by all open containers) until their container closes,
/// so each array or object is allocated once at its exact size.
struct JSONParser: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    var position = 0
    /// Finished elements of the open arrays, innermost last.
    var items = JSONMoveStack<SourceNode>(capacity: 64)
    /// Finished members of the open objects, innermost last.
    var entries = JSONMoveStack<SourceEntry>(capacity: 64)
    /// Reused buffer for decoding strings that contain escapes.
    var scratch: [UInt8] = []
    /// One `String` for each repeated text (keys, addresses, ARNs).
    var strings: JSONStringCache

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.maxDepth = maxDepth
        self.strings = JSONStringCache(byteCount: bytes.count)
    }

    mutating func parseDocument() throws(SyntaxError) -> SourceNode {
        skipWhitespace()
        guard position < end else { throw SyntaxError(offset: 0, message: "empty document") }
        var frames: [JSONParserFrame] = []
        var node: SourceNode

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
                position += 1
                skipWhitespace()
                let close: UInt8 = isObject ? JSONByte.closeBrace : JSONByte.closeBracket
                if position < end, bytes[position] == close {
                    position += 1
                    node = SourceNode(isObject ? .mapping([]) : .sequence([]), offset: start)
                } else if isObject {
                    var frame = JSONParserFrame(isObject: true, offset: start, stackStart: entries.count)
                    try parseMemberName(into: &frame, afterComma: false)
                    frames.append(frame)
                    continue parseValue
                } else {
                    frames.append(JSONParserFrame(isObject: false, offset: start, stackStart: items.count))
                    continue parseValue
                }
            case JSONByte.quote:
                node = SourceNode(.string(try parseString()), offset: start)
            case JSONByte.minus, JSONByte.zero ... JSONByte.nine:
                node = SourceNode(.number(try parseNumber()), offset: start)
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                node = SourceNode(.bool(true), offset: start)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                node = SourceNode(.bool(false), offset: start)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                node = SourceNode(.null, offset: start)
            default:
                throw expected("a value", at: start)
            }

            // Attach the finished `node` to its container, closing containers as their ends are reached.
            while let top = frames.indices.last {
                skipWhitespace()
                if frames[top].isObject {
                    entries.append(SourceEntry(key: frames[top].key, keyOffset: frames[top].keyOffset, value: node))
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
                    position += 1
                    let frame = frames.removeLast()
                    node = SourceNode(.mapping(entries.popArray(from: frame.stackStart)), offset: frame.offset)
                } else {
                    items.append(node)
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
                    position += 1
                    let frame = frames.removeLast()
                    node = SourceNode(.sequence(items.popArray(from: frame.stackStart)), offset: frame.offset)
                }
            }

            skipWhitespace()
            guard position == end else { throw expected("end of input after the top-level value", at: position) }
            return node
        }
    }

    /// Reads `"name"` and the `:` after it, at `position` (whitespace skipped), into `frame`.
    private mutating func parseMemberName(into frame: inout JSONParserFrame, afterComma: Bool) throws(SyntaxError) {
        let keyOffset = position
        guard position < end, bytes[position] == JSONByte.quote else {
            let trailing = afterComma && position < end && bytes[position] == JSONByte.closeBrace
            throw expected("a member name in double quotes", at: position, trailingComma: trailing)
        }
        let key = try parseString()
        try checkUnique(key, at: keyOffset, in: &frame)
        frame.key = key
        frame.keyOffset = keyOffset
        skipWhitespace()
        guard position < end, bytes[position] == JSONByte.colon else {
            throw expected("':' after member name", at: position)
        }
        position += 1
        skipWhitespace()
    }

    private func checkUnique(_ key: String, at offset: Int, in frame: inout JSONParserFrame) throws(SyntaxError) {
        let duplicate: Bool
        if frame.keySet != nil {
            duplicate = !frame.keySet!.insert(key).inserted
        } else if entries.count - frame.stackStart < JSONParserFrame.linearKeyScanLimit {
            var found = false
            let length = key.utf8.count
            for index in frame.stackStart..<entries.count
            where entries[index].key.utf8.count == length && entries[index].key == key {
                found = true
                break
            }
            duplicate = found
        } else {
            var keys = Set<String>(minimumCapacity: 64)
            for index in frame.stackStart..<entries.count { keys.insert(entries[index].key) }
            duplicate = !keys.insert(key).inserted
            frame.keySet = keys
        }
        if duplicate {
            throw SyntaxError(offset: offset, message: "duplicate key \(JSONErrorText.quoted(key))")
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
