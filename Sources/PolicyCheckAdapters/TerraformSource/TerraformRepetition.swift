import PolicyCheckSyntax

/// `count` and `for_each`: the instances a block expands to, keyed the way a plan addresses them.
enum TerraformRepetition {
    /// One instance: its key as written in the address (`[0]`, `["data"]`, empty) and the names it binds.
    struct Instance {
        var key: String
        var names: [String: TerraformValue]
    }

    enum Expansion {
        /// No `count` or `for_each`.
        case single
        case count([Instance])
        case forEach([Instance])
        /// The repetition is unknown before apply: how many instances there will be cannot be told.
        case unknown(String, at: Int)
    }

    static func expand(_ body: HCLBody, evaluator: TerraformEvaluator) throws(TerraformEvaluationError) -> Expansion {
        if let count = body[attribute: "count"] {
            let value = try evaluator.evaluate(count.value)
            if let reason = value.firstUnknown?.unknownReason { return .unknown(reason, at: value.offset) }
            guard let number = value.numberValue, number >= 0, number.rounded() == number, number <= 100_000 else {
                throw TerraformEvaluationError("count must be a whole number from 0 to 100000, not \(value.stringValue.map { Excerpt.quote($0) } ?? "a \(value.typeName)")", at: value.offset)
            }
            return .count((0..<Int(number)).map { index in
                Instance(key: "[\(index)]", names: ["count.index": TerraformValue(.number(Double(index)), at: value.offset)])
            })
        }
        guard let forEach = body[attribute: "for_each"] else { return .single }
        let value = try evaluator.evaluate(forEach.value)
        if let reason = value.unknownReason { return .unknown(reason, at: value.offset) }
        switch value.kind {
        case .object:
            // Keys must be known; values may be unknown (they become each.value).
            return .forEach(value.sortedMembers!.map { member in
                Instance(key: "[\(TerraformJSON.quote(member.key))]",
                         names: ["each.key": .string(member.key, at: member.value.offset), "each.value": member.value])
            })
        case .list(let items):
            var instances: [Instance] = []
            for item in TerraformFunctions.set(items) {
                if let reason = item.unknownReason { return .unknown(reason, at: item.offset) }
                guard let key = item.stringValue else {
                    throw TerraformEvaluationError("for_each over a set needs strings, not a \(item.typeName)", at: item.offset)
                }
                instances.append(Instance(key: "[\(TerraformJSON.quote(key))]",
                                          names: ["each.key": .string(key, at: item.offset), "each.value": .string(key, at: item.offset)]))
            }
            return .forEach(instances)
        case .null:
            throw TerraformEvaluationError("for_each must not be null", at: value.offset)
        default:
            throw TerraformEvaluationError("for_each needs a map or a set of strings, not a \(value.typeName)", at: value.offset)
        }
    }
}
