import PolicyCheckSyntax

/// List, set and boolean-list functions as Terraform defines them
/// (https://developer.hashicorp.com/terraform/language/functions, each function's page): errors where Terraform
/// gives one, unknown where an argument is.
extension TerraformFunctions {
    static let lists: [String: Function] = [
        // sensitive(v), nonsensitive(v): only mark a value, which is otherwise unchanged
        // (https://developer.hashicorp.com/terraform/language/functions/sensitive, …/nonsensitive; from Terraform
        // 1.8 nonsensitive() of a value not marked sensitive is no error).
        "sensitive": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "sensitive", at: offset)
            TerraformSensitiveMarks.current?.mark(arguments[0])
            return arguments[0]
        },
        "nonsensitive": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "nonsensitive", at: offset)
            return arguments[0]
        },
        // alltrue(list): true when every element is true (an empty list too); a null element is false; an unknown
        // one before the first false makes the result unknown.
        "alltrue": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "alltrue", at: offset)
            for item in try boolItems(arguments, "alltrue", at: offset) {
                if item.isUnknown { return .unknown(item.unknownReason!, at: offset) }
                if item.isNull || item.boolValue == false { return TerraformValue(.bool(false), at: offset) }
            }
            return TerraformValue(.bool(true), at: offset)
        },
        // anytrue(list): true when any element is true; nulls are passed over; unknown when none is true and one
        // is unknown.
        "anytrue": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "anytrue", at: offset)
            var unknown: TerraformValue?
            for item in try boolItems(arguments, "anytrue", at: offset) {
                if item.isUnknown { unknown = unknown ?? item; continue }
                if item.boolValue == true { return TerraformValue(.bool(true), at: offset) }
            }
            if let unknown { return .unknown(unknown.unknownReason!, at: offset) }
            return TerraformValue(.bool(false), at: offset)
        },
        // sum(list): numbers (or strings that convert); an empty list or a null element is an error.
        "sum": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "sum", at: offset)
            guard let items = arguments[0].items else {
                throw .call("sum", "argument must be list, set, or tuple, not a \(arguments[0].typeName)", at: offset)
            }
            guard !items.isEmpty else { throw .call("sum", "cannot sum an empty list", at: offset) }
            var total = 0.0
            for item in items {
                guard !item.isNull, let number = item.numberValue else {
                    throw .call("sum", "argument must be list, set, or tuple of number values", at: offset)
                }
                // A sum the 64-bit value does not hold exactly is unknown, as `+` is (TerraformNumber).
                guard let next = TerraformNumber.exact(.add, total, number) else {
                    return .unknown(TerraformNumber.inexact("sum() adding \(TerraformValue.format(number)) to \(TerraformValue.format(total))"), at: offset)
                }
                total = next
            }
            return TerraformValue(.number(total), at: offset)
        },
        // index(list, value): the first index of an equal element; an empty list or no such element is an error.
        "index": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "index", at: offset)
            guard let items = arguments[0].items else { throw .call("index", "argument must be a list or tuple", at: offset) }
            guard !items.isEmpty else { throw .call("index", "cannot search an empty list", at: offset) }
            guard let found = items.firstIndex(where: { $0.equals(arguments[1]) }) else {
                throw .call("index", "item not found", at: offset)
            }
            return TerraformValue(.number(Double(found)), at: offset)
        },
        // chunklist(list, size): lists of at most size elements; size 0 gives the whole list as one chunk.
        "chunklist": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "chunklist", at: offset)
            let items = try list(arguments, 0, "chunklist", at: offset)
            let size = try wholeNumber(arguments, 1, "chunklist", at: offset)
            guard size >= 0 else { throw .call("chunklist", "the size argument must be positive", at: offset) }
            guard !items.isEmpty else { return TerraformValue(.list([]), at: offset) }
            guard size > 0 else { return TerraformValue(.list([TerraformValue(.list(items), at: offset)]), at: offset) }
            let chunks = stride(from: 0, to: items.count, by: size).map { start in
                TerraformValue(.list(Array(items[start..<min(start + size, items.count)])), at: offset)
            }
            return TerraformValue(.list(chunks), at: offset)
        },
        // matchkeys(values, keys, searchset): values[i] whose keys[i] is in searchset.
        "matchkeys": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 3...3, "matchkeys", at: offset)
            let values = try list(arguments, 0, "matchkeys", at: offset)
            let keys = try list(arguments, 1, "matchkeys", at: offset)
            let searched = try list(arguments, 2, "matchkeys", at: offset)
            guard values.count == keys.count else { throw .call("matchkeys", "length of keys and values should be equal", at: offset) }
            let kept = zip(values, keys).filter { _, key in searched.contains { key.equals($0) } }.map(\.0)
            return TerraformValue(.list(kept), at: offset)
        },
        // transpose(map of lists of strings): each string to the sorted keys whose lists hold it.
        "transpose": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "transpose", at: offset)
            var result: [String: [String]] = [:]
            for (key, value) in try object(arguments, 0, "transpose", at: offset) {
                for item in value.items ?? [] {
                    guard case .string(let text) = item.kind else {
                        throw .call("transpose", "input must be a map of lists of strings", at: offset)
                    }
                    result[text, default: []].append(key)
                }
            }
            return TerraformValue(.object(result.mapValues { keys in
                TerraformValue(.list(keys.sorted().map { .string($0, at: offset) }), at: offset)
            }), at: offset)
        },
        // setproduct(a, b, …): every combination, the first argument varying slowest; at least two arguments.
        "setproduct": { arguments, offset throws(TerraformEvaluationError) in
            guard arguments.count >= 2 else { throw .call("setproduct", "at least two arguments are required", at: offset) }
            var combinations: [[TerraformValue]] = [[]]
            for index in arguments.indices {
                guard let items = arguments[index].items else {
                    throw .call("setproduct", "argument \(index + 1): a set or a list is required", at: offset)
                }
                let (size, overflow) = combinations.count.multipliedReportingOverflow(by: items.count)
                guard !overflow, size <= maxElements else { return .unknown(tooLarge("setproduct"), at: offset) }
                combinations = combinations.flatMap { prefix in items.map { prefix + [$0] } }
            }
            return TerraformValue(.list(combinations.map { TerraformValue(.list($0), at: offset) }), at: offset)
        },
        // setsubtract(a, b): the elements of a not in b, as a set.
        "setsubtract": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "setsubtract", at: offset)
            let removed = try list(arguments, 1, "setsubtract", at: offset)
            let kept = try list(arguments, 0, "setsubtract", at: offset).filter { item in !removed.contains { item.equals($0) } }
            return TerraformValue(.list(set(kept)), at: offset)
        },
        // setintersection(a, …): the elements in every argument, as a set.
        "setintersection": { arguments, offset throws(TerraformEvaluationError) in
            guard !arguments.isEmpty else { throw .call("setintersection", "expects at least 1 argument", at: offset) }
            var kept = try list(arguments, 0, "setintersection", at: offset)
            for index in arguments.indices.dropFirst() {
                let other = try list(arguments, index, "setintersection", at: offset)
                kept = kept.filter { item in other.contains { item.equals($0) } }
            }
            return TerraformValue(.list(set(kept)), at: offset)
        },
    ]

    /// A list of booleans (or of strings that convert, or nulls), for `alltrue` and `anytrue`.
    private static func boolItems(_ arguments: [TerraformValue], _ name: String,
                                  at offset: Int) throws(TerraformEvaluationError) -> [TerraformValue] {
        let items = try list(arguments, 0, name, at: offset)
        for item in items where !item.isUnknown && !item.isNull && item.boolValue == nil {
            throw .call(name, "argument must be a list of bools, not of \(item.typeName)s", at: offset)
        }
        return items
    }

    /// A whole number argument.
    static func wholeNumber(_ arguments: [TerraformValue], _ index: Int, _ name: String,
                            at offset: Int) throws(TerraformEvaluationError) -> Int {
        let number = try number(arguments, index, name, at: offset)
        guard number.rounded() == number, abs(number) < 1e15 else { // also keeps Int(number) from trapping
            throw .call(name, "argument \(index + 1) must be a whole number", at: offset)
        }
        return Int(number)
    }
}
