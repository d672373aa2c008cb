/// Expressions: conditionals, operators by precedence, traversals and splats, and the primary forms.
extension HCLParser {
    mutating func parseExpression() throws(SyntaxError) -> HCLExpression {
        try enter()
        defer { leave() }
        let condition = try parseBinary(minimum: 1)
        skipSpace()
        guard peek == UInt8(ascii: "?") else { return condition }
        position += 1
        skipSpace()
        let then = try parseExpression()
        try expect(":", "between the results of a conditional")
        skipSpace()
        let otherwise = try parseExpression()
        return HCLExpression(.conditional(condition, then: then, else: otherwise), at: condition.offset)
    }

    /// Operators at `minimum` precedence or above, left-associative.
    private mutating func parseBinary(minimum: Int) throws(SyntaxError) -> HCLExpression {
        var left = try parseUnary()
        var chain = 0
        defer { for _ in 0..<chain { leave() } }
        while true {
            skipSpace()
            let start = position
            guard let op = scanBinaryOperator(), op.precedence >= minimum else {
                position = start
                return left
            }
            // A long chain builds a deep tree: it counts against the nesting limit like brackets do.
            try enter()
            chain += 1
            skipSpace()
            let right = try parseBinary(minimum: op.precedence + 1)
            left = HCLExpression(.binary(op, left, right), at: left.offset)
        }
    }

    private mutating func scanBinaryOperator() -> HCLBinaryOperator? {
        guard let byte = peek else { return nil }
        let next = peek(at: 1)
        switch byte {
        case UInt8(ascii: "|") where next == UInt8(ascii: "|"): position += 2; return .or
        case UInt8(ascii: "&") where next == UInt8(ascii: "&"): position += 2; return .and
        case UInt8(ascii: "=") where next == UInt8(ascii: "="): position += 2; return .equal
        case UInt8(ascii: "!") where next == UInt8(ascii: "="): position += 2; return .notEqual
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { position += 2; return .greaterOrEqual }
            position += 1; return .greater
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { position += 2; return .lessOrEqual }
            if next == UInt8(ascii: "<") { return nil }
            position += 1; return .less
        case UInt8(ascii: "+"): position += 1; return .add
        case UInt8(ascii: "-"): position += 1; return .subtract
        case UInt8(ascii: "*"): position += 1; return .multiply
        case UInt8(ascii: "/") where next != UInt8(ascii: "*") && next != UInt8(ascii: "/"): position += 1; return .divide
        case UInt8(ascii: "%") where next != UInt8(ascii: "{"): position += 1; return .modulo
        default: return nil
        }
    }

    private mutating func parseUnary() throws(SyntaxError) -> HCLExpression {
        let start = position
        let op: HCLUnaryOperator
        if peek == UInt8(ascii: "-") {
            op = .negate
        } else if peek == UInt8(ascii: "!") && peek(at: 1) != UInt8(ascii: "=") {
            op = .not
        } else {
            return try parsePostfix()
        }
        position += 1
        skipSpace()
        try enter()
        defer { leave() }
        let operand = try parseUnary()
        return HCLExpression(.unary(op, operand), at: start)
    }

    // MARK: - Traversals

    /// A primary expression and its attribute accesses, indexes and splats.
    private mutating func parsePostfix() throws(SyntaxError) -> HCLExpression {
        var expression = try parsePrimary()
        var chain = 0
        defer { for _ in 0..<chain { leave() } }
        while true {
            let before = position
            skipSpace()
            if peek == UInt8(ascii: "."), peek(at: 1) != UInt8(ascii: ".") {
                position += 1
                skipSpace()
                if peek == UInt8(ascii: "*") {
                    position += 1
                    let steps = try parseSplatSteps(full: false)
                    expression = HCLExpression(.splat(expression, steps: steps, full: false), at: expression.offset)
                } else {
                    expression = try parseDotStep(on: expression)
                }
            } else if peek == UInt8(ascii: "[") {
                position += 1
                let saved = newlinesAreSpace
                newlinesAreSpace = true
                skipSpace()
                if peek == UInt8(ascii: "*") {
                    position += 1
                    try expect("]", "after '[*'")
                    newlinesAreSpace = saved
                    let steps = try parseSplatSteps(full: true)
                    expression = HCLExpression(.splat(expression, steps: steps, full: true), at: expression.offset)
                } else {
                    let key = try parseExpression()
                    try expect("]", "to close the index")
                    newlinesAreSpace = saved
                    expression = HCLExpression(.index(expression, key: key), at: expression.offset)
                }
            } else {
                position = before
                return expression
            }
            try enter()
            chain += 1
        }
    }

    /// `.name` or a legacy index `.0`, after the dot.
    private mutating func parseDotStep(on expression: HCLExpression) throws(SyntaxError) -> HCLExpression {
        let start = position
        if let byte = peek, Self.isDigit(byte) {
            while let digit = peek, Self.isDigit(digit) { position += 1 }
            let number = String(decoding: bytes[start..<position], as: UTF8.self)
            return HCLExpression(.index(expression, key: HCLExpression(.number(number), at: start)), at: expression.offset)
        }
        guard let name = scanIdentifier() else {
            throw error("expected an attribute name after '.', found \(describeHere())")
        }
        return HCLExpression(.attribute(expression, name: name), at: expression.offset)
    }

    /// The steps applied to each element after `[*]` (attributes and indexes) or `.*` (attributes only).
    private mutating func parseSplatSteps(full: Bool) throws(SyntaxError) -> [HCLTraversalStep] {
        var steps: [HCLTraversalStep] = []
        while true {
            let before = position
            skipSpace()
            if peek == UInt8(ascii: "."), peek(at: 1) != UInt8(ascii: "."), peek(at: 1) != UInt8(ascii: "*") {
                position += 1
                skipSpace()
                let start = position
                if let byte = peek, Self.isDigit(byte) {
                    while let digit = peek, Self.isDigit(digit) { position += 1 }
                    let number = String(decoding: bytes[start..<position], as: UTF8.self)
                    steps.append(.index(HCLExpression(.number(number), at: start)))
                } else if let name = scanIdentifier() {
                    steps.append(.attribute(name, offset: start))
                } else {
                    throw error("expected an attribute name after '.', found \(describeHere())")
                }
            } else if full, peek == UInt8(ascii: "["), peek(at: 1) != UInt8(ascii: "*") {
                position += 1
                let saved = newlinesAreSpace
                newlinesAreSpace = true
                skipSpace()
                let key = try parseExpression()
                try expect("]", "to close the index")
                newlinesAreSpace = saved
                steps.append(.index(key))
            } else {
                position = before
                return steps
            }
            guard steps.count <= limits.maxDepth else { throw error("nesting deeper than \(limits.maxDepth) levels") }
        }
    }

    // MARK: - Primary expressions

    private mutating func parsePrimary() throws(SyntaxError) -> HCLExpression {
        let start = position
        guard let byte = peek else { throw error("unexpected end of input, expected an expression") }
        switch byte {
        case _ where Self.isDigit(byte):
            return HCLExpression(.number(try scanNumber()), at: start)
        case UInt8(ascii: "\""):
            return try parseQuotedTemplate()
        case UInt8(ascii: "<") where peek(at: 1) == UInt8(ascii: "<"):
            return try parseHeredoc()
        case UInt8(ascii: "("):
            position += 1
            let saved = newlinesAreSpace
            newlinesAreSpace = true
            skipSpace()
            let inner = try parseExpression()
            try expect(")", "to close the parenthesis")
            newlinesAreSpace = saved
            return HCLExpression(.parenthesis(inner), at: start)
        case UInt8(ascii: "["):
            return try parseTuple()
        case UInt8(ascii: "{"):
            return try parseObject()
        case _ where Self.isIdentifierStart(byte):
            let name = scanIdentifier()!
            switch name {
            case "true": return HCLExpression(.bool(true), at: start)
            case "false": return HCLExpression(.bool(false), at: start)
            case "null": return HCLExpression(.null, at: start)
            default: break
            }
            if peek == UInt8(ascii: ":") && peek(at: 1) == UInt8(ascii: ":") {
                return try parseCall(name: try scanNamespacedName(first: name), at: start)
            }
            let afterName = position
            skipSpace()
            if peek == UInt8(ascii: "(") { return try parseCall(name: name, at: start) }
            position = afterName
            return HCLExpression(.variable(name), at: start)
        default:
            if atUnterminatedComment { throw error("unterminated '/*' comment, expected '*/'") }
            throw error("expected an expression, found \(describeHere())")
        }
    }

    /// `provider::aws::arn_parse`: a function name with namespaces.
    private mutating func scanNamespacedName(first: String) throws(SyntaxError) -> String {
        var name = first
        while consume("::") {
            guard let part = scanIdentifier() else { throw error("expected a name after '::', found \(describeHere())") }
            name += "::" + part
        }
        skipSpace()
        guard peek == UInt8(ascii: "(") else {
            // `password = Hunter2::Secret` (quotes forgotten) reads as a function name: named only when it is one.
            let shown = name.hasPrefix("provider::") ? "the function name '\(Excerpt.quote(name))'" : "a name, \(UnquotedWord.unshown)"
            throw error("expected '(' after \(shown)")
        }
        return name
    }

    /// `name(arg, arg...)`, at the opening parenthesis.
    private mutating func parseCall(name: String, at start: Int) throws(SyntaxError) -> HCLExpression {
        position += 1
        let saved = newlinesAreSpace
        newlinesAreSpace = true
        defer { newlinesAreSpace = saved }
        var arguments: [HCLExpression] = []
        var expands = false
        skipSpace()
        while peek != UInt8(ascii: ")") {
            arguments.append(try parseExpression())
            skipSpace()
            if consume("...") {
                expands = true
                skipSpace()
                _ = consume(",")
                skipSpace()
                guard peek == UInt8(ascii: ")") else { throw error("expected ')' after '...' (only the last argument can be expanded), found \(describeHere())") }
                break
            }
            if consume(",") { skipSpace(); continue }
            guard peek == UInt8(ascii: ")") else {
                throw error("expected ',' or ')' in the arguments of '\(Excerpt.quote(name))', found \(describeHere())")
            }
        }
        position += 1
        return HCLExpression(.call(name: name, arguments: arguments, expandsFinal: expands), at: start)
    }

    private mutating func parseTuple() throws(SyntaxError) -> HCLExpression {
        let start = position
        position += 1
        let saved = newlinesAreSpace
        newlinesAreSpace = true
        defer { newlinesAreSpace = saved }
        skipSpace()
        if isForKeyword() { return try parseFor(start: start, object: false) }
        var items: [HCLExpression] = []
        while peek != UInt8(ascii: "]") {
            items.append(try parseExpression())
            skipSpace()
            if consume(",") { skipSpace(); continue }
            guard peek == UInt8(ascii: "]") else {
                throw error("expected ',' or ']' after a tuple item, found \(describeHere())")
            }
        }
        position += 1
        return HCLExpression(.tuple(items), at: start)
    }

    /// `{ key = value, key: value … }`: items end with a comma or a newline.
    private mutating func parseObject() throws(SyntaxError) -> HCLExpression {
        let start = position
        position += 1
        let saved = newlinesAreSpace
        defer { newlinesAreSpace = saved }
        skipSpace(newlines: true)
        if isForKeyword() {
            newlinesAreSpace = true
            return try parseFor(start: start, object: true)
        }
        newlinesAreSpace = false
        var items: [HCLObjectItem] = []
        while true {
            skipSpace(newlines: true)
            if peek == UInt8(ascii: "}") { break }
            let keyStart = position
            var key: HCLExpression
            var keyIsName = false
            if let name = scanIdentifier() {
                let afterName = position
                skipSpace()
                if (peek == UInt8(ascii: "=") && peek(at: 1) != UInt8(ascii: "=")) || peek == UInt8(ascii: ":") {
                    key = HCLExpression(.template([.literal(name, offset: keyStart)]), at: keyStart)
                    keyIsName = true
                } else {
                    position = keyStart
                    _ = afterName
                    key = try parseExpression()
                }
            } else {
                key = try parseExpression()
            }
            skipSpace()
            guard consume("=") || consume(":") else {
                throw error("expected '=' or ':' after an object key, found \(describeHere())")
            }
            skipSpace()
            let value = try parseExpression()
            items.append(HCLObjectItem(key: key, value: value, keyIsName: keyIsName))
            skipSpace()
            if consume(",") { continue }
            if peek == UInt8(ascii: "\n") || peek == UInt8(ascii: "\r") || peek == UInt8(ascii: "}") { continue }
            throw error("expected ',', a newline or '}' after an object item, found \(describeHere())")
        }
        position += 1
        return HCLExpression(.object(items), at: start)
    }

    private mutating func isForKeyword() -> Bool {
        let start = position
        defer { position = start }
        return consumeKeyword("for")
    }

    /// After `[` or `{` and the `for` keyword ahead.
    private mutating func parseFor(start: Int, object: Bool) throws(SyntaxError) -> HCLExpression {
        _ = consumeKeyword("for")
        skipSpace()
        guard var first = scanIdentifier() else { throw error("expected a variable name after 'for', found \(describeHere())") }
        var keyVariable: String?
        skipSpace()
        if consume(",") {
            skipSpace()
            guard let second = scanIdentifier() else { throw error("expected a second variable name after ',', found \(describeHere())") }
            keyVariable = first
            first = second
            skipSpace()
        }
        guard consumeKeyword("in") else { throw error("expected 'in' in the for expression, found \(describeHere())") }
        skipSpace()
        let collection = try parseExpression()
        try expect(":", "after the collection of the for expression")
        skipSpace()
        var key: HCLExpression?
        var value = try parseExpression()
        var grouping = false
        if object {
            try expect("=>", "between the key and the value of an object for expression")
            skipSpace()
            key = value
            value = try parseExpression()
            skipSpace()
            grouping = consume("...")
        }
        skipSpace()
        var condition: HCLExpression?
        if consumeKeyword("if") {
            skipSpace()
            condition = try parseExpression()
        }
        try expect(object ? "}" : "]", "to close the for expression")
        let form = HCLForExpression(keyVariable: keyVariable, valueVariable: first, collection: collection, key: key,
                                    value: value, condition: condition, grouping: grouping)
        return HCLExpression(.forExpression(form), at: start)
    }
}
