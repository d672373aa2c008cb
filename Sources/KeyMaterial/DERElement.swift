/// One DER tag-length-value inside a byte buffer, located by offsets (no copying).
struct DERElement {
    /// The identifier octet (single-byte tags only; high tag numbers are rejected).
    var tag: UInt8
    /// Offset of the first content byte.
    var contentStart: Int
    /// Offset just past the last content byte.
    var contentEnd: Int

    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let objectIdentifier: UInt8 = 0x06
    static let sequence: UInt8 = 0x30

    var contentLength: Int { contentEnd - contentStart }

    /// Outcome of reading a header: an element, a header announcing more bytes than exist, or garbage.
    enum ReadResult {
        case element(DERElement)
        case truncated(declared: Int, available: Int)
        case invalid
    }

    /// Reads one element starting at `offset`, never reading past `limit`.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, limit: Int) -> ReadResult {
        guard offset + 2 <= limit else { return .invalid }
        let tag = bytes[offset]
        guard tag & 0x1F != 0x1F else { return .invalid }
        let first = bytes[offset + 1]
        var cursor = offset + 2
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 4, cursor + count <= limit else { return .invalid }
            for _ in 0..<count {
                length = (length << 8) | Int(bytes[cursor])
                cursor += 1
            }
            guard length >= 0x80 else { return .invalid }  // DER demands the short form here
        }
        guard cursor + length <= limit else { return .truncated(declared: cursor + length - offset, available: limit - offset) }
        return .element(DERElement(tag: tag, contentStart: cursor, contentEnd: cursor + length))
    }

    /// The direct children of a constructed element, or nil if they do not tile its content exactly.
    func children(_ bytes: UnsafeBufferPointer<UInt8>, maximum: Int = 12) -> [DERElement]? {
        var result: [DERElement] = []
        var cursor = contentStart
        while cursor < contentEnd {
            guard result.count < maximum, case let .element(child) = DERElement.read(bytes, at: cursor, limit: contentEnd) else {
                return nil
            }
            result.append(child)
            cursor = child.contentEnd
        }
        return result
    }

    /// The content bytes of a small INTEGER as a value, if it fits in a few bytes.
    func smallInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard tag == DERElement.integer, contentLength >= 1, contentLength <= 4 else { return nil }
        var value = 0
        for index in contentStart..<contentEnd { value = (value << 8) | Int(bytes[index]) }
        return value
    }

    /// The dotted text of an OBJECT IDENTIFIER, or nil if malformed.
    func objectIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard tag == DERElement.objectIdentifier, contentLength >= 1, contentLength <= 32 else { return nil }
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for index in contentStart..<contentEnd {
            let byte = bytes[index]
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first: UInt64 = value < 40 ? 0 : (value < 80 ? 1 : 2)
                    arcs.append(first)
                    arcs.append(value - first * 40)
                } else {
                    arcs.append(value)
                }
                value = 0
            }
        }
        guard bytes[contentEnd - 1] & 0x80 == 0 else { return nil }
        return arcs.map(String.init).joined(separator: ".")
    }
}
