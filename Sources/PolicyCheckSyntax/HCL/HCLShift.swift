/// Trees moved to another place: every offset plus `delta`. For expressions read out of a string that sits
/// elsewhere (a template inside a JSON string), and for bodies spliced into another file's tree (Terraform's
/// override files), whose offsets must keep pointing at where their text is.
extension HCLExpression {
    public func shifted(by delta: Int) -> HCLExpression {
        guard delta != 0 else { return self }
        func move(_ expression: HCLExpression) -> HCLExpression { expression.shifted(by: delta) }
        let kind: Kind
        switch self.kind {
        case .null, .bool, .number, .variable: kind = self.kind
        case .template(let parts): kind = .template(parts.map { $0.shifted(by: delta) })
        case .attribute(let base, let name): kind = .attribute(move(base), name: name)
        case .index(let base, let key): kind = .index(move(base), key: move(key))
        case .splat(let base, let steps, let full):
            kind = .splat(move(base), steps: steps.map { step in
                switch step {
                case .attribute(let name, let offset): return .attribute(name, offset: offset + delta)
                case .index(let key): return .index(move(key))
                }
            }, full: full)
        case .call(let name, let arguments, let expands): kind = .call(name: name, arguments: arguments.map(move), expandsFinal: expands)
        case .tuple(let items): kind = .tuple(items.map(move))
        case .object(let items):
            kind = .object(items.map { HCLObjectItem(key: move($0.key), value: move($0.value), keyIsName: $0.keyIsName) })
        case .unary(let op, let operand): kind = .unary(op, move(operand))
        case .binary(let op, let left, let right): kind = .binary(op, move(left), move(right))
        case .conditional(let test, let then, let otherwise): kind = .conditional(move(test), then: move(then), else: move(otherwise))
        case .forExpression(let form):
            kind = .forExpression(HCLForExpression(keyVariable: form.keyVariable, valueVariable: form.valueVariable,
                                                   collection: move(form.collection), key: form.key.map(move),
                                                   value: move(form.value), condition: form.condition.map(move),
                                                   grouping: form.grouping))
        case .parenthesis(let inner): kind = .parenthesis(move(inner))
        }
        return HCLExpression(kind, at: offset + delta)
    }
}

extension HCLTemplatePart {
    public func shifted(by delta: Int) -> HCLTemplatePart {
        switch self {
        case .literal(let text, let offset): return .literal(text, offset: offset + delta)
        case .interpolation(let inner): return .interpolation(inner.shifted(by: delta))
        case .conditional(let test, let then, let otherwise, let offset):
            return .conditional(test.shifted(by: delta), then: then.map { $0.shifted(by: delta) },
                                else: otherwise.map { $0.shifted(by: delta) }, offset: offset + delta)
        case .loop(let key, let value, let collection, let body, let offset):
            return .loop(key: key, value: value, collection: collection.shifted(by: delta),
                         body: body.map { $0.shifted(by: delta) }, offset: offset + delta)
        }
    }
}

extension HCLAttribute {
    public func shifted(by delta: Int) -> HCLAttribute {
        HCLAttribute(name: name, offset: offset + delta, value: value.shifted(by: delta))
    }
}

extension HCLBlock {
    public func shifted(by delta: Int) -> HCLBlock {
        HCLBlock(type: type, offset: offset + delta,
                 labels: labels.map { HCLLabel(text: $0.text, offset: $0.offset + delta) }, body: body.shifted(by: delta))
    }
}

extension HCLBody {
    public func shifted(by delta: Int) -> HCLBody {
        HCLBody(attributes: attributes.map { $0.shifted(by: delta) }, blocks: blocks.map { $0.shifted(by: delta) },
                offset: offset + delta)
    }
}

extension HCLReader {
    /// A template written as raw text, as in a heredoc: `${ }` interpolations and `%{ }` directives, no quote
    /// escapes (Terraform's JSON syntax, whose strings are templates once the JSON escapes are read).
    public func readTemplate(_ utf8: [UInt8]) throws(SyntaxError) -> HCLExpression {
        var parser = HCLParser(bytes: utf8, limits: limits)
        return try parser.parseRawTemplate()
    }
}

extension HCLParser {
    mutating func parseRawTemplate() throws(SyntaxError) -> HCLExpression {
        let (parts, terminator) = try parseTemplateParts(until: .offset(bytes.count), terminators: [])
        if let terminator { throw error("'%{ \(terminator) }' without a matching directive", at: terminator.offset) }
        return HCLExpression(.template(parts), at: 0)
    }
}
