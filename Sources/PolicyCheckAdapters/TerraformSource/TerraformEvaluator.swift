import PolicyCheckSyntax

/// Evaluates HCL expressions the way Terraform does before apply: references through the scope, the built-in
/// functions policycheck knows, and unknown values that propagate instead of being guessed.
struct TerraformEvaluator {
    let scope: TerraformScope
    /// `count.index`, `each.key`, `each.value`, and `for` variables, by name (`count.index` as one name).
    var names: [String: TerraformValue] = [:]
    /// Offset of the expression's file in the combined source: expression offsets are local to their file.
    let base: Int
    /// Why the instances are unknown, when this evaluates the one instance standing for an unknown `count` or
    /// `for_each` (`TerraformModuleInstance.expandResource`); nil in a real instance.
    var standIn: String?

    init(scope: TerraformScope, base: Int, names: [String: TerraformValue] = [:]) {
        self.scope = scope
        self.base = base
        self.names = names
    }

    /// A node's offset in the combined source.
    func place(_ offset: Int) -> Int { TerraformSourceFile.place(offset, base: base) }

    func binding(_ name: String, _ value: TerraformValue) -> TerraformEvaluator {
        var copy = self
        copy.names[name] = value
        return copy
    }

    /// A resource's or module call's argument. In an instance standing for an unknown number of them, an error that
    /// depends on the values met (`aws_s3_bucket.this[0]` of a `count = 0` resource, in a `for_each` Terraform
    /// would find empty) may be one no real instance meets — Terraform evaluates a body once per instance, none when
    /// there are none (https://developer.hashicorp.com/terraform/language/meta-arguments/for_each) — so the value
    /// is unknown, reported as cannot verify, rather than the run stopped. Static errors (cycles, undeclared names)
    /// stop it all the same.
    func evaluateArgument(_ expression: HCLExpression) throws(TerraformEvaluationError) -> TerraformValue {
        guard let standIn else { return try evaluate(expression) }
        do {
            return try evaluate(expression)
        } catch {
            if error.isStatic { throw error }
            return .unknown("\(standIn), and in the one instance standing for them it cannot be evaluated (\(error.message))",
                            at: place(expression.offset))
        }
    }

    func evaluate(_ expression: HCLExpression) throws(TerraformEvaluationError) -> TerraformValue {
        let at = place(expression.offset)
        switch expression.kind {
        case .null: return TerraformValue(.null, at: at)
        case .bool(let flag): return TerraformValue(.bool(flag), at: at)
        case .number(let text):
            guard let number = TerraformNumber.literal(text) else {
                return .unknown(TerraformNumber.unheldReason("the number \(Excerpt.quote(text))", text: text), at: at)
            }
            return TerraformValue(.number(number), at: at)
        case .template(let parts): return try template(parts, at: at)
        case .variable(let name):
            if let value = names[name] { return value }
            // Python-style booleans: HCL has none (Terraform stops on them), but the intent is plain and other
            // scanners read them so; read as the boolean, with a warning, rather than stop the whole module.
            if name == "True" || name == "False" {
                scope.notice("'\(name)' is not an HCL boolean (Terraform rejects it); read as \(name.lowercased())", at: at)
                return TerraformValue(.bool(name == "True"), at: at)
            }
            // A bare word in a value's place is where a password with its quotes forgotten lands: not echoed.
            guard UnquotedWord.isSafeInHCL(name) else {
                throw TerraformEvaluationError("found \(UnquotedWord.unshown): not a variable of this expression (a string needs double quotes)", at: at, isStatic: true)
            }
            throw TerraformEvaluationError("unknown name '\(Excerpt.quote(name))': not a variable of this expression", at: at, isStatic: true)
        case .attribute(let source, let name):
            if case .variable(let root) = source.kind, names[root] == nil {
                return try reference(root, name, at: at)
            }
            // `data.TYPE.NAME`: the data sources policycheck evaluates (`TerraformPolicyDocument`), else unknown.
            if case .attribute(let inner, let type) = source.kind, case .variable("data") = inner.kind, names["data"] == nil,
               type == TerraformPolicyDocument.type {
                return try scope.resource("data.\(type)", name, at: at)
            }
            if let output = try moduleOutput(source, name, at: at) { return output }
            return try Self.attribute(name, of: try evaluate(source), at: at)
        case .index(let source, let key):
            return try Self.index(try evaluate(source), by: try evaluate(key), at: at)
        case .splat(let source, let steps, _):
            return try splat(try evaluate(source), steps: steps, at: at)
        case .call(let name, let arguments, let expands):
            return try call(name, arguments, expands: expands, at: at)
        case .tuple(let items):
            var values: [TerraformValue] = []
            for item in items { values.append(try evaluate(item)) }
            return TerraformValue(.list(values), at: at).typed(.tuple)
        case .object(let items):
            var members: [String: TerraformValue] = [:]
            for item in items {
                let key = try evaluate(item.key)
                if key.isUnknown { return .unknown(key.unknownReason!, at: at) }
                guard let name = key.stringValue else {
                    throw TerraformEvaluationError("an object key must be a string, not a \(key.typeName)", at: key.offset)
                }
                members[name] = try evaluate(item.value)
            }
            return TerraformValue(.object(members), at: at).typed(.object)
        case .unary(let op, let operand):
            return try TerraformOperators.unary(op, try evaluate(operand), at: at)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, at: at)
        case .conditional(let condition, let then, let otherwise):
            let test = try evaluate(condition)
            if test.isUnknown { return .unknown(test.unknownReason!, at: at) }
            guard let flag = test.boolValue else {
                throw TerraformEvaluationError("a condition must be a bool, not a \(test.typeName)", at: test.offset)
            }
            return try evaluate(flag ? then : otherwise).untyped
        case .forExpression(let form):
            return try TerraformForExpression(evaluator: self, form: form, at: at).evaluate()
        case .parenthesis(let inner):
            return try evaluate(inner)
        }
    }

    /// `&&` and `||` short-circuit on a known left side, as Terraform 1.x does not — but the result is the same.
    private func binary(_ op: HCLBinaryOperator, _ left: HCLExpression, _ right: HCLExpression,
                        at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        let lhs = try evaluate(left)
        let rhs = try evaluate(right)
        return try TerraformOperators.binary(op, lhs, rhs, at: offset)
    }

    // MARK: - References

    /// `ROOT.NAME` where ROOT is a namespace (`var`, `local`, …) or a resource type.
    private func reference(_ root: String, _ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        switch root {
        case "var": return try scope.variable(name, at: offset)
        case "local": return try scope.local(name, at: offset)
        case "module": return try scope.module(name, at: offset)
        case "data": return .unknown("it comes from data.\(name), read when Terraform plans", at: offset)
        case "path":
            guard let path = scope.path(name) else {
                throw TerraformEvaluationError("unknown attribute 'path.\(Excerpt.quote(name))'", at: offset)
            }
            return .string(path, at: offset)
        case "terraform":
            return name == "workspace" ? .string("default", at: offset) : .unknown("it comes from terraform.\(name), which policycheck does not evaluate", at: offset)
        case "count", "each":
            guard let value = names["\(root).\(name)"] else {
                throw TerraformEvaluationError("'\(root).\(name)' is only available in a block that sets \(root == "count" ? "count" : "for_each")", at: offset)
            }
            return value
        case "self": return .unknown("refers to self.\(name), known only after apply", at: offset)
        default: return try scope.resource(root, name, at: offset)
        }
    }

    /// `module.NAME.OUTPUT` and `module.NAME[KEY].OUTPUT`, read one output at a time; `nil` for other forms.
    private func moduleOutput(_ source: HCLExpression, _ output: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue? {
        guard names["module"] == nil else { return nil }
        var call = source
        var key: HCLExpression?
        if case .index(let base, let index) = source.kind { call = base; key = index }
        guard case .attribute(let root, let name) = call.kind, case .variable("module") = root.kind else { return nil }
        let keyValue = try key.map { k throws(TerraformEvaluationError) in try evaluate(k) }
        return try scope.moduleOutput(name, key: keyValue, output: output, at: offset)
    }

    // MARK: - Traversal

    static func attribute(_ name: String, of value: TerraformValue, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        switch value.kind {
        case .unknown: return value.withoutARNForm
        case .object(let members):
            if value.isOpen {
                guard let member = members[name], !member.isNull else {
                    return .unknown("comes from \(name), which the configuration leaves to the provider, known only after apply", at: offset)
                }
                return member.opened
            }
            guard let member = members[name] else {
                throw TerraformEvaluationError("the object has no attribute '\(Excerpt.quote(name))'", at: offset)
            }
            return member
        case .resource(let address, let attributes):
            // Not set, or set to null: an optional attribute the provider may compute (an IPv6 block, a version).
            guard let member = attributes[name], !member.isNull else {
                var computed = TerraformValue.unknown("comes from \(address).\(name), known only after apply", at: offset)
                if name == "arn" { computed.arnForm = TerraformValue.ARNForm(address: address, suffix: "") }
                return computed
            }
            return member.opened
        case .null:
            throw TerraformEvaluationError("cannot read attribute '\(Excerpt.quote(name))' of null", at: offset)
        default:
            throw TerraformEvaluationError("cannot read attribute '\(Excerpt.quote(name))' of a \(value.typeName)", at: offset)
        }
    }

    static func index(_ value: TerraformValue, by key: TerraformValue, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if value.isUnknown { return value.withoutARNForm }
        if key.isUnknown { return .unknown(key.unknownReason!, at: offset) }
        switch value.kind {
        case .list(let items):
            guard let number = key.numberValue, number.rounded() == number, number >= 0, number < Double(items.count) else {
                throw TerraformEvaluationError("index \(key.stringValue.map { Excerpt.quote($0) } ?? key.typeName) is out of range for a list of \(items.count)", at: offset)
            }
            return value.isOpen ? items[Int(number)].opened : items[Int(number)]
        case .object(let members):
            if value.isOpen, let name = key.stringValue { return try attribute(name, of: value, at: offset) }
            guard let name = key.stringValue, let member = members[name] else {
                throw TerraformEvaluationError("the map has no element \(key.stringValue.map { "'\(Excerpt.quote($0))'" } ?? key.typeName)", at: offset)
            }
            return member
        case .resource:
            guard let name = key.stringValue else { throw TerraformEvaluationError("cannot index a resource", at: offset) }
            return try attribute(name, of: value, at: offset)
        default:
            throw TerraformEvaluationError("cannot index a \(value.typeName)", at: offset)
        }
    }

    /// `[*]` and `.*`: null gives an empty list, a single value is a list of one.
    private func splat(_ source: TerraformValue, steps: [HCLTraversalStep],
                       at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if source.isUnknown { return source.withoutARNForm }
        let elements: [TerraformValue]
        switch source.kind {
        case .null: elements = []
        case .list(let items): elements = source.isOpen ? items.map(\.opened) : items
        default: elements = [source]
        }
        var results: [TerraformValue] = []
        for element in elements {
            var value = element
            for step in steps {
                switch step {
                case .attribute(let name, let stepOffset): value = try Self.attribute(name, of: value, at: place(stepOffset))
                case .index(let key): value = try Self.index(value, by: try evaluate(key), at: place(key.offset))
                }
            }
            results.append(value)
        }
        return TerraformValue(.list(results), at: offset)
    }

    // MARK: - Templates

    /// A template of one interpolation is that value itself; otherwise the parts are joined as strings.
    func template(_ parts: [HCLTemplatePart], at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if parts.count == 1, case .interpolation(let inner) = parts[0] { return try evaluate(inner) }
        var text = ""
        var rest = parts[...]
        // A resource's ARN followed by known text (`"${aws_s3_bucket.logs.arn}/*"`) keeps which ARN it starts with.
        if case .interpolation(let inner)? = parts.first {
            let head = try evaluate(inner)
            rest = parts.dropFirst()
            if let reason = head.unknownReason {
                guard let form = head.arnForm, try render(Array(rest), into: &text) == nil else {
                    return .unknown(reason, at: offset)
                }
                var value = TerraformValue.unknown(reason, at: offset)
                value.arnForm = TerraformValue.ARNForm(address: form.address, suffix: form.suffix + text)
                return value
            }
            guard let piece = head.stringValue else {
                throw TerraformEvaluationError("cannot put a \(head.typeName) into a string", at: place(inner.offset))
            }
            text += piece
        }
        if let unknown = try render(Array(rest), into: &text) { return .unknown(unknown, at: offset) }
        return .string(text, at: offset)
    }

    /// Appends the parts' text; returns the reason when a part is unknown.
    private func render(_ parts: [HCLTemplatePart], into text: inout String) throws(TerraformEvaluationError) -> String? {
        for part in parts {
            switch part {
            case .literal(let piece, _):
                text += piece
            case .interpolation(let inner):
                let value = try evaluate(inner)
                if let reason = value.unknownReason { return reason }
                guard let piece = value.stringValue else {
                    throw TerraformEvaluationError("cannot put a \(value.typeName) into a string", at: place(inner.offset))
                }
                text += piece
            case .conditional(let condition, let then, let otherwise, _):
                let test = try evaluate(condition)
                if let reason = test.unknownReason { return reason }
                guard let flag = test.boolValue else {
                    throw TerraformEvaluationError("a condition must be a bool, not a \(test.typeName)", at: place(condition.offset))
                }
                if let reason = try render(flag ? then : otherwise, into: &text) { return reason }
            case .loop(let key, let value, let collection, let body, _):
                let items = try evaluate(collection)
                if let reason = items.unknownReason { return reason }
                for (index, element) in try TerraformForExpression.elements(of: items, at: place(collection.offset)) {
                    var inner = binding(value, element)
                    if let key { inner = inner.binding(key, index) }
                    if let reason = try inner.render(body, into: &text) { return reason }
                }
            }
        }
        return nil
    }

    // MARK: - Calls

    private func call(_ name: String, _ arguments: [HCLExpression], expands: Bool,
                      at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        // try() and can() see their arguments' errors, so they evaluate them themselves.
        if name == "try" || name == "can" {
            for (position, argument) in arguments.enumerated() {
                do {
                    let value = try evaluate(argument)
                    if value.containsUnknown { return .unknown(value.firstUnknown!.unknownReason!, at: offset) }
                    return name == "can" ? TerraformValue(.bool(true), at: offset) : value
                } catch {
                    // What Terraform refuses for any input (an unknown function, an undeclared name) is not
                    // caught: "try does not catch errors relating to constructs that are provably invalid".
                    if error.isStatic { throw error }
                    if name == "can" { return TerraformValue(.bool(false), at: offset) }
                    if position == arguments.count - 1 { throw error }
                }
            }
            throw .call(name, "expects at least one argument", at: offset)
        }
        var values: [TerraformValue] = []
        for argument in arguments { values.append(try evaluate(argument)) }
        if expands, let last = values.popLast() {
            if last.isUnknown { return .unknown(last.unknownReason!, at: offset) }
            guard let items = last.items else { throw .call(name, "only a list can be expanded with '...'", at: offset) }
            values += items
        }
        return try TerraformFunctions(scope: scope).call(name, values, at: offset)
    }
}
