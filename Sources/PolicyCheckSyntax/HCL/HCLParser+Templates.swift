/// Quoted strings and heredocs: literal text, `${ }` interpolations and `%{ }` directives, with `~` strip markers.
extension HCLParser {
    /// Where a template's text ends.
    enum TemplateEnd {
        /// At the closing `"`; escapes are read, newlines are not allowed.
        case quote
        /// At a byte offset (the heredoc's closing marker line); text is taken as written.
        case offset(Int)
    }

    mutating func parseQuotedTemplate() throws(SyntaxError) -> HCLExpression {
        let start = position
        position += 1
        let (parts, terminator) = try parseTemplateParts(until: .quote, terminators: [])
        if let terminator { throw error("'%{ \(terminator) }' without a matching directive", at: terminator.offset) }
        guard peek == UInt8(ascii: "\"") else {
            throw error("unexpected end of input in a string, expected '\"'")
        }
        position += 1
        return HCLExpression(.template(parts), at: start)
    }

    /// `<<ID` or `<<-ID`, a newline, lines, and `ID` alone on a line (indentation allowed).
    mutating func parseHeredoc() throws(SyntaxError) -> HCLExpression {
        let start = position
        position += 2
        let indented = consume("-")
        guard let marker = scanIdentifier() else { throw error("expected a heredoc marker name after '<<', found \(describeHere())") }
        if peek == UInt8(ascii: "\r") { position += 1 }
        guard peek == UInt8(ascii: "\n") else { throw error("expected a newline after the heredoc marker '\(Excerpt.quote(marker))'") }
        position += 1
        let bodyStart = position
        let (closing, lineStart) = Self.heredocClosingLine(Array(marker.utf8), in: bytes, bodyStart: bodyStart,
                                                           limit: limits.maxStringBytes)
        guard let closing else {
            if lineStart - bodyStart > limits.maxStringBytes {
                throw error("heredoc longer than \(limits.maxStringBytes) bytes", at: start)
            }
            throw error("heredoc '\(Excerpt.quote(marker))' is not closed: expected a line with '\(Excerpt.quote(marker))' alone", at: start)
        }
        guard closing.start - bodyStart <= limits.maxStringBytes else {
            throw error("heredoc longer than \(limits.maxStringBytes) bytes", at: start)
        }
        var (parts, terminator) = try parseTemplateParts(until: .offset(closing.start), terminators: [])
        if let terminator { throw error("'%{ \(terminator) }' without a matching directive", at: terminator.offset) }
        if indented { parts = Self.removeIndentation(parts, lines: bytes[bodyStart..<closing.start]) }
        position = closing.end
        return HCLExpression(.template(parts), at: start)
    }

    /// A heredoc's closing line — the first holding only the marker between white space — as its start and the end
    /// of its marker, and how far the search went (it stops past `limit` bytes of body). One rule for the parser and
    /// for `HCLComments`, which must end a heredoc exactly where the parser does.
    ///
    /// HCL's scanner compares the line with the marker after Go's `bytes.TrimSpace`, which trims every Unicode
    /// white space character (`unicode.IsSpace`), not only ASCII blanks: `EOT` followed by a no-break space ends
    /// the heredoc for Terraform, and what follows it is configuration, not text.
    ///
    /// Only a line of the heredoc's own text is compared: HCL's scanner reads `${ … }` and `%{ … }` as expressions,
    /// so a line inside one — of a string or another heredoc there — never closes it (a nested heredoc's body line
    /// `EOT` ended the outer heredoc early, and what followed was read as a comment, reviewer round 33).
    static func heredocClosingLine(_ marker: [UInt8], in bytes: [UInt8], bodyStart: Int,
                                   limit: Int) -> (closing: (start: Int, end: Int)?, searchedTo: Int) {
        var scanner = HeredocScanner(bytes: bytes)
        return scanner.closingLine(marker, bodyStart: bodyStart, limit: limit, depth: 0)
    }

    /// A directive keyword that ended a nested part list (`else`, `endif`, `endfor`) and where it was.
    struct Terminator: CustomStringConvertible {
        var keyword: String
        var offset: Int
        var description: String { keyword }
    }

    /// Parts up to the end of the template, or up to one of `terminators`' directives (returned, consumed).
    mutating func parseTemplateParts(until end: TemplateEnd,
                                     terminators: Set<String>) throws(SyntaxError) -> ([HCLTemplatePart], Terminator?) {
        var parts: [HCLTemplatePart] = []
        var literal: [UInt8] = []
        var literalStart = position
        var total = 0
        func flush(_ parts: inout [HCLTemplatePart], _ literal: inout [UInt8], _ start: Int) {
            guard !literal.isEmpty else { return }
            parts.append(.literal(String(decoding: literal, as: UTF8.self), offset: start))
            literal.removeAll(keepingCapacity: true)
        }
        while true {
            switch end {
            case .quote:
                guard let byte = peek else { return (flushed(parts, literal, literalStart), nil) }
                if byte == UInt8(ascii: "\"") { return (flushed(parts, literal, literalStart), nil) }
                if byte == 0x0A || byte == 0x0D {
                    throw error("a quoted string cannot span lines (use a heredoc, <<EOT), expected '\"'")
                }
            case .offset(let limit):
                if position >= limit { return (flushed(parts, literal, literalStart), nil) }
            }
            let byte = bytes[position]
            if literal.isEmpty { literalStart = position }
            total += 1
            if total > limits.maxStringBytes { throw error("string longer than \(limits.maxStringBytes) bytes") }
            if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")) && peek(at: 1) == byte && peek(at: 2) == UInt8(ascii: "{") {
                literal += [byte, UInt8(ascii: "{")]
                position += 3
            } else if byte == UInt8(ascii: "$") && peek(at: 1) == UInt8(ascii: "{") {
                position += 2
                if consume("~") { Self.trimTrailingSpace(&literal) }
                flush(&parts, &literal, literalStart)
                let saved = newlinesAreSpace
                newlinesAreSpace = true
                skipSpace()
                let expression = try parseExpression()
                try closeTemplateTag("the interpolation")
                newlinesAreSpace = saved
                parts.append(.interpolation(expression))
            } else if byte == UInt8(ascii: "%") && peek(at: 1) == UInt8(ascii: "{") {
                let tagStart = position
                position += 2
                if consume("~") { Self.trimTrailingSpace(&literal) }
                flush(&parts, &literal, literalStart)
                let saved = newlinesAreSpace
                newlinesAreSpace = true
                skipSpace()
                let keywordStart = position
                let keyword = scanIdentifier() ?? ""
                switch keyword {
                case "if":
                    parts.append(try parseIfDirective(at: tagStart, until: end))
                case "for":
                    parts.append(try parseForDirective(at: tagStart, until: end))
                case "else", "endif", "endfor":
                    try closeTemplateTag("the '\(keyword)' directive")
                    newlinesAreSpace = saved
                    guard terminators.contains(keyword) else {
                        throw error("'%{ \(keyword) }' without a matching directive", at: tagStart)
                    }
                    return (parts, Terminator(keyword: keyword, offset: tagStart))
                default:
                    position = keywordStart
                    throw error("expected 'if', 'for', 'else', 'endif' or 'endfor' after '%{', found \(describeHere())")
                }
                newlinesAreSpace = saved
            } else if byte == UInt8(ascii: "\\"), case .quote = end {
                try readEscape(into: &literal)
            } else {
                literal.append(byte)
                position += 1
            }
        }
    }

    private func flushed(_ parts: [HCLTemplatePart], _ literal: [UInt8], _ start: Int) -> [HCLTemplatePart] {
        guard !literal.isEmpty else { return parts }
        return parts + [.literal(String(decoding: literal, as: UTF8.self), offset: start)]
    }

    /// `}` or `~}` closing an interpolation or directive; `~` also strips the whitespace that follows.
    private mutating func closeTemplateTag(_ what: String) throws(SyntaxError) {
        skipSpace()
        let strip = consume("~")
        guard consume("}") else { throw error("expected '}' to close \(what), found \(describeHere())") }
        if strip {
            while let byte = peek, Self.isSpace(byte) || byte == 0x0A || byte == 0x0D { position += 1 }
        }
    }

    private mutating func parseIfDirective(at start: Int, until end: TemplateEnd) throws(SyntaxError) -> HCLTemplatePart {
        try enter()
        defer { leave() }
        skipSpace()
        let condition = try parseExpression()
        try closeTemplateTag("the 'if' directive")
        let (then, middle) = try parseTemplateParts(until: end, terminators: ["else", "endif"])
        guard let middle else { throw error("'%{ if }' is not closed: expected '%{ endif }'", at: start) }
        var otherwise: [HCLTemplatePart] = []
        if middle.keyword == "else" {
            let (parts, last) = try parseTemplateParts(until: end, terminators: ["endif"])
            guard last != nil else { throw error("'%{ if }' is not closed: expected '%{ endif }'", at: start) }
            otherwise = parts
        }
        return .conditional(condition, then: then, else: otherwise, offset: start)
    }

    private mutating func parseForDirective(at start: Int, until end: TemplateEnd) throws(SyntaxError) -> HCLTemplatePart {
        try enter()
        defer { leave() }
        skipSpace()
        guard var value = scanIdentifier() else { throw error("expected a variable name after 'for', found \(describeHere())") }
        var key: String?
        skipSpace()
        if consume(",") {
            skipSpace()
            guard let second = scanIdentifier() else { throw error("expected a second variable name after ',', found \(describeHere())") }
            key = value
            value = second
            skipSpace()
        }
        guard consumeKeyword("in") else { throw error("expected 'in' in the 'for' directive, found \(describeHere())") }
        skipSpace()
        let collection = try parseExpression()
        try closeTemplateTag("the 'for' directive")
        let (body, last) = try parseTemplateParts(until: end, terminators: ["endfor"])
        guard last != nil else { throw error("'%{ for }' is not closed: expected '%{ endfor }'", at: start) }
        return .loop(key: key, value: value, collection: collection, body: body, offset: start)
    }

    /// One backslash escape of a quoted string.
    private mutating func readEscape(into literal: inout [UInt8]) throws(SyntaxError) {
        let start = position
        position += 1
        guard let code = peek else { throw error("unexpected end of input after '\\' in a string") }
        position += 1
        switch code {
        case UInt8(ascii: "n"): literal.append(0x0A)
        case UInt8(ascii: "r"): literal.append(0x0D)
        case UInt8(ascii: "t"): literal.append(0x09)
        case UInt8(ascii: "\""): literal.append(0x22)
        case UInt8(ascii: "\\"): literal.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = code == UInt8(ascii: "u") ? 4 : 8
            guard position + count <= bytes.count,
                  let scalar = UnicodeEscape.utf8(ofDigits: bytes[position..<(position + count)]) else {
                throw error("expected \(count) hex digits of a Unicode scalar after '\\\(Character(Unicode.Scalar(code)))'", at: start)
            }
            position += count
            literal += scalar
        default:
            throw error("unknown escape '\\\(Excerpt.quote(String(decoding: [code], as: UTF8.self)))' in a string", at: start)
        }
    }

    static func trimTrailingSpace(_ literal: inout [UInt8]) {
        while let last = literal.last, isSpace(last) || last == 0x0A || last == 0x0D { literal.removeLast() }
    }

    /// `<<-`: the smallest indentation of the non-blank lines is removed from every line's start.
    static func removeIndentation(_ parts: [HCLTemplatePart], lines: ArraySlice<UInt8>) -> [HCLTemplatePart] {
        var smallest = Int.max
        var column = 0
        var blank = true
        for byte in lines {
            if byte == 0x0A {
                column = 0
                blank = true
            } else if blank && isSpace(byte) {
                column += 1
            } else if blank {
                if byte != 0x0D { smallest = min(smallest, column) }
                blank = false
            }
        }
        guard smallest > 0 && smallest != Int.max else { return parts }
        var atLineStart = true
        return parts.map { part in
            guard case .literal(let text, let offset) = part else {
                atLineStart = false
                return part
            }
            var out: [UInt8] = []
            var toRemove = atLineStart ? smallest : 0
            for byte in text.utf8 {
                if toRemove > 0 && isSpace(byte) {
                    toRemove -= 1
                    continue
                }
                toRemove = 0
                out.append(byte)
                if byte == 0x0A { toRemove = smallest }
            }
            atLineStart = out.last == 0x0A
            return .literal(String(decoding: out, as: UTF8.self), offset: offset)
        }
    }
}

extension HCLParser {
    /// The byte length of the white space character (Go's `unicode.IsSpace`: U+0009–U+000D, U+0020, U+0085, U+00A0,
    /// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) starting at `index`, before `end`; nil when
    /// another character starts there.
    static func whiteSpaceWidth(_ bytes: [UInt8], from index: Int, to end: Int) -> Int? {
        for width in 1...3 where index + width <= end && isWhiteSpace(bytes, index, width) { return width }
        return nil
    }

    /// The byte length of the white space character ending at `end`, after `start`; nil when another one ends there.
    static func whiteSpaceWidth(_ bytes: [UInt8], before end: Int, from start: Int) -> Int? {
        for width in 1...3 where end - width >= start && isWhiteSpace(bytes, end - width, width) { return width }
        return nil
    }

    /// Whether the `width` bytes at `index` are the UTF-8 of one white space character.
    private static func isWhiteSpace(_ bytes: [UInt8], _ index: Int, _ width: Int) -> Bool {
        switch width {
        case 1: return (0x09...0x0D).contains(bytes[index]) || bytes[index] == 0x20
        case 2: return bytes[index] == 0xC2 && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0)
        default:
            switch (bytes[index], bytes[index + 1], bytes[index + 2]) {
            case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9),
                 (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80): return true
            default: return false
            }
        }
    }
}
