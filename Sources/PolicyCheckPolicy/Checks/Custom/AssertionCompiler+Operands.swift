import PolicyCheckModel
import PolicyCheckNetwork
import PolicyCheckSyntax

/// Operands: parsed once, and checked against the type of the attribute they are compared with.
extension AssertionCompiler {
    func compileOperand(_ op: Comparison.Operator, _ node: SourceNode, path: String, attributePath: String,
                        type: AttributeType, allowed: [String]? = nil) -> Comparison.Operand? {
        // A value an attribute of a closed set never takes: the comparison could never hold (or always would).
        if let allowed, [.equals, .notEquals, .in, .notIn].contains(op) {
            for item in node.items ?? [node] {
                // A number or a boolean is no value of a closed set either (`version: 4`; review, round 35).
                guard let text = item.string ?? item.numberLiteral ?? item.bool.map({ String($0) }),
                      !allowed.contains(text) else { continue }
                reader.error(at: item.offset, "'\(Excerpt.quote(text))' is no value of '\(attributePath)', which is one of "
                             + allowed.joined(separator: ", ") + Suggestion.clause(for: text, among: allowed))
                return nil
            }
        }
        let about = type == .any ? "" : " ('\(attributePath)' is \(Self.article(type)))"
        func mismatch(_ expected: String) -> Comparison.Operand? {
            reader.error(at: node.offset, "'\(path)' must be \(expected)\(about), found \(node.kindDescription)")
            return nil
        }
        func unsupported() -> Comparison.Operand? {
            reader.error(at: node.offset, "'\(op.rawValue)' cannot compare '\(attributePath)', which is \(Self.article(type))")
            return nil
        }
        switch op {
        case .equals, .notEquals:
            if type == .list {
                guard let items = node.items else { return mismatch("a list") }
                return .value(.list(items.compactMap(AttributeValue.init)))
            }
            return scalar(node, type: type).map(Comparison.Operand.value) ?? mismatch(Self.expected(type))
        case .in, .notIn:
            if type == .list { return unsupported() }
            guard let items = node.items, !items.isEmpty else { return mismatch("a non-empty list of \(Self.expected(type, plural: true))") }
            var values: [AttributeValue] = []
            for (index, item) in items.enumerated() {
                guard let value = scalar(item, type: type) else {
                    reader.error(at: item.offset, "'\(path)[\(index)]' must be \(Self.expected(type))\(about), found \(item.kindDescription)")
                    return nil
                }
                values.append(value)
            }
            return .values(OperandValues(values))
        case .exists, .absent:
            guard let flag = node.bool else { return mismatch("true or false") }
            return .presence(flag)
        case .matches:
            guard [.string, .cidr, .timestamp, .any].contains(type) else { return unsupported() }
            guard let text = node.string else { return mismatch("a regular expression (a string)") }
            do {
                return .pattern(try CompiledPattern(text))
            } catch {
                reader.error(at: node.offset, "'\(path)' is not a valid regular expression: \(Self.firstLine(error))")
                return nil
            }
        case .greaterThan, .lessThan:
            switch type {
            case .number:
                return number(node).map(Comparison.Operand.number) ?? mismatch("a number")
            case .timestamp:
                return timestamp(node).map(Comparison.Operand.timestamp) ?? mismatch("a date or date-time (ISO 8601)")
            case .any:
                if let value = number(node) { return .number(value) }
                return timestamp(node).map(Comparison.Operand.timestamp) ?? mismatch("a number or an ISO 8601 date")
            default:
                return unsupported()
            }
        case .lengthAtMost, .lengthAtLeast:
            guard [.string, .list, .cidr, .any].contains(type) else { return unsupported() }
            guard let value = number(node), value >= 0, value.rounded() == value else { return mismatch("a whole number ≥ 0") }
            return .count(Int(value))
        case .contains:
            guard [.string, .list, .any].contains(type) else { return unsupported() }
            return scalar(node, type: .any).map(Comparison.Operand.value) ?? mismatch("a string, number or boolean")
        case .cidrWithin, .cidrOverlaps:
            guard [.cidr, .any].contains(type) else { return unsupported() }
            return blocks(node, path: path).map { .blocks(CIDRBlockIndex($0)) }
        case .prefixAtLeast:
            guard [.cidr, .any].contains(type) else { return unsupported() }
            return prefix(node, path: path)
        }
    }

    /// A scalar operand for an attribute of a type; numbers written unquoted are accepted for text attributes.
    private func scalar(_ node: SourceNode, type: AttributeType) -> AttributeValue? {
        switch (type, node.value) {
        case (.bool, .bool(let flag)), (.any, .bool(let flag)): return .bool(flag)
        case (.number, .number(let literal)), (.any, .number(let literal)): return Double(literal).map(AttributeValue.number)
        case (.string, .string(let text)), (.cidr, .string(let text)), (.timestamp, .string(let text)), (.any, .string(let text)):
            return .string(text)
        case (.string, .number(let literal)), (.timestamp, .number(let literal)): return .string(literal)
        default: return nil
        }
    }

    private func number(_ node: SourceNode) -> Double? {
        node.numberLiteral.flatMap(Double.init)
    }

    private func timestamp(_ node: SourceNode) -> Timestamp? {
        node.string.flatMap { Timestamp(iso8601: $0) }
    }

    private func blocks(_ node: SourceNode, path: String) -> [CIDR]? {
        let items = node.items ?? [node]
        guard !items.isEmpty else {
            reader.error(at: node.offset, "'\(path)' must be a CIDR block or a non-empty list of them")
            return nil
        }
        var result: [CIDR] = []
        for item in items {
            guard let text = item.string else {
                reader.error(at: item.offset, "'\(path)' must be a CIDR block or a list of them, found \(item.kindDescription)")
                return nil
            }
            switch CIDRParser.parse(text) {
            case .success(let parsed): result.append(parsed.cidr)
            case .failure(let error):
                reader.error(at: item.offset, "'\(path)' holds an invalid CIDR block: \(error)")
                return nil
            }
        }
        return result
    }

    private func prefix(_ node: SourceNode, path: String) -> Comparison.Operand? {
        if let value = number(node) {
            guard let length = Int(exactly: value), (0...128).contains(length) else {
                reader.error(at: node.offset, "'\(path)' must be a prefix length between 0 and 128")
                return nil
            }
            return .prefix(ipv4: length, ipv6: length)
        }
        guard let view = reader.object(node, path: path) else { return nil }
        view.allowOnly(["ipv4", "ipv6"])
        let ipv4 = view.int("ipv4", range: 0...32)?.value
        let ipv6 = view.int("ipv6", range: 0...128)?.value
        if ipv4 == nil && ipv6 == nil {
            reader.error(at: node.offset, "'\(path)' must give ipv4, ipv6 or both")
            return nil
        }
        return .prefix(ipv4: ipv4, ipv6: ipv6)
    }

    // MARK: - Words

    static func article(_ type: AttributeType) -> String {
        switch type {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .cidr: return "a CIDR block"
        case .timestamp: return "a date-time"
        case .list: return "a list"
        case .any: return "a raw value"
        }
    }

    static func expected(_ type: AttributeType, plural: Bool = false) -> String {
        switch type {
        case .bool: return plural ? "booleans" : "true or false"
        case .number: return plural ? "numbers" : "a number"
        case .any: return plural ? "scalars" : "a string, number or boolean"
        default: return plural ? "strings" : "a string"
        }
    }

    static func firstLine(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid pattern"
    }
}
