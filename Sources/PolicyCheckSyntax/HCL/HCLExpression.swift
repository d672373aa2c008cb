/// One HCL expression and the byte offset where it starts.
public struct HCLExpression: Sendable {
    public var kind: Kind
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// Every expression form of the native syntax.
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number as written (no precision lost).
        case number(String)
        /// A quoted string or heredoc; a template without interpolation or directive is one literal part.
        case template([HCLTemplatePart])
        /// A root name: `var`, `aws_s3_bucket`, a `for` variable.
        case variable(String)
        case attribute(HCLExpression, name: String)
        case index(HCLExpression, key: HCLExpression)
        /// `source[*].steps` (full) or `source.*.steps` (attribute-only); `steps` apply to each element.
        case splat(HCLExpression, steps: [HCLTraversalStep], full: Bool)
        case call(name: String, arguments: [HCLExpression], expandsFinal: Bool)
        case tuple([HCLExpression])
        /// Keys are expressions: a bare identifier key is a string template of one literal.
        case object([HCLObjectItem])
        case unary(HCLUnaryOperator, HCLExpression)
        case binary(HCLBinaryOperator, HCLExpression, HCLExpression)
        case conditional(HCLExpression, then: HCLExpression, else: HCLExpression)
        case forExpression(HCLForExpression)
        case parenthesis(HCLExpression)
    }
}

/// A step after a splat, applied to every element.
public enum HCLTraversalStep: Sendable {
    case attribute(String, offset: Int)
    case index(HCLExpression)
}

/// `key = value` or `key: value` in an object constructor.
public struct HCLObjectItem: Sendable {
    public var key: HCLExpression
    public var value: HCLExpression
    /// Whether the key was a bare identifier (a literal name, never a variable).
    public var keyIsName: Bool

    public init(key: HCLExpression, value: HCLExpression, keyIsName: Bool) {
        self.key = key
        self.value = value
        self.keyIsName = keyIsName
    }
}

/// `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`.
public struct HCLForExpression: Sendable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    /// The key expression: present exactly for object results.
    public var key: HCLExpression?
    public var value: HCLExpression
    public var condition: HCLExpression?
    /// `...` after the value: values with the same key are grouped into lists.
    public var grouping: Bool

    public init(keyVariable: String?, valueVariable: String, collection: HCLExpression, key: HCLExpression?,
                value: HCLExpression, condition: HCLExpression?, grouping: Bool) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.key = key
        self.value = value
        self.condition = condition
        self.grouping = grouping
    }
}

/// One part of a string template.
public enum HCLTemplatePart: Sendable {
    case literal(String, offset: Int)
    case interpolation(HCLExpression)
    /// `%{ if c }…%{ else }…%{ endif }`.
    case conditional(HCLExpression, then: [HCLTemplatePart], else: [HCLTemplatePart], offset: Int)
    /// `%{ for k, v in coll }…%{ endfor }`.
    case loop(key: String?, value: String, collection: HCLExpression, body: [HCLTemplatePart], offset: Int)
}

public enum HCLUnaryOperator: String, Sendable {
    case negate = "-"
    case not = "!"
}

/// Binary operators, with HCL's precedence (higher binds tighter).
public enum HCLBinaryOperator: String, Sendable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"

    /// 1 (`||`) to 6 (`*`, `/`, `%`), as the HCL native syntax specification orders them.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .greater, .greaterOrEqual, .less, .lessOrEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}

extension HCLExpression {
    /// The text of a template made of literals only (a plain quoted string), else `nil`.
    public var literalText: String? {
        guard case .template(let parts) = kind else { return nil }
        var text = ""
        for part in parts {
            guard case .literal(let piece, _) = part else { return nil }
            text += piece
        }
        return text
    }

    /// The dotted spelling of a plain traversal (`aws_kms_key.data.arn`, `var.x`, `a.b[0]`), else `nil`.
    public var traversalText: String? {
        switch kind {
        case .variable(let name): return name
        case .attribute(let base, let name): return base.traversalText.map { "\($0).\(name)" }
        case .index(let base, let key):
            guard let prefix = base.traversalText else { return nil }
            if case .number(let number) = key.kind { return "\(prefix)[\(number)]" }
            if let text = key.literalText { return "\(prefix)[\"\(text)\"]" }
            return nil
        default: return nil
        }
    }
}
