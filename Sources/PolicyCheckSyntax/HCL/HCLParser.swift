/// The recursive-descent parser behind `HCLReader`, reading bytes directly (HCL's lexing depends on context:
/// newlines end attributes but not parenthesised expressions, and templates switch between text and expressions).
struct HCLParser {
    let bytes: [UInt8]
    let limits: HCLReader.Limits
    var position = 0
    var depth = 0
    /// Whether newlines are skipped like spaces: inside `(…)` and `[…]` they are, in bodies and objects they end
    /// an item.
    var newlinesAreSpace = false

    init(bytes: [UInt8], limits: HCLReader.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    // MARK: - Bodies

    mutating func parseFile() throws(SyntaxError) -> HCLBody {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        let body = try parseBody(closing: false)
        return body
    }

    mutating func parseStandaloneExpression() throws(SyntaxError) -> HCLExpression {
        newlinesAreSpace = true
        skipSpace()
        let expression = try parseExpression()
        skipSpace()
        guard atEnd else { throw error("expected the end of the expression, found \(describeHere())") }
        return expression
    }

    /// Attributes and blocks up to the end of input or (`closing`) a `}`.
    mutating func parseBody(closing: Bool) throws(SyntaxError) -> HCLBody {
        let saved = newlinesAreSpace
        newlinesAreSpace = false
        defer { newlinesAreSpace = saved }
        var body = HCLBody(offset: position)
        var names: [String: Int] = [:]
        while true {
            skipSpace(newlines: true)
            if atEnd {
                if closing { throw error("unexpected end of input, expected '}' to close the block") }
                return body
            }
            if closing && peek == UInt8(ascii: "}") { return body }
            let start = position
            guard let name = scanIdentifier() else {
                throw error("expected an attribute name or a block type, found \(describeHere())")
            }
            skipSpace()
            if peek == UInt8(ascii: "=") && peek(at: 1) != UInt8(ascii: "=") {
                position += 1
                if let first = names[name] {
                    throw error("attribute '\(Excerpt.quote(name))' is set twice (first at offset \(first))", at: start)
                }
                names[name] = start
                skipSpace()
                let value = try parseExpression()
                try expectEndOfLine(after: "the value of '\(Excerpt.quote(name))'")
                body.attributes.append(HCLAttribute(name: name, offset: start, value: value))
            } else {
                body.blocks.append(try parseBlock(type: name, at: start))
            }
        }
    }

    /// After a block type: labels, then `{ body }`, then a newline.
    private mutating func parseBlock(type: String, at start: Int) throws(SyntaxError) -> HCLBlock {
        var labels: [HCLLabel] = []
        while true {
            skipSpace()
            let labelStart = position
            if peek == UInt8(ascii: "\"") {
                let template = try parseQuotedTemplate()
                guard let text = template.literalText else {
                    throw error("a block label cannot contain interpolations or directives", at: labelStart)
                }
                labels.append(HCLLabel(text: text, offset: labelStart))
            } else if let name = scanIdentifier() {
                labels.append(HCLLabel(text: name, offset: labelStart))
            } else {
                break
            }
        }
        guard peek == UInt8(ascii: "{") else {
            throw error("expected '=' or a block's labels and '{' after \(UnquotedWord.hclDescription(type)), found \(describeHere())")
        }
        position += 1
        try enter()
        let body = try parseBody(closing: true)
        leave()
        position += 1  // the closing brace
        try expectEndOfLine(after: "the block's closing '}'")
        return HCLBlock(type: type, offset: start, labels: labels, body: body)
    }

    /// Only spaces and a comment may follow an attribute or block on its line.
    private mutating func expectEndOfLine(after what: String) throws(SyntaxError) {
        skipSpace()
        if atEnd { return }
        if peek == UInt8(ascii: "\n") { position += 1; return }
        if peek == UInt8(ascii: "\r") && peek(at: 1) == UInt8(ascii: "\n") { position += 2; return }
        if peek == UInt8(ascii: "}") { return }
        throw error("expected a newline after \(what), found \(describeHere())")
    }

    // MARK: - Nesting

    mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > limits.maxDepth {
            throw error("nesting deeper than \(limits.maxDepth) levels")
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: - Errors

    func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: min(offset ?? position, bytes.count), message: message)
    }

    /// What is at the current position, for "found …" in messages: one word or one character, never more. A word
    /// is quoted only when it cannot be a secret (`UnquotedWord`): a password whose quotes were forgotten lands
    /// exactly here.
    func describeHere() -> String {
        guard let first = peek else { return "the end of input" }
        if atUnterminatedComment { return "an unterminated '/*' comment" }
        switch first {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "a newline"
        case UInt8(ascii: "'"): return "\"'\""
        case _ where Self.isIdentifierContinue(first):
            // Longer than any keyword is enough to know the word is not one.
            var end = position + 1
            while end < bytes.count, end - position <= 16, Self.isIdentifierContinue(bytes[end]) { end += 1 }
            return UnquotedWord.hclDescription(String(decoding: bytes[position..<end], as: UTF8.self))
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(first)))'"
        default:
            let digits = String(first, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: 4 - digits.count) + digits
        }
    }
}
