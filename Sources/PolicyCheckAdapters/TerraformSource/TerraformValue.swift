import Foundation
import PolicyCheckSyntax

/// A value of evaluated Terraform source, with the offset (in the module's combined source) of the expression
/// that decided it, so a finding about the value points at the `.tf` line that set it.
struct TerraformValue: Sendable {
    var kind: Kind
    var offset: Int
    /// Read from a resource: its shape is the provider's schema, not what the configuration wrote, so an attribute
    /// the configuration leaves out (or sets to null) may be computed — unknown, not missing. Inherited by what
    /// is read from it.
    var isOpen = false
    /// For an unknown JSON text: the value it encodes, unknowns inside (`jsonencode` of a policy whose `Resource` is a
    /// bucket's ARN, an `aws_iam_policy_document` of such statements). Terraform knows the text only after apply,
    /// but what its known parts say is decided now: a policy's effects, principals, actions and conditions.
    var encodedDocument: EncodedDocument?

    final class EncodedDocument: Sendable {
        let value: TerraformValue
        init(_ value: TerraformValue) { self.value = value }
    }

    /// For an unknown value that is a managed resource's own ARN (`aws_s3_bucket.logs.arn`), or a template that
    /// starts with it and goes on in known text (`"${aws_s3_bucket.logs.arn}/*"`): whose ARN, and the text after it.
    /// Terraform knows the text only after apply, but which objects it names is decided now — a bucket policy's
    /// resources are almost always written so. Kept only while the value is passed on unchanged (a local, a list,
    /// `concat`); any function or operator applied to it gives a plain unknown.
    var arnForm: ARNForm?

    final class ARNForm: Sendable {
        /// The resource's plan address (`module.logs.aws_s3_bucket.this[0]`).
        let address: String
        /// The known text after the ARN (`/*`), empty for the ARN alone.
        let suffix: String
        init(address: String, suffix: String) {
            self.address = address
            self.suffix = suffix
        }
    }

    /// Which of Terraform's collection types a list or object value has, where the evaluator knows it (a literal,
    /// a typed variable, `tolist`…): `==` is false between different types (`list(string)` and the empty tuple
    /// `[]`), and cannot be decided where a type is not known.
    var collection: CollectionType = .untold

    enum CollectionType: UInt8, Sendable {
        case untold, tuple, list, set, object, map
    }

    init(_ kind: Kind, at offset: Int) {
        // Terraform's values (cty) hold strings in Unicode normal form C: `"e\u0301"` is `"é"`, to `strcontains`,
        // `length` and comparisons alike (https://github.com/zclconf/go-cty/blob/main/docs/types.md, "String").
        if case .string(let text) = kind, !text.utf8.allSatisfy({ $0 < 0x80 }) {
            self.kind = .string(text.precomposedStringWithCanonicalMapping)
        } else {
            self.kind = kind
        }
        self.offset = offset
    }

    indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        /// Lists, tuples and sets (sets are deduplicated and, for strings, sorted as Terraform orders them).
        case list([TerraformValue])
        /// Objects and maps; Terraform iterates and serialises them in key order.
        case object([String: TerraformValue])
        /// A managed resource instance as a reference sees it: the attributes its configuration sets; any other
        /// attribute is computed by the provider and unknown until apply.
        case resource(address: String, attributes: [String: TerraformValue])
        /// Not knowable before apply; the reason names what it comes from.
        case unknown(String)
    }

    static func unknown(_ reason: String, at offset: Int) -> TerraformValue { TerraformValue(.unknown(reason), at: offset) }
    static func string(_ text: String, at offset: Int) -> TerraformValue { TerraformValue(.string(text), at: offset) }

    /// The value as read from a resource (see `isOpen`).
    var opened: TerraformValue {
        var copy = self
        copy.isOpen = true
        return copy
    }

    var isUnknown: Bool { if case .unknown = kind { return true }; return false }

    /// The value without its `arnForm`: what reading into it (an attribute, an index) gives.
    var withoutARNForm: TerraformValue {
        guard arnForm != nil else { return self }
        var copy = self
        copy.arnForm = nil
        return copy
    }
    var isNull: Bool { if case .null = kind { return true }; return false }

    /// The reason of an unknown value.
    var unknownReason: String? { if case .unknown(let reason) = kind { return reason }; return nil }

    /// Whether the value is unknown or holds an unknown anywhere inside.
    var containsUnknown: Bool {
        switch kind {
        case .unknown: return true
        case .list(let items): return items.contains { $0.containsUnknown }
        case .object(let members): return members.values.contains { $0.containsUnknown }
        default: return false
        }
    }

    /// The first unknown inside (for the reason a result built from it is unknown).
    var firstUnknown: TerraformValue? {
        switch kind {
        case .unknown: return self
        case .list(let items): return items.lazy.compactMap(\.firstUnknown).first
        case .object(let members): return members.keys.sorted().lazy.compactMap { members[$0]!.firstUnknown }.first
        default: return nil
        }
    }

    /// Members of an object in key order.
    var sortedMembers: [(key: String, value: TerraformValue)]? {
        guard case .object(let members) = kind else { return nil }
        return members.keys.sorted().map { ($0, members[$0]!) }
    }

    var items: [TerraformValue]? { if case .list(let items) = kind { return items }; return nil }

    /// The value as a string the way Terraform converts primitives (numbers without a needless `.0`).
    var stringValue: String? {
        switch kind {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return Self.format(number)
        default: return nil
        }
    }

    var numberValue: Double? {
        switch kind {
        case .number(let number): return number
        case .string(let text): return Self.number(text)
        default: return nil
        }
    }

    /// A string that converts to a number the 64-bit value does not hold exactly (`"18014398509481985"`), with the
    /// reason a result computed from it is unknown; nil otherwise.
    var inexactNumberReason: String? {
        guard case .string(let text) = kind, Self.isNumberText(text),
              TerraformNumber.literal(text) == nil else { return nil }
        return TerraformNumber.unheldReason("the string \"\(Excerpt.quote(text))\" as a number", text: text)
    }

    /// Whether a string is a number to go-cty — one the 64-bit value holds or not (`"1e400"`). Not one with spaces
    /// around it: go-cty's big-float parse refuses `" 1"` (`tonumber(" 1")` is an error in Terraform).
    static func isNumberText(_ text: String) -> Bool {
        let trimmed = text
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x45 || $0 == 0x65 }) else { return false }
        return Double(trimmed) != nil
    }

    /// A string converted to a number as go-cty converts one (decimal digits, a sign, a point, an exponent — not
    /// Swift's `0x10`, `nan` or `inf`).
    static func number(_ text: String) -> Double? {
        guard isNumberText(text) else { return nil }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A bool, or a string converted to one as go-cty converts it wherever a bool is expected: "true" and "1" are
    /// true, "false" and "0" false (https://github.com/zclconf/go-cty/blob/main/cty/convert/primitive.go).
    var boolValue: Bool? {
        switch kind {
        case .bool(let flag): return flag
        case .string("true"), .string("1"): return true
        case .string("false"), .string("0"): return false
        default: return nil
        }
    }

    /// A number as Terraform prints it: whole numbers without a fraction, negative zero as "-0" (go-cty's big
    /// floats keep zero's sign as IEEE arithmetic does: `-0`, `0 * -1`).
    static func format(_ number: Double) -> String {
        if number == 0 && number.sign == .minus { return "-0" }
        if number.rounded() == number && abs(number) < 1e15 { return String(Int64(number)) }
        if number.rounded() == number && number.isFinite { return TerraformNumber.wholeText(number) }
        return TerraformNumber.fixedText(String(number))
    }

    /// A short name of the value's type, for messages.
    var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .object: return "object"
        case .resource: return "resource"
        case .unknown: return "unknown value"
        }
    }

    /// The value with a collection type set.
    func typed(_ type: CollectionType) -> TerraformValue {
        var copy = self
        copy.collection = type
        return copy
    }

    /// The value with no collection type told, inside as well: what a conditional gives, as Terraform unifies its
    /// two results' types (`c ? [] : var.names` is a `list(string)` when it gives the `[]`).
    var untyped: TerraformValue {
        var copy = self
        copy.collection = .untold
        switch kind {
        case .list(let items): copy.kind = .list(items.map(\.untyped))
        case .object(let members): copy.kind = .object(members.mapValues(\.untyped))
        default: break
        }
        return copy
    }

    /// Terraform's `==`: values of different types are never equal (https://developer.hashicorp.com/terraform/language/expressions/operators#equality-operators);
    /// nil when the types cannot be told (a collection whose type the evaluator does not know, a resource).
    /// Unknowns are never equal: the caller checks for them first.
    func typedEquals(_ other: TerraformValue) -> Bool? {
        switch (kind, other.kind) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            // Lists, tuples and sets of different lengths are unequal whatever their types.
            guard a.count == b.count else { return false }
            guard let same = sameCollectionType(other) else { return nil }
            guard same else { return false }
            // Empty lists, sets or maps are equal only if their element types are, which is not told.
            if a.isEmpty { return collection == .tuple ? true : nil }
            return Self.all(zip(a, b).map { $0.typedEquals($1) })
        case (.object(let a), .object(let b)):
            guard a.count == b.count, a.keys.allSatisfy({ b[$0] != nil }) else { return false }
            guard let same = sameCollectionType(other) else { return nil }
            guard same else { return false }
            if a.isEmpty { return collection == .object ? true : nil }
            return Self.all(a.keys.sorted().map { a[$0]!.typedEquals(b[$0]!) })
        case (.resource, _), (_, .resource): return nil
        default: return false
        }
    }

    /// Structural equality, for elements of one collection (whose types Terraform has made the same): `contains`,
    /// `index`, set operations. Unknowns are never equal: the caller checks for them first.
    func equals(_ other: TerraformValue) -> Bool {
        switch (kind, other.kind) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.equals($1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.equals($0) } ?? false }
        default: return false
        }
    }

    /// Whether two collections' types are the same kind; nil when either is not told.
    private func sameCollectionType(_ other: TerraformValue) -> Bool? {
        guard !isOpen, !other.isOpen, collection != .untold, other.collection != .untold else { return nil }
        return collection == other.collection
    }

    /// False if any is false, else nil if any is nil, else true.
    private static func all(_ results: [Bool?]) -> Bool? {
        if results.contains(false) { return false }
        return results.contains(nil) ? nil : true
    }
}

import Foundation
