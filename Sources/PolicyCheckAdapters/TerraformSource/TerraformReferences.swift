import PolicyCheckSyntax

/// The references of an expression, spelt as a plan's `configuration` spells them (`aws_kms_key.k["a"].arn`,
/// `aws_kms_key.k["a"]`, `aws_kms_key.k`, `local.name`). The locals an expression uses are not expanded here: each
/// module's locals are written once, with their own references, and `TerraformConfiguration.resolve` follows
/// `local.*` through them (expanding them into every expression made a chain of 3,000 locals used by 3,000
/// resources list 9 million references).
enum TerraformReferences {
    static func of(_ expression: HCLExpression) -> [String] {
        var found: [String] = []
        collect(expression, bound: [], into: &found)
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    private enum Step {
        case attribute(String)
        case index(HCLExpression)
    }

    private static func collect(_ expression: HCLExpression, bound: Set<String>, into found: inout [String]) {
        switch expression.kind {
        case .variable, .attribute, .index:
            var steps: [Step] = []
            var node = expression
            while true {
                if case .attribute(let base, let name) = node.kind { steps.append(.attribute(name)); node = base; continue }
                if case .index(let base, let key) = node.kind { steps.append(.index(key)); node = base; continue }
                break
            }
            steps.reverse()
            for case .index(let key) in steps { collect(key, bound: bound, into: &found) }
            if case .variable(let root) = node.kind {
                if !bound.contains(root) { add(root, steps, into: &found) }
            } else {
                collect(node, bound: bound, into: &found)
            }
        case .splat(let source, let steps, _):
            collect(source, bound: bound, into: &found)
            for case .index(let key) in steps { collect(key, bound: bound, into: &found) }
        case .template(let parts):
            collect(parts, bound: bound, into: &found)
        case .call(_, let arguments, _), .tuple(let arguments):
            for argument in arguments { collect(argument, bound: bound, into: &found) }
        case .object(let items):
            for item in items {
                if !item.keyIsName { collect(item.key, bound: bound, into: &found) }
                collect(item.value, bound: bound, into: &found)
            }
        case .unary(_, let operand), .parenthesis(let operand):
            collect(operand, bound: bound, into: &found)
        case .binary(_, let left, let right):
            collect(left, bound: bound, into: &found)
            collect(right, bound: bound, into: &found)
        case .conditional(let condition, let then, let otherwise):
            for part in [condition, then, otherwise] { collect(part, bound: bound, into: &found) }
        case .forExpression(let form):
            collect(form.collection, bound: bound, into: &found)
            var inner = bound
            inner.insert(form.valueVariable)
            if let key = form.keyVariable { inner.insert(key) }
            for part in [form.key, form.value, form.condition].compactMap({ $0 }) {
                collect(part, bound: inner, into: &found)
            }
        case .null, .bool, .number:
            break
        }
    }

    private static func collect(_ parts: [HCLTemplatePart], bound: Set<String>, into found: inout [String]) {
        for part in parts {
            switch part {
            case .literal: continue
            case .interpolation(let inner): collect(inner, bound: bound, into: &found)
            case .conditional(let condition, let then, let otherwise, _):
                collect(condition, bound: bound, into: &found)
                collect(then + otherwise, bound: bound, into: &found)
            case .loop(let key, let value, let collection, let body, _):
                collect(collection, bound: bound, into: &found)
                var inner = bound
                inner.insert(value)
                if let key { inner.insert(key) }
                collect(body, bound: inner, into: &found)
            }
        }
    }

    /// The spellings of one traversal, longest first, down to the object it names.
    private static func add(_ root: String, _ steps: [Step], into found: inout [String]) {
        var spelt = [root]
        var text = root
        walk: for step in steps {
            switch step {
            case .attribute(let name): text += ".\(name)"
            case .index(let key):
                if case .number(let number) = key.kind {
                    text += "[\(number)]"
                } else if let literal = key.literalText {
                    text += "[\(TerraformJSON.quote(literal))]"
                } else {
                    break walk
                }
            }
            spelt.append(text)
        }
        // The shortest a plan lists: `var.x`, `local.x`, `module.m`, `count.index`, `TYPE.NAME`.
        let minimum = root == "data" ? 3 : 2
        guard spelt.count >= minimum else { return }
        found += spelt[(minimum - 1)...].reversed()
    }
}
