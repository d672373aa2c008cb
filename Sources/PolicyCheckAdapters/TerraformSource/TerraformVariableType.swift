import Foundation
import PolicyCheckSyntax

/// A variable's `type` constraint, applied to its value as Terraform converts it: primitives between themselves,
/// collections element by element, and objects to their declared attributes — missing `optional(…)` attributes
/// become their default or null, undeclared ones are dropped.
/// (https://developer.hashicorp.com/terraform/language/expressions/type-constraints)
indirect enum TerraformVariableType {
    case any
    case string
    case number
    case bool
    case list(TerraformVariableType)
    case set(TerraformVariableType)
    case map(TerraformVariableType)
    case tuple([TerraformVariableType])
    case object([String: Attribute])

    struct Attribute {
        var type: TerraformVariableType
        var optional: Bool
        var fallback: HCLExpression?
    }

    /// The declared variable's value converted to its type; a value the type does not describe is left as it is
    /// (a later use says what is wrong with it, or it is checked as written).
    static func convert(_ value: TerraformValue, declared: TerraformModuleConfig.Declared<HCLBlock>,
                        scope: TerraformScope) throws(TerraformEvaluationError) -> TerraformValue {
        guard let written = declared.value.body[attribute: "type"] else { return value }
        // A constraint policycheck does not read converts the value to a type it cannot tell.
        guard let type = parse(written.value) else { return value.untyped }
        var converted = try type.convert(value, TerraformEvaluator(scope: scope, base: declared.file.base))
        // `nullable = false`: a null value is the default instead.
        if converted.isNull, declared.value.body[attribute: "nullable"]?.value.kind.isFalse == true,
           let fallback = declared.value.body[attribute: "default"] {
            converted = try type.convert(try TerraformEvaluator(scope: scope, base: declared.file.base).evaluate(fallback.value),
                                         TerraformEvaluator(scope: scope, base: declared.file.base))
        }
        return converted
    }

    /// The constraint an expression spells, `nil` when it is not one policycheck reads (then nothing is converted).
    static func parse(_ expression: HCLExpression) -> TerraformVariableType? {
        switch expression.kind {
        case .variable("any"): return .any
        case .variable("string"): return .string
        case .variable("number"): return .number
        case .variable("bool"): return .bool
        case .variable("list"): return .list(.any)
        case .variable("map"): return .map(.any)
        case .variable("set"): return .set(.any)
        case .call(let name, let arguments, false) where arguments.count == 1:
            let inner = arguments[0]
            switch name {
            case "list": return parse(inner).map { .list($0) }
            case "set": return parse(inner).map { .set($0) }
            case "map": return parse(inner).map { .map($0) }
            case "tuple":
                guard case .tuple(let items) = inner.kind else { return nil }
                var types: [TerraformVariableType] = []
                for item in items { guard let type = parse(item) else { return nil }; types.append(type) }
                return .tuple(types)
            case "object":
                guard case .object(let items) = inner.kind else { return nil }
                var attributes: [String: Attribute] = [:]
                for item in items {
                    guard let name = item.key.literalText ?? item.key.traversalText,
                          let attribute = self.attribute(item.value) else { return nil }
                    attributes[name] = attribute
                }
                return .object(attributes)
            default: return nil
            }
        default: return nil
        }
    }

    private static func attribute(_ expression: HCLExpression) -> Attribute? {
        if case .call("optional", let arguments, false) = expression.kind, (1...2).contains(arguments.count) {
            return parse(arguments[0]).map { Attribute(type: $0, optional: true, fallback: arguments.count == 2 ? arguments[1] : nil) }
        }
        return parse(expression).map { Attribute(type: $0, optional: false, fallback: nil) }
    }

    // MARK: - Conversion

    private func convert(_ value: TerraformValue, _ evaluator: TerraformEvaluator) throws(TerraformEvaluationError) -> TerraformValue {
        if value.isUnknown || value.isNull { return value }
        var result = value
        switch (self, value.kind) {
        case (.string, .number), (.string, .bool):
            result.kind = .string(value.stringValue!)
        case (.number, .string(let text)):
            if let number = TerraformValue.number(text) {
                result.kind = .number(number)
            } else if TerraformValue.isNumberText(text.trimmingCharacters(in: .whitespaces)) {
                // Terraform's numbers are arbitrary precision (`1e400` converts): one policycheck cannot hold is kept
                // as written.
                result = value.untyped
            } else {
                throw Self.refused("a number", value)
            }
        case (.bool, .string):
            // A string that is no bool is kept: where it is used, `TerraformInvalidBools` says what Terraform refuses.
            if let flag = value.boolValue { result.kind = .bool(flag) }
        // Terraform converts no bool to a number or back, and no collection to a primitive: the configuration is
        // refused ("Invalid value for input variable"), so its value is never used as written.
        case (.number, .bool), (.number, .list), (.number, .object):
            throw Self.refused("a number", value)
        case (.bool, .number), (.bool, .list), (.bool, .object):
            throw Self.refused("a bool", value)
        case (.string, .list), (.string, .object):
            throw Self.refused("a string", value)
        case (.list(let element), .list(let items)):
            result.kind = .list(try Self.each(items, element, evaluator))
            result.collection = .list
        case (.set(let element), .list(let items)):
            result.kind = .list(TerraformFunctions.set(try Self.each(items, element, evaluator)))
            result.collection = .set
        case (.tuple(let types), .list(let items)) where types.count == items.count:
            var converted: [TerraformValue] = []
            for (type, item) in zip(types, items) { converted.append(try type.convert(item, evaluator)) }
            result.kind = .list(converted)
            result.collection = .tuple
        case (.map(let element), .object(let members)):
            var converted: [String: TerraformValue] = [:]
            for (key, member) in members { converted[key] = try element.convert(member, evaluator) }
            result.kind = .object(converted)
            result.collection = .map
        case (.object(let attributes), .object(let members)):
            var converted: [String: TerraformValue] = [:]
            for (name, attribute) in attributes {
                if let member = members[name], !(member.isNull && attribute.fallback != nil) {
                    converted[name] = try attribute.type.convert(member, evaluator)
                } else if attribute.optional {
                    let fallback = try attribute.fallback.map { expression throws(TerraformEvaluationError) in
                        try attribute.type.convert(try evaluator.evaluate(expression), evaluator)
                    }
                    converted[name] = fallback ?? TerraformValue(.null, at: value.offset)
                } else {
                    return value
                }
            }
            result.kind = .object(converted)
            result.collection = .object
        case (.any, _):
            break
        default:
            // A value the type does not describe: kept as written, but its type is not the literal's.
            result = value.untyped
        }
        return result
    }

    /// Terraform's refusal of a value its variable's type cannot hold (the value itself is not shown: a variables
    /// file may hold secrets).
    private static func refused(_ expected: String, _ value: TerraformValue) -> TerraformEvaluationError {
        TerraformEvaluationError("invalid value for an input variable: \(expected) is required, and a \(value.typeName) "
                                 + "cannot be converted to it (Terraform refuses the configuration)", at: value.offset)
    }

    private static func each(_ items: [TerraformValue], _ type: TerraformVariableType,
                             _ evaluator: TerraformEvaluator) throws(TerraformEvaluationError) -> [TerraformValue] {
        var converted: [TerraformValue] = []
        for item in items { converted.append(try type.convert(item, evaluator)) }
        return converted
    }
}

private extension HCLExpression.Kind {
    var isFalse: Bool { if case .bool(false) = self { return true }; return false }
}
