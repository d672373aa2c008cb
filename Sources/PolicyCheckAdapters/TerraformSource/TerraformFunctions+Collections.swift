import PolicyCheckSyntax

/// Collection functions: lists, sets, maps and conversions.
extension TerraformFunctions {
    static let collections: [String: Function] = [
        "merge": { arguments, offset throws(TerraformEvaluationError) in
            var members: [String: TerraformValue] = [:]
            for index in arguments.indices {
                for (key, value) in try object(arguments, index, "merge", at: offset) { members[key] = value }
            }
            return TerraformValue(.object(members), at: offset)
        },
        "concat": { arguments, offset throws(TerraformEvaluationError) in
            var items: [TerraformValue] = []
            for index in arguments.indices { items += try list(arguments, index, "concat", at: offset) }
            return TerraformValue(.list(items), at: offset)
        },
        "lookup": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...3, "lookup", at: offset)
            let members = try object(arguments, 0, "lookup", at: offset)
            let key = try string(arguments, 1, "lookup", at: offset)
            if let value = members[key] { return value }
            guard arguments.count == 3 else { throw .call("lookup", "the map has no key '\(Excerpt.quote(key))' and no default", at: offset) }
            return arguments[2]
        },
        "coalesce": { arguments, offset throws(TerraformEvaluationError) in
            // Terraform converts the arguments to one type first: coalesce(1, "2") is the string "1".
            guard let arguments = unifiedPrimitives(arguments) else { return .unknown(notUnified("coalesce"), at: offset) }
            for argument in arguments {
                if argument.isUnknown { return argument }
                if argument.isNull || argument.stringValue == "" { continue }
                return argument
            }
            throw .call("coalesce", "no non-null, non-empty argument", at: offset)
        },
        "coalescelist": { arguments, offset throws(TerraformEvaluationError) in
            for argument in arguments {
                if argument.isUnknown { return argument }
                if let items = argument.items, !items.isEmpty { return argument }
            }
            throw .call("coalescelist", "no non-empty list argument", at: offset)
        },
        "length": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "length", at: offset)
            switch arguments[0].kind {
            case .list(let items): return TerraformValue(.number(Double(items.count)), at: offset)
            case .object(let members): return TerraformValue(.number(Double(members.count)), at: offset)
            case .string(let text): return TerraformValue(.number(Double(text.count)), at: offset)
            default: throw .call("length", "needs a list, map or string, not a \(arguments[0].typeName)", at: offset)
            }
        },
        "element": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "element", at: offset)
            let items = try list(arguments, 0, "element", at: offset)
            let index = try TerraformNumber.int(try number(arguments, 1, "element", at: offset), "element", argument: 2, at: offset)
            guard index >= 0 else { throw .call("element", "cannot use element function with a negative index", at: offset) }
            guard !items.isEmpty else { throw .call("element", "cannot use element function with an empty list", at: offset) }
            return items[index % items.count]
        },
        "keys": { arguments, offset throws(TerraformEvaluationError) in
            let members = try object(arguments, 0, "keys", at: offset)
            return TerraformValue(.list(members.keys.sorted().map { .string($0, at: offset) }), at: offset)
        },
        "values": { arguments, offset throws(TerraformEvaluationError) in
            let members = try object(arguments, 0, "values", at: offset)
            return TerraformValue(.list(members.keys.sorted().map { members[$0]! }), at: offset)
        },
        "contains": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "contains", at: offset)
            let items = try list(arguments, 0, "contains", at: offset)
            return TerraformValue(.bool(items.contains { $0.equals(arguments[1]) }), at: offset)
        },
        "distinct": { arguments, offset throws(TerraformEvaluationError) in
            guard let items = unifiedPrimitives(try list(arguments, 0, "distinct", at: offset)) else {
                return .unknown(notUnified("distinct"), at: offset)
            }
            return TerraformValue(.list(withoutDuplicates(items)), at: offset)
        },
        "flatten": { arguments, offset throws(TerraformEvaluationError) in
            func flat(_ items: [TerraformValue]) -> [TerraformValue] {
                items.flatMap { item in item.items.map(flat) ?? [item] }
            }
            return TerraformValue(.list(flat(try list(arguments, 0, "flatten", at: offset))), at: offset)
        },
        "zipmap": { arguments, offset throws(TerraformEvaluationError) in
            let keys = try list(arguments, 0, "zipmap", at: offset)
            let values = try list(arguments, 1, "zipmap", at: offset)
            guard keys.count == values.count else { throw .call("zipmap", "the lists differ in length", at: offset) }
            var members: [String: TerraformValue] = [:]
            for (key, value) in zip(keys, values) {
                guard let name = key.stringValue else { throw .call("zipmap", "keys must be strings", at: offset) }
                members[name] = value
            }
            return TerraformValue(.object(members), at: offset)
        },
        "range": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...3, "range", at: offset)
            var numbers: [Double] = []
            for index in arguments.indices { numbers.append(try number(arguments, index, "range", at: offset)) }
            // Without a step it is 1 or -1, whichever way the limit lies (`range(1, 0)` is `[1]`, `range(-2)` is
            // `[0, -1]`); a step given the other way is an error, as Terraform's.
            // https://developer.hashicorp.com/terraform/language/functions/range
            let start = numbers.count == 1 ? 0 : numbers[0]
            let limit = numbers.count == 1 ? numbers[0] : numbers[1]
            let step = numbers.count == 3 ? numbers[2] : (limit < start ? -1 : 1)
            // A zero step: Terraform's check for it compares number values by identity and never holds, so the
            // sequence is empty when the limit is the start and runs past 1,024 values when above it.
            if step == 0, limit == start { return TerraformValue(.list([]), at: offset) }
            guard step != 0 else {
                throw .call("range", limit < start ? "end must be greater than start when step is positive" : "more than 1024 values were generated", at: offset)
            }
            if step < 0, limit > start { throw .call("range", "end must be less than start when step is negative", at: offset) }
            if step > 0, limit < start { throw .call("range", "end must be greater than start when step is positive", at: offset) }
            guard abs((limit - start) / step) <= 1024 else { throw .call("range", "more than 1024 values were generated", at: offset) }
            // Past 2^53 the steps would land on nearby numbers, not Terraform's; so would fractions such as 0.1.
            guard [start, limit, step].allSatisfy({ abs($0) < TerraformNumber.exactLimit && $0.rounded() == $0 }) else {
                return .unknown(TerraformNumber.inexact("range(\(numbers.map(TerraformValue.format).joined(separator: ", ")))"), at: offset)
            }
            let values = stride(from: start, to: limit, by: step).map { TerraformValue(.number($0), at: offset) }
            return TerraformValue(.list(values), at: offset)
        },
        "compact": { arguments, offset throws(TerraformEvaluationError) in
            let items = try list(arguments, 0, "compact", at: offset).filter { !$0.isNull && $0.stringValue != "" }
            return TerraformValue(.list(items), at: offset)
        },
        "one": { arguments, offset throws(TerraformEvaluationError) in
            let items = try list(arguments, 0, "one", at: offset)
            guard items.count <= 1 else { throw .call("one", "the list has more than one element", at: offset) }
            return items.first ?? TerraformValue(.null, at: offset)
        },
        "reverse": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.list(try list(arguments, 0, "reverse", at: offset).reversed()), at: offset)
        },
        "slice": { arguments, offset throws(TerraformEvaluationError) in
            let items = try list(arguments, 0, "slice", at: offset)
            let start = try TerraformNumber.int(try number(arguments, 1, "slice", at: offset), "slice", argument: 2, at: offset)
            let end = try TerraformNumber.int(try number(arguments, 2, "slice", at: offset), "slice", argument: 3, at: offset)
            guard 0 <= start, start <= end, end <= items.count else { throw .call("slice", "indexes out of range", at: offset) }
            return TerraformValue(.list(Array(items[start..<end])), at: offset)
        },
        "sort": { arguments, offset throws(TerraformEvaluationError) in
            var texts: [String] = []
            for item in try list(arguments, 0, "sort", at: offset) {
                guard let text = item.stringValue else { throw .call("sort", "needs a list of strings", at: offset) }
                texts.append(text)
            }
            return TerraformValue(.list(texts.sorted().map { .string($0, at: offset) }), at: offset)
        },
        "tolist": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.list(try list(arguments, 0, "tolist", at: offset)), at: arguments[0].offset).typed(.list)
        },
        "toset": { arguments, offset throws(TerraformEvaluationError) in
            guard let items = unifiedPrimitives(try list(arguments, 0, "toset", at: offset)) else {
                return .unknown(notUnified("toset"), at: offset)
            }
            return TerraformValue(.list(set(items)), at: arguments[0].offset).typed(.set)
        },
        "tomap": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.object(try object(arguments, 0, "tomap", at: offset)), at: arguments[0].offset).typed(.map)
        },
        "setunion": { arguments, offset throws(TerraformEvaluationError) in
            var items: [TerraformValue] = []
            for index in arguments.indices { items += try list(arguments, index, "setunion", at: offset) }
            return TerraformValue(.list(set(items)), at: offset)
        },
    ]

    /// The items without those `equals` to an earlier one, in order. Strings, numbers, booleans and null are found
    /// again by hash; only lists and objects are compared with the kept ones of theirs (comparing every item with
    /// every kept one made `toset()` of 100,000 names take 35 s). Values of different kinds are never equal, and
    /// NaN, unknowns and resources never equal anything, as in `equals`.
    static func withoutDuplicates(_ items: [TerraformValue]) -> [TerraformValue] {
        var kept: [TerraformValue] = []
        var strings: Set<String> = []
        var numbers: Set<Double> = []
        var bools: Set<Bool> = []
        var keptNull = false
        var composites: [TerraformValue] = []
        for item in items {
            switch item.kind {
            case .string(let text): guard strings.insert(text).inserted else { continue }
            case .number(let number): guard number.isNaN || numbers.insert(number).inserted else { continue }
            case .bool(let flag): guard bools.insert(flag).inserted else { continue }
            case .null:
                guard !keptNull else { continue }
                keptNull = true
            case .list, .object:
                guard !composites.contains(where: { $0.equals(item) }) else { continue }
                composites.append(item)
            case .resource, .unknown:
                break
            }
            kept.append(item)
        }
        return kept
    }

    /// Values of mixed primitive types as go-cty unifies them for one list or one result type: with a string among
    /// them, numbers and bools become strings (`distinct([1, "1"])` is `["1"]`); nil when Terraform's unification
    /// is not reproduced (numbers with bools, primitives with collections). Marks are kept: only the kind changes.
    static func unifiedPrimitives(_ items: [TerraformValue]) -> [TerraformValue]? {
        var hasString = false, hasOther = false, hasCollection = false
        var seen: Set<String> = []
        for item in items {
            switch item.kind {
            case .string: hasString = true; seen.insert("string")
            case .number: hasOther = true; seen.insert("number")
            case .bool: hasOther = true; seen.insert("bool")
            case .list, .object: hasCollection = true; seen.insert("collection")
            case .null, .unknown, .resource: break
            }
        }
        if seen.count <= 1 { return items }
        guard hasString, hasOther, !hasCollection else { return nil }
        return items.map { item in
            if case .string = item.kind { return item }
            guard let text = item.stringValue else { return item }
            var converted = item
            converted.kind = .string(text)
            return converted
        }
    }

    static func notUnified(_ name: String) -> String {
        notEvaluated(name, " of values of mixed types, whose conversion to one type policycheck does not reproduce")
    }

    /// A set: duplicates removed; all-string sets sorted, as Terraform iterates them.
    static func set(_ items: [TerraformValue]) -> [TerraformValue] {
        var kept = withoutDuplicates(items)
        if kept.allSatisfy({ if case .string = $0.kind { return true }; return false }) {
            kept.sort { $0.stringValue! < $1.stringValue! }
        }
        return kept
    }
}
