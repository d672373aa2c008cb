import PolicyCheckSyntax

/// A compact spelling of parsed HCL with each node's line:column, so tests pin structure and positions in one
/// string: `(+@1:5 1@1:5 2@1:9)`.
struct HCLRendering {
    let source: SourceFile

    init(_ text: String) {
        source = SourceFile(path: "test.tf", bytes: Array(text.utf8))
    }

    func at(_ offset: Int) -> String { "@\(source.location(ofOffset: offset))" }

    func body(_ body: HCLBody) -> String {
        var parts: [String] = []
        for attribute in body.attributes { parts.append("\(attribute.name)\(at(attribute.offset))=\(expression(attribute.value))") }
        for block in body.blocks {
            let labels = block.labels.map { "\"\($0.text)\"\(at($0.offset))" }.joined(separator: " ")
            parts.append("\(block.type)\(at(block.offset))[\(labels)]{\(self.body(block.body))}")
        }
        return parts.joined(separator: " ")
    }

    func expression(_ node: HCLExpression) -> String {
        let here = at(node.offset)
        switch node.kind {
        case .null: return "null\(here)"
        case .bool(let flag): return "\(flag)\(here)"
        case .number(let text): return "\(text)\(here)"
        case .template(let parts): return "\"\(template(parts))\"\(here)"
        case .variable(let name): return "\(name)\(here)"
        case .attribute(let base, let name): return "(. \(expression(base)) \(name))"
        case .index(let base, let key): return "([] \(expression(base)) \(expression(key)))"
        case .splat(let base, let steps, let full):
            return "(\(full ? "[*]" : ".*") \(expression(base))\(steps.map { " " + step($0) }.joined()))"
        case .call(let name, let arguments, let expands):
            return "\(name)\(here)(\(arguments.map(expression).joined(separator: ", "))\(expands ? "..." : ""))"
        case .tuple(let items): return "[\(items.map(expression).joined(separator: ", "))]\(here)"
        case .object(let items):
            return "{\(items.map { "\($0.keyIsName ? "name:" : "")\(expression($0.key))=\(expression($0.value))" }.joined(separator: ", "))}\(here)"
        case .unary(let op, let operand): return "(\(op.rawValue)\(here) \(expression(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(expression(left)) \(expression(right)))"
        case .conditional(let condition, let then, let otherwise):
            return "(? \(expression(condition)) \(expression(then)) \(expression(otherwise)))"
        case .forExpression(let form):
            let variables = (form.keyVariable.map { "\($0)," } ?? "") + form.valueVariable
            let key = form.key.map { expression($0) + " => " } ?? ""
            let condition = form.condition.map { " if " + expression($0) } ?? ""
            return "(for\(here) \(variables) in \(expression(form.collection)): \(key)\(expression(form.value))\(form.grouping ? "..." : "")\(condition))"
        case .parenthesis(let inner): return "(\(expression(inner)))"
        }
    }

    func step(_ step: HCLTraversalStep) -> String {
        switch step {
        case .attribute(let name, let offset): return ".\(name)\(at(offset))"
        case .index(let key): return "[\(expression(key))]"
        }
    }

    func template(_ parts: [HCLTemplatePart]) -> String {
        parts.map { part in
            switch part {
            case .literal(let text, let offset): return "\(text.debugDescription)\(at(offset))"
            case .interpolation(let inner): return "${\(expression(inner))}"
            case .conditional(let condition, let then, let otherwise, let offset):
                return "%{if\(at(offset)) \(expression(condition))}\(template(then))%{else}\(template(otherwise))%{endif}"
            case .loop(let key, let value, let collection, let body, let offset):
                return "%{for\(at(offset)) \(key.map { "\($0)," } ?? "")\(value) in \(expression(collection))}\(template(body))%{endfor}"
            }
        }.joined()
    }
}
