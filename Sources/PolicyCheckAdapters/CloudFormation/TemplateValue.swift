import PolicyCheckSyntax

/// One value a template expression may take once intrinsic functions are resolved.
///
/// An expression resolves to one or more alternatives: a parameter with `AllowedValues` or an `!If` has several,
/// and the mappers judge the worst of them for their rule.
enum TemplateValue {
    case string(String)
    case bool(Bool)
    /// A number, as written.
    case number(String)
    /// A plain mapping, read further by the mappers.
    case mapping(SourceNode)
    /// A plain list (or one built by `!Split` or a list parameter).
    case sequence(SourceNode)
    /// A `Ref` or `!GetAtt` to a resource of the same template: its value exists only once the stack does.
    case resource(logicalID: String, type: String, attribute: String?)
    /// Not knowable from the template. `text` keeps what is known of a string, with `${…}` for the unknown parts
    /// (`arn:aws:kms:eu-west-1:${AWS::AccountId}:key/…`), so literal regions inside it still count.
    case unknown(reason: String, text: String?)
    /// `AWS::NoValue`, `null`, or a property that is not there.
    case absent

    /// The text of a string, number or boolean scalar.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }

    /// Why the value is not a known scalar, for `Fact.unknown`.
    func unknownReason(expected: String) -> String {
        switch self {
        case .unknown(let reason, _): return reason
        case .resource(let id, let type, let attribute):
            let what = attribute.map { "attribute \($0) of" } ?? "a reference to"
            return "it is \(what) resource '\(id)' (\(type)), known only after deployment"
        case .mapping: return "it is a mapping, not \(expected)"
        case .sequence: return "it is a list, not \(expected)"
        case .absent: return "it is not set"
        case .string(let text), .number(let text): return "'\(Excerpt.quote(text))' is not \(expected)"
        case .bool(let flag): return "\(flag) is not \(expected)"
        }
    }
}
