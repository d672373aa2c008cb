import PolicyCheckModel
import PolicyCheckSyntax

/// A value of a normalised attribute (or of a raw source attribute) as custom rules compare it.
public enum AttributeValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([AttributeValue])
    /// A mapping (only raw attributes): it exists, but compares equal to nothing.
    case mapping

    /// How the value reads in a message: strings quoted, numbers without a needless `.0`.
    /// At most this many items of a list are spelt in a message: a rule failing on each of 10,000 entries of a
    /// Service printed the Service's 10,000-item list in each message (1.7 GB).
    public static let shownItems = 16

    public var display: String {
        switch self {
        case .string(let text): return "'\(Excerpt.quote(text))'"
        case .number(let number): return Self.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .list(let items):
            let more = items.count > Self.shownItems ? ", … (\(items.count) items)" : ""
            return "[" + items.prefix(Self.shownItems).map(\.display).joined(separator: ", ") + more + "]"
        case .mapping: return "a mapping"
        }
    }

    /// The value as plain text for `{placeholders}`: strings unquoted.
    public var text: String {
        if case .string(let text) = self { return text }
        return display
    }

    static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A raw source node as a value; `nil` for `null`.
    init?(_ node: SourceNode) {
        switch node.value {
        case .null: return nil
        case .bool(let flag): self = .bool(flag)
        case .number(let literal): self = Double(literal).map(AttributeValue.number) ?? .string(literal)
        case .string(let text): self = .string(text)
        case .sequence(let items): self = .list(items.compactMap(AttributeValue.init))
        case .mapping: self = .mapping
        }
    }
}

/// The type of an attribute, for `policy lint`'s type checks.
public enum AttributeType: String, Sendable, CaseIterable {
    case string, number, bool, cidr, timestamp, list
    /// Raw source attributes: their type is whatever the input holds.
    case any
}

/// One attribute of one resource: its value (possibly unknown until apply) and where it was written.
public struct Attribute: Sendable {
    public var value: Fact<AttributeValue>
    /// Where the value is written; `nil` for derived values with no place of their own.
    public var origin: Origin?

    public init(_ value: Fact<AttributeValue>, at origin: Origin?) {
        self.value = value
        self.origin = origin
    }

    static func string(_ located: Located<String>?) -> Attribute? {
        located.map { Attribute(.known(.string($0.value)), at: $0.origin) }
    }

    static func string(_ located: Located<Fact<String>>?) -> Attribute? {
        located.map { Attribute(fact($0.value, AttributeValue.string), at: $0.origin) }
    }

    static func bool(_ located: Located<Bool>?) -> Attribute? {
        located.map { Attribute(.known(.bool($0.value)), at: $0.origin) }
    }

    static func bool(_ located: Located<Fact<Bool>>?) -> Attribute? {
        located.map { Attribute(fact($0.value, AttributeValue.bool), at: $0.origin) }
    }

    static func number(_ located: Located<Int>?) -> Attribute? {
        located.map { Attribute(.known(.number(Double($0.value))), at: $0.origin) }
    }

    static func fact<T>(_ fact: Fact<T>, _ wrap: (T) -> AttributeValue) -> Fact<AttributeValue> {
        switch fact {
        case .known(let value): return .known(wrap(value))
        case .unknown(let reason): return .unknown(reason: reason)
        }
    }
}
