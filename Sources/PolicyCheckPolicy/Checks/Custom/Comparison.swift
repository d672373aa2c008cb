import PolicyCheckModel
import PolicyCheckNetwork

/// One comparison of a custom rule: an attribute path, an operator and its operand, compiled once per run.
public struct Comparison: Sendable {
    /// The operators a comparison may use.
    public enum Operator: String, Sendable, CaseIterable {
        case equals, notEquals, `in`, notIn, exists, absent, matches, greaterThan, lessThan, lengthAtMost, lengthAtLeast
        case contains, cidrWithin, cidrOverlaps, prefixAtLeast
    }

    /// An operand, already parsed and checked against the attribute's type.
    public enum Operand: Sendable {
        case value(AttributeValue)
        case values(OperandValues)
        case presence(Bool)
        case pattern(CompiledPattern)
        case number(Double)
        case timestamp(Timestamp)
        case count(Int)
        case blocks(CIDRBlockIndex)
        case prefix(ipv4: Int?, ipv6: Int?)
    }

    /// Three-valued truth: values unknown until apply make a comparison undecidable.
    public enum Truth: Sendable, Equatable {
        case yes, no
        case unknown(String)
    }

    public var path: String
    public var op: Operator
    public var operand: Operand

    /// Whether the attribute satisfies the comparison.
    public func test(_ attribute: Attribute?) -> Truth {
        switch op {
        case .exists, .absent:
            guard case .presence(let wanted) = operand else { return .no }
            let present = attribute != nil
            return (op == .exists ? present == wanted : present != wanted) ? .yes : .no
        default:
            break
        }
        guard let attribute else { return op == .notEquals || op == .notIn ? .yes : .no }
        guard case .known(let value) = attribute.value else {
            if case .unknown(let reason) = attribute.value { return .unknown(reason) }
            return .no
        }
        return test(value) ? .yes : .no
    }

    private func test(_ value: AttributeValue) -> Bool {
        switch (op, operand) {
        case (.equals, .value(let expected)): return Self.equal(value, expected)
        case (.notEquals, .value(let expected)): return !Self.equal(value, expected)
        case (.in, .values(let options)): return options.contains(value)
        case (.notIn, .values(let options)): return !options.contains(value)
        case (.matches, .pattern(let pattern)): return Self.text(value).map(pattern.matches) ?? false
        case (.greaterThan, .number(let limit)): return Self.number(value).map { $0 > limit } ?? false
        case (.lessThan, .number(let limit)): return Self.number(value).map { $0 < limit } ?? false
        case (.greaterThan, .timestamp(let limit)): return Self.timestamp(value).map { $0 > limit } ?? false
        case (.lessThan, .timestamp(let limit)): return Self.timestamp(value).map { $0 < limit } ?? false
        case (.lengthAtMost, .count(let limit)): return Self.length(value).map { $0 <= limit } ?? false
        case (.lengthAtLeast, .count(let limit)): return Self.length(value).map { $0 >= limit } ?? false
        case (.contains, .value(let needle)):
            if case .list(let items) = value { return items.contains { Self.equal($0, needle) } }
            if case .string(let text) = value { return text.contains(needle.text) }
            return false
        case (.cidrWithin, .blocks(let blocks)):
            guard let cidr = Self.cidr(value) else { return false }
            return blocks.someBlockContains(cidr)
        case (.cidrOverlaps, .blocks(let blocks)):
            guard let cidr = Self.cidr(value) else { return false }
            return blocks.someBlockOverlaps(cidr)
        case (.prefixAtLeast, .prefix(let ipv4, let ipv6)):
            guard let cidr = Self.cidr(value) else { return false }
            guard let limit = cidr.version == .v4 ? ipv4 : ipv6 else { return true }
            return cidr.prefixLength >= limit
        default:
            return false
        }
    }

    // MARK: - Value helpers

    /// Equality that lets a number written unquoted in a pack (`111122223333`) equal the same digits as text.
    static func equal(_ lhs: AttributeValue, _ rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let text), .number(let number)), (.number(let number), .string(let text)):
            return Double(text) == number
        default:
            return lhs == rhs
        }
    }

    static func text(_ value: AttributeValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number, .bool: return value.text
        case .list, .mapping: return nil
        }
    }

    static func number(_ value: AttributeValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    static func timestamp(_ value: AttributeValue) -> Timestamp? {
        if case .string(let text) = value { return Timestamp(iso8601: text) }
        return nil
    }

    static func length(_ value: AttributeValue) -> Int? {
        switch value {
        case .string(let text): return text.count
        case .list(let items): return items.count
        default: return nil
        }
    }

    static func cidr(_ value: AttributeValue) -> CIDR? {
        guard case .string(let text) = value, case .success(let parsed) = CIDRParser.parse(text) else { return nil }
        return parsed.cidr
    }
}

/// A compiled regular expression (searched, not anchored: write `^…$` to match a whole value), matched in time
/// linear in the text by `PatternMachine`. Swift's `Regex` still parses it first, so syntax errors read as they
/// always did; features that need backtracking, and nested quantifiers, are refused when the pack is compiled.
public struct CompiledPattern: Sendable {
    private let machine: PatternMachine
    public let source: String

    /// Why a pattern cannot be used, as one line.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ source: String) throws {
        _ = try Regex(source)
        let node: PatternNode
        do {
            node = try PatternParser.parse(source)
        } catch {
            throw Refusal(description: "\(error.message); policycheck matches patterns in linear time, without backtracking")
        }
        if node.nestedQuantifier {
            throw Refusal(description: "it repeats a repeated group (like '(A+)+'), which backtracking engines take "
                          + "exponential time on; repeat the inner item once (e.g. 'A+')")
        }
        do {
            machine = try PatternMachine(node)
        } catch {
            throw Refusal(description: "its counted repetitions expand to more than \(PatternMachine.maxInstructions) steps")
        }
        self.source = source
    }

    public func matches(_ text: String) -> Bool {
        machine.matches(text)
    }
}
