/// Reads a TOML document (https://toml.io/en/v1.0.0) into a `SourceNode` mapping, every value at its byte offset, as
/// the JSON and YAML readers do: tables and dotted keys become nested mappings, arrays sequences, inline tables
/// mappings. What TOML forbids is refused, one error at its place: a key defined twice (a second value would be read
/// by one tool and not another), a table defined twice, a value that is not one. Arrays of tables (`[[name]]`) and
/// date-times are read too (a date-time as its text).
public struct TOMLReader: Sendable {
    public init() {}

    public func read(_ bytes: [UInt8]) throws(SyntaxError) -> SourceNode {
        var parser = Parser(bytes: bytes)
        return try parser.document()
    }
}

private final class TOMLTable {
    enum Item {
        case value(SourceNode)
        case table(TOMLTable)
        case tables([TOMLTable])
    }

    let offset: Int
    /// Defined by a `[header]` of its own (a second header is an error), rather than made by a dotted key or header
    /// on the way to another table.
    var isDefined = false
    /// Made by a dotted key inside another table's body (`a.b = 1`): no header may define it later.
    var byDottedKey = false
    var isInline = false
    private(set) var keys: [(key: String, offset: Int)] = []
    private(set) var items: [String: Item] = [:]

    init(offset: Int) { self.offset = offset }

    subscript(key: String) -> Item? { items[key] }

    func set(_ key: String, at offset: Int, _ item: Item) {
        if items[key] == nil { keys.append((key, offset)) }
        items[key] = item
    }

    var node: SourceNode {
        SourceNode(.mapping(keys.map { key, keyOffset in
            let value: SourceNode
            switch items[key]! {
            case .value(let node): value = node
            case .table(let table): value = table.node
            case .tables(let tables): value = SourceNode(.sequence(tables.map(\.node)), offset: tables.first?.offset ?? keyOffset)
            }
            return SourceEntry(key: key, keyOffset: keyOffset, value: value)
        }), offset: offset)
    }
}

private struct Parser {
    /// The deepest nesting of arrays, inline tables and dotted keys read, as the JSON reader's limit: deeper, the
    /// reader's recursion would exhaust the stack (10,000 levels crashed it).
    static let maxDepth = 256

    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is not part of the document.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: min(offset ?? position, bytes.count), message: message)
    }

    mutating func document() throws(SyntaxError) -> SourceNode {
        let root = TOMLTable(offset: position)
        root.isDefined = true
        var table = root
        while true {
            skipBlank()
            guard let byte = current else { break }
            if byte == UInt8(ascii: "[") {
                table = try header(root)
            } else {
                try keyValue(into: table)
            }
            try endOfLine()
        }
        return root.node
    }

    // MARK: - Lines

    /// Skips spaces, tabs, comments and line breaks.
    private mutating func skipBlank() {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 } else if byte == UInt8(ascii: "#") { skipComment() } else { return }
        }
    }

    private mutating func skipSpaces() {
        while let byte = current, byte == 0x20 || byte == 0x09 { position += 1 }
    }

    private mutating func skipComment() {
        while let byte = current, byte != 0x0A { position += 1 }
    }

    /// After a key/value pair or a header: only a comment may follow on the line.
    private mutating func endOfLine() throws(SyntaxError) {
        skipSpaces()
        if current == UInt8(ascii: "#") { skipComment() }
        if current == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
        guard current == nil || current == 0x0A else {
            throw error("expected the end of the line after a value or table header, found \(describe(current))")
        }
    }

    /// `[a.b]` or `[[a.b]]`: the table the lines below fill.
    private mutating func header(_ root: TOMLTable) throws(SyntaxError) -> TOMLTable {
        let start = position
        let isArray = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "[")
        position += isArray ? 2 : 1
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard current == UInt8(ascii: "]"), !isArray || (position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "]")) else {
            throw error("expected '\(isArray ? "]]" : "]")' to close the table header")
        }
        position += isArray ? 2 : 1
        var table = root
        for (index, step) in path.enumerated() {
            let isLast = index == path.count - 1
            switch table[step.key] {
            case nil:
                let made = TOMLTable(offset: start)
                if isLast && isArray {
                    made.isDefined = true
                    table.set(step.key, at: step.offset, .tables([made]))
                } else {
                    table.set(step.key, at: step.offset, .table(made))
                }
                table = made
            case .table(let existing)?:
                if existing.isInline { throw error("the inline table '\(step.key)' cannot be extended by a table header", at: step.offset) }
                if isLast {
                    if isArray { throw error("'\(step.key)' is a table, not an array of tables", at: step.offset) }
                    if existing.isDefined || existing.byDottedKey { throw error("the table '\(dotted(path))' is defined twice", at: step.offset) }
                }
                table = existing
            case .tables(var tables)?:
                if isLast {
                    guard isArray else { throw error("'\(step.key)' is an array of tables, not a table", at: step.offset) }
                    let made = TOMLTable(offset: start)
                    made.isDefined = true
                    tables.append(made)
                    table.set(step.key, at: step.offset, .tables(tables))
                    table = made
                } else {
                    table = tables[tables.count - 1]
                }
            case .value?:
                throw error("the key '\(step.key)' already holds a value, so it cannot be a table", at: step.offset)
            }
        }
        if !isArray { table.isDefined = true }
        return table
    }

    private func dotted(_ path: [(key: String, offset: Int)]) -> String { path.map(\.key).joined(separator: ".") }

    /// `key = value`, the key possibly dotted (`a.b = 1` makes the table `a`).
    private mutating func keyValue(into table: TOMLTable) throws(SyntaxError) {
        let path = try keyPath()
        skipSpaces()
        guard current == UInt8(ascii: "=") else { throw error("expected '=' after the key '\(dotted(path))', found \(describe(current))") }
        position += 1
        skipSpaces()
        let value = try self.value()
        var target = table
        for step in path.dropLast() {
            switch target[step.key] {
            case nil:
                let made = TOMLTable(offset: step.offset)
                made.byDottedKey = true
                target.set(step.key, at: step.offset, .table(made))
                target = made
            case .table(let existing)? where existing.byDottedKey && !existing.isInline:
                target = existing
            default:
                throw error("the key '\(step.key)' is already defined, so '\(dotted(path))' cannot add to it", at: step.offset)
            }
        }
        let last = path[path.count - 1]
        if target[last.key] != nil { throw error("the key '\(dotted(path))' is defined twice", at: last.offset) }
        target.set(last.key, at: last.offset, value)
    }

    private mutating func keyPath() throws(SyntaxError) -> [(key: String, offset: Int)] {
        var path: [(String, Int)] = []
        while true {
            skipSpaces()
            let start = position
            path.append((try key(), start))
            guard path.count <= Self.maxDepth else { throw error("a key of more than \(Self.maxDepth) dotted parts", at: start) }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return path }
            position += 1
        }
    }

    private mutating func key() throws(SyntaxError) -> String {
        switch current {
        case UInt8(ascii: "\"")?: return try basicString()
        case UInt8(ascii: "'")?: return try literalString()
        default:
            let start = position
            while let byte = current, isBareKey(byte) { position += 1 }
            guard position > start else { throw error("expected a key, found \(describe(current))") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }

    private func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: - Values

    private mutating func value() throws(SyntaxError) -> TOMLTable.Item {
        let start = position
        if current == UInt8(ascii: "[") || current == UInt8(ascii: "{") {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
            return current == UInt8(ascii: "[") ? .value(try array()) : .table(try inlineTable())
        }
        switch current {
        case UInt8(ascii: "\"")?:
            return .value(SourceNode(.string(try basicString()), offset: start))
        case UInt8(ascii: "'")?:
            return .value(SourceNode(.string(try literalString()), offset: start))
        case UInt8(ascii: "[")?:
            return .value(try array())
        case UInt8(ascii: "{")?:
            return .table(try inlineTable())
        default:
            var end = position
            while end < bytes.count, isScalarCharacter(bytes[end]) || (bytes[end] == 0x20 && isDateTimeSpace(end)) { end += 1 }
            let text = String(decoding: bytes[position..<end], as: UTF8.self)
            guard !text.isEmpty else { throw error("expected a value, found \(describe(current))") }
            position = end
            if text == "true" { return .value(SourceNode(.bool(true), offset: start)) }
            if text == "false" { return .value(SourceNode(.bool(false), offset: start)) }
            if isNumber(text) { return .value(SourceNode(.number(String(text.filter { $0 != "_" })), offset: start)) }
            if isDateTime(text) { return .value(SourceNode(.string(text), offset: start)) }
            throw error("'\(text.prefix(40))' is not a TOML value (strings are quoted)", at: start)
        }
    }

    private func isScalarCharacter(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    /// A space between a date and a time (`1979-05-27 07:32:00`).
    private func isDateTimeSpace(_ index: Int) -> Bool {
        index >= 10 && index + 1 < bytes.count && (bytes[index + 1] >= 0x30 && bytes[index + 1] <= 0x39)
            && bytes[index - 3] == UInt8(ascii: "-") && bytes[index - 6] == UInt8(ascii: "-")
    }

    private func isNumber(_ text: String) -> Bool {
        if ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(text) { return true }
        let plain = String(text.filter { $0 != "_" })
        if plain.hasPrefix("0x") || plain.hasPrefix("0o") || plain.hasPrefix("0b") {
            return plain.count > 2 && plain.dropFirst(2).allSatisfy { $0.isHexDigit }
        }
        return Double(plain) != nil && plain.allSatisfy { $0.isNumber || "+-.eE".contains($0) }
    }

    private func isDateTime(_ text: String) -> Bool {
        let scalars = Array(text.utf8)
        return scalars.count >= 8 && scalars.allSatisfy { isScalarCharacter($0) || $0 == 0x20 }
            && (scalars.contains(UInt8(ascii: ":")) || (scalars.count >= 10 && scalars[4] == UInt8(ascii: "-")))
    }

    private mutating func array() throws(SyntaxError) -> SourceNode {
        let start = position
        position += 1
        var items: [SourceNode] = []
        while true {
            skipBlank()
            if current == UInt8(ascii: "]") {
                position += 1
                return SourceNode(.sequence(items), offset: start)
            }
            guard current != nil else { throw error("the array opened here is not closed", at: start) }
            switch try value() {
            case .value(let node): items.append(node)
            case .table(let table): items.append(table.node)
            case .tables(let tables): items.append(SourceNode(.sequence(tables.map(\.node)), offset: start))
            }
            skipBlank()
            guard current != nil else { throw error("the array opened here is not closed", at: start) }
            if current == UInt8(ascii: ",") {
                position += 1
            } else if current != UInt8(ascii: "]") {
                throw error("expected ',' or ']' in an array, found \(describe(current))")
            }
        }
    }

    private mutating func inlineTable() throws(SyntaxError) -> TOMLTable {
        let table = TOMLTable(offset: position)
        position += 1
        skipSpaces()
        if current == UInt8(ascii: "}") {
            position += 1
            table.isInline = true
            return table
        }
        while true {
            skipSpaces()
            try keyValue(into: table)
            skipSpaces()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard current == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an inline table, found \(describe(current))") }
            position += 1
            table.isInline = true
            return table
        }
    }

    // MARK: - Strings

    private mutating func basicString() throws(SyntaxError) -> String {
        let start = position
        let multiline = bytes[position...].starts(with: [0x22, 0x22, 0x22])
        position += multiline ? 3 : 1
        if multiline, current == 0x0A { position += 1 } else if multiline, current == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 2 }
        var text: [UInt8] = []
        while true {
            guard let byte = current else { throw error("the string opened here is not closed", at: start) }
            if byte == 0x22 {
                if !multiline { position += 1; break }
                if bytes[position...].starts(with: [0x22, 0x22, 0x22]) {
                    // Up to two quotes may end the content just before the closing three.
                    var quotes = 3
                    while position + quotes < bytes.count, bytes[position + quotes] == 0x22, quotes < 5 { quotes += 1 }
                    text += Array(repeating: 0x22, count: quotes - 3)
                    position += quotes
                    break
                }
                text.append(byte)
                position += 1
                continue
            }
            if byte == 0x0A, !multiline { throw error("a basic string cannot span lines", at: start) }
            if byte == UInt8(ascii: "\\") {
                position += 1
                guard let escaped = current else { throw error("the string opened here is not closed", at: start) }
                switch escaped {
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "e"): text.append(0x1B)
                case 0x22: text.append(0x22)
                case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escaped == UInt8(ascii: "u") ? 4 : 8
                    guard position + count < bytes.count,
                          let scalar = UnicodeEscape.utf8(ofDigits: bytes[(position + 1)...(position + count)]) else {
                        throw error("'\\\(Character(Unicode.Scalar(escaped)))' needs \(count) hexadecimal digits of a Unicode scalar")
                    }
                    text += scalar
                    position += count
                case 0x0A, 0x0D, 0x20, 0x09:
                    // A line-ending backslash trims the break and the whitespace after it, in a multi-line string.
                    guard multiline else { throw error("'\\' must be followed by an escape in a basic string") }
                    while let next = current, next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { position += 1 }
                    continue
                default:
                    throw error("'\\\(Character(Unicode.Scalar(escaped)))' is not an escape TOML knows")
                }
                position += 1
                continue
            }
            text.append(byte)
            position += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func literalString() throws(SyntaxError) -> String {
        let start = position
        let multiline = bytes[position...].starts(with: [0x27, 0x27, 0x27])
        position += multiline ? 3 : 1
        if multiline, current == 0x0A { position += 1 } else if multiline, current == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 2 }
        let contentStart = position
        while true {
            guard let byte = current else { throw error("the string opened here is not closed", at: start) }
            if byte == 0x27 {
                if !multiline {
                    defer { position += 1 }
                    return String(decoding: bytes[contentStart..<position], as: UTF8.self)
                }
                if bytes[position...].starts(with: [0x27, 0x27, 0x27]) {
                    var quotes = 3
                    while position + quotes < bytes.count, bytes[position + quotes] == 0x27, quotes < 5 { quotes += 1 }
                    let text = String(decoding: bytes[contentStart..<(position + quotes - 3)], as: UTF8.self)
                    position += quotes
                    return text
                }
            }
            if byte == 0x0A, !multiline { throw error("a literal string cannot span lines", at: start) }
            position += 1
        }
    }

    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        if byte == 0x0A { return "the end of the line" }
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
