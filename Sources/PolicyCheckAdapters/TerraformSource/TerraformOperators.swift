import PolicyCheckSyntax

/// HCL's unary and binary operators on evaluated values; an unknown operand makes the result unknown.
enum TerraformOperators {
    static func unary(_ op: HCLUnaryOperator, _ operand: TerraformValue,
                      at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        if operand.isUnknown { return .unknown(operand.unknownReason!, at: offset) }
        switch op {
        case .negate:
            if let reason = operand.inexactNumberReason { return .unknown(reason, at: offset) }
            guard let number = operand.numberValue else { throw mismatch("-", "a number", operand, at: offset) }
            return TerraformValue(.number(-number), at: offset)
        case .not:
            guard let flag = operand.boolValue else { throw mismatch("!", "a bool", operand, at: offset) }
            return TerraformValue(.bool(!flag), at: offset)
        }
    }

    static func binary(_ op: HCLBinaryOperator, _ lhs: TerraformValue, _ rhs: TerraformValue,
                       at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        // A known side can decide a logical operator alone.
        if op == .and, lhs.boolValue == false || rhs.boolValue == false { return TerraformValue(.bool(false), at: offset) }
        if op == .or, lhs.boolValue == true || rhs.boolValue == true { return TerraformValue(.bool(true), at: offset) }
        if let reason = lhs.unknownReason ?? rhs.unknownReason { return .unknown(reason, at: offset) }
        switch op {
        case .and, .or:
            guard let a = lhs.boolValue else { throw mismatch(op.rawValue, "a bool", lhs, at: offset) }
            guard let b = rhs.boolValue else { throw mismatch(op.rawValue, "a bool", rhs, at: offset) }
            return TerraformValue(.bool(op == .and ? a && b : a || b), at: offset)
        case .equal, .notEqual:
            // A known value compared with null is known however unknown its insides: Terraform plans
            // `{ a = uuid() } != null` as true (cty's Equals decides null before unknowns inside a collection),
            // and modules write `var.group != null` for objects whose attributes come from elsewhere.
            if lhs.isNull != rhs.isNull {
                return TerraformValue(.bool(op == .notEqual), at: offset)
            }
            if lhs.containsUnknown || rhs.containsUnknown {
                return .unknown((lhs.firstUnknown ?? rhs.firstUnknown)!.unknownReason!, at: offset)
            }
            guard let same = lhs.typedEquals(rhs) else {
                return .unknown("it compares with \(op.rawValue) collections whose types policycheck cannot tell (a list or a tuple, a map or an object), and to Terraform values of different types are never equal", at: offset)
            }
            return TerraformValue(.bool(op == .equal ? same : !same), at: offset)
        default:
            if let reason = lhs.inexactNumberReason ?? rhs.inexactNumberReason { return .unknown(reason, at: offset) }
            guard let a = lhs.numberValue else { throw mismatch(op.rawValue, "a number", lhs, at: offset) }
            guard let b = rhs.numberValue else { throw mismatch(op.rawValue, "a number", rhs, at: offset) }
            switch op {
            case .greater: return TerraformValue(.bool(a > b), at: offset)
            case .greaterOrEqual: return TerraformValue(.bool(a >= b), at: offset)
            case .less: return TerraformValue(.bool(a < b), at: offset)
            case .lessOrEqual: return TerraformValue(.bool(a <= b), at: offset)
            case .add: return arithmetic(.add, a, b, at: offset)
            case .subtract: return arithmetic(.subtract, a, b, at: offset)
            case .multiply: return arithmetic(.multiply, a, b, at: offset)
            case .divide:
                guard b != 0 else { throw TerraformEvaluationError("division by zero", at: offset) }
                return arithmetic(.divide, a, b, at: offset)
            case .modulo:
                guard b != 0 else { throw TerraformEvaluationError("modulo by zero", at: offset) }
                // The remainder is exact in 64 bits; Terraform's agrees when its operands are the decimals printed.
                // A negative operand is not evaluated (go-cty's remainder of one is not C's).
                let remainder = a.truncatingRemainder(dividingBy: b)
                guard a >= 0, b > 0, [a, b, remainder].allSatisfy(TerraformNumber.isDecimalExact) else {
                    return .unknown(TerraformNumber.inexact("\(TerraformValue.format(a)) % \(TerraformValue.format(b))"), at: offset)
                }
                return TerraformValue(.number(remainder), at: offset)
            default: fatalError("logical and equality operators are handled above")
            }
        }
    }

    /// The result when policycheck's 64-bit numbers hold it exactly, else unknown naming the computation
    /// (`2^54 + 22` is 22 more than 2^54 to Terraform, and 24 more in 64 bits).
    private static func arithmetic(_ op: TerraformNumber.HCLArithmetic, _ a: Double, _ b: Double, at offset: Int) -> TerraformValue {
        guard let result = TerraformNumber.exact(op, a, b) else {
            return .unknown(TerraformNumber.inexact("\(TerraformValue.format(a)) \(op.rawValue) \(TerraformValue.format(b))"), at: offset)
        }
        return TerraformValue(.number(result), at: offset)
    }

    private static func mismatch(_ op: String, _ expected: String, _ value: TerraformValue,
                                 at offset: Int) -> TerraformEvaluationError {
        TerraformEvaluationError("'\(op)' needs \(expected), not a \(value.typeName)", at: offset)
    }
}
