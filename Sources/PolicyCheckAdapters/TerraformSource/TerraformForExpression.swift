import PolicyCheckSyntax

/// `[for …]` and `{for …}`: lists iterate by index, maps and objects in key order.
struct TerraformForExpression {
    let evaluator: TerraformEvaluator
    let form: HCLForExpression
    let offset: Int

    init(evaluator: TerraformEvaluator, form: HCLForExpression, at offset: Int) {
        self.evaluator = evaluator
        self.form = form
        self.offset = offset
    }

    func evaluate() throws(TerraformEvaluationError) -> TerraformValue {
        let collection = try evaluator.evaluate(form.collection)
        if let reason = collection.unknownReason { return .unknown(reason, at: offset) }
        // A whole resource is an object of every attribute its provider's schema has, most computed and unknown
        // until apply, which a for expression iterates ("a list, a set, a tuple, a map, or an object",
        // https://developer.hashicorp.com/terraform/language/expressions/for): before, an error at the resource's
        // block stopped the module (tester, round 34).
        if case .resource(let address, _) = collection.kind {
            return .unknown("comes from a for expression over the whole resource \(address), whose computed attributes are known only after apply", at: offset)
        }
        var list: [TerraformValue] = []
        var object: [String: TerraformValue] = [:]
        var groups: [String: [TerraformValue]] = [:]
        for (key, value) in try Self.elements(of: collection, at: form.collection.offset) {
            var inner = evaluator.binding(form.valueVariable, value)
            if let keyVariable = form.keyVariable { inner = inner.binding(keyVariable, key) }
            if let condition = form.condition {
                let test = try inner.evaluate(condition)
                if let reason = test.unknownReason { return .unknown(reason, at: offset) }
                guard let keep = test.boolValue else {
                    throw TerraformEvaluationError("a for expression's 'if' must be a bool, not a \(test.typeName)", at: test.offset)
                }
                if !keep { continue }
            }
            let result = try inner.evaluate(form.value)
            guard let keyExpression = form.key else {
                list.append(result)
                continue
            }
            let name = try inner.evaluate(keyExpression)
            if let reason = name.unknownReason { return .unknown(reason, at: offset) }
            guard let text = name.stringValue else {
                throw TerraformEvaluationError("a for expression's key must be a string, not a \(name.typeName)", at: name.offset)
            }
            if form.grouping {
                groups[text, default: []].append(result)
            } else {
                guard object[text] == nil else {
                    throw TerraformEvaluationError("duplicate key '\(Excerpt.quote(text))' in a for expression (use '...' to group)", at: name.offset)
                }
                object[text] = result
            }
        }
        if form.key == nil { return TerraformValue(.list(list), at: offset).typed(.tuple) }
        if form.grouping {
            for (key, values) in groups { object[key] = TerraformValue(.list(values), at: offset) }
        }
        return TerraformValue(.object(object), at: offset).typed(.object)
    }

    /// (key, value) pairs: a list's index and item, a map's key and value in key order.
    static func elements(of collection: TerraformValue,
                         at offset: Int) throws(TerraformEvaluationError) -> [(TerraformValue, TerraformValue)] {
        switch collection.kind {
        case .list(let items):
            return items.enumerated().map { (TerraformValue(.number(Double($0.offset)), at: $0.element.offset), $0.element) }
        case .object:
            return collection.sortedMembers!.map { (TerraformValue.string($0.key, at: $0.value.offset), $0.value) }
        default:
            throw TerraformEvaluationError("a for expression needs a list, set, map or object, not a \(collection.typeName)", at: offset)
        }
    }
}
