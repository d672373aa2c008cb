/// Characters, spaces, comments, identifiers and numbers.
extension HCLParser {
    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
    func peek(at distance: Int) -> UInt8? {
        position + distance < bytes.count ? bytes[position + distance] : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Skips spaces and comments, and newlines when `newlines` (default: when the context treats them as space).
    /// Line comments stop before their newline, which may still end an item.
    mutating func skipSpace(newlines: Bool? = nil) {
        let skipNewlines = newlines ?? newlinesAreSpace
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) {
                position += 1
            } else if skipNewlines && (byte == 0x0A || (byte == 0x0D && peek(at: 1) == 0x0A)) {
                position += byte == 0x0D ? 2 : 1
            } else if byte == UInt8(ascii: "#") || (byte == UInt8(ascii: "/") && peek(at: 1) == UInt8(ascii: "/")) {
                while position < bytes.count && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
            } else if byte == UInt8(ascii: "/") && peek(at: 1) == UInt8(ascii: "*") {
                guard let close = find([UInt8(ascii: "*"), UInt8(ascii: "/")], from: position + 2) else {
                    // Left for the caller to report: an unterminated comment reads as an unexpected '/'.
                    return
                }
                position = close + 2
            } else {
                return
            }
        }
    }

    /// Whether an unterminated `/*` is at the current position (after `skipSpace`).
    var atUnterminatedComment: Bool { peek == UInt8(ascii: "/") && peek(at: 1) == UInt8(ascii: "*") }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// An identifier (letters, digits, `_`, `-`, and any non-ASCII letter), or `nil` without moving.
    mutating func scanIdentifier() -> String? {
        guard let first = peek, Self.isIdentifierStart(first) else { return nil }
        let start = position
        position += 1
        while let byte = peek, Self.isIdentifierContinue(byte) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `digits [. digits] [e [+-] digits]`, as written.
    mutating func scanNumber() throws(SyntaxError) -> String {
        let start = position
        while let byte = peek, Self.isDigit(byte) { position += 1 }
        if peek == UInt8(ascii: "."), let next = peek(at: 1), Self.isDigit(next) {
            position += 1
            while let byte = peek, Self.isDigit(byte) { position += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            var ahead = 1
            if peek(at: 1) == UInt8(ascii: "+") || peek(at: 1) == UInt8(ascii: "-") { ahead = 2 }
            guard let digit = peek(at: ahead), Self.isDigit(digit) else {
                throw error("expected a digit in the number's exponent", at: position + ahead)
            }
            position += ahead
            while let byte = peek, Self.isDigit(byte) { position += 1 }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Consumes `text` when it is next.
    mutating func consume(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard position + utf8.count <= bytes.count, bytes[position..<(position + utf8.count)].elementsEqual(utf8) else {
            return false
        }
        position += utf8.count
        return true
    }

    /// Consumes the keyword `word` when it is next as a whole identifier.
    mutating func consumeKeyword(_ word: String) -> Bool {
        let start = position
        guard consume(word) else { return false }
        if let byte = peek, Self.isIdentifierContinue(byte) {
            position = start
            return false
        }
        return true
    }

    mutating func expect(_ text: String, _ context: String) throws(SyntaxError) {
        skipSpace()
        guard consume(text) else { throw error("expected '\(text)' \(context), found \(describeHere())") }
    }
}
