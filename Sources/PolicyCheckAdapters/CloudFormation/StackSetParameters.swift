import PolicyCheckSyntax

/// The values a stack set deploys its body's parameters with, so a body is judged as its stack instances are
/// created rather than at its own defaults.
///
/// - A stack set's `Parameters` ("the input parameters for the stack set template", a list of `ParameterKey` and
///   `ParameterValue`) give a parameter its value; "if you don't specify a key and value for a particular parameter,
///   CloudFormation uses the default value that's specified in your template"
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html,
///   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudformation-stackset-parameter.html).
/// - Each `StackInstancesGroup[].ParameterOverrides` is "a list of stack set parameters whose values you want to
///   override in the selected stack instances"
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudformation-stackset-stackinstances.html):
///   another value the parameter may take, beside the stack set's (instances outside the group keep it).
///
/// Every value is an alternative, judged at its worst as a parameter's `AllowedValues` are. A value written as an
/// intrinsic function of the outer template (`!Ref` to its parameter, `!Sub`) is resolved there; one the outer
/// template does not decide makes the parameter unknown ("cannot be verified"), never its default.
struct StackSetParameters {
    /// The values each parameter is set to by the stack set's `Parameters`, and by the instance groups' overrides.
    private var set: [String: [Value]] = [:]
    private var overrides: [String: [Value]] = [:]
    /// Why a key is not known here: then any parameter may be set to anything.
    private var unknownKey: String?

    /// One value given to a parameter: a literal, or why it is not known here.
    private enum Value {
        case literal(SourceNode)
        case unknown(String)
    }

    /// What the stack set of `context` gives its body's parameters.
    init(_ context: ResourceContext) {
        let properties = context.resource.properties?.value
        let resolver = context.resolver
        var unknown: String?
        let lists = Self.lists(properties?["Parameters"], resolver: resolver, property: "Parameters", unknown: &unknown)
        let groups = Self.lists(properties?["StackInstancesGroup"], resolver: resolver, property: "StackInstancesGroup",
                                unknown: &unknown).joined()
        let overrideLists = groups.flatMap {
            Self.lists($0["ParameterOverrides"], resolver: resolver, property: "ParameterOverrides", unknown: &unknown)
        }
        unknownKey = unknown
        for list in lists { Self.read(list, into: &set, unknownKey: &unknownKey, resolver: resolver) }
        for list in overrideLists {
            Self.read(list, into: &overrides, unknownKey: &unknownKey, resolver: resolver)
        }
    }

    /// The body's parameters with what the stack set gives them.
    func apply(to parameters: inout [String: TemplateParameter]) {
        for name in parameters.keys {
            guard var parameter = parameters[name] else { continue }
            if let unknownKey {
                parameter.given = .unknown("parameter '\(parameter.name)' may be set by the stack set, whose \(unknownKey)")
                parameters[name] = parameter
                continue
            }
            let overridden = overrides[name] ?? []
            var values: [Value]
            if let given = set[name] {
                values = given
            } else if overridden.isEmpty {
                continue
            } else {
                // Instances outside the overriding groups take the body's own value.
                let own = parameter.allowedValues.isEmpty ? parameter.defaultValue.map { [$0] } ?? [] : parameter.allowedValues
                guard !own.isEmpty else {
                    parameter.given = .unknown("parameter '\(parameter.name)' has no Default; its value is chosen at deployment")
                    parameters[name] = parameter
                    continue
                }
                values = own.map(Value.literal)
            }
            values += overridden
            var literals: [SourceNode] = []
            var reason: String?
            for value in values {
                switch value {
                case .literal(let node): literals.append(node)
                case .unknown(let why): reason = reason ?? why
                }
            }
            if let reason {
                parameter.given = .unknown("parameter '\(parameter.name)' is given by the stack set a value not known here (\(reason))")
            } else {
                parameter.given = .values(literals)
            }
            parameters[name] = parameter
        }
    }

    /// The entries `{ParameterKey, ParameterValue}` of one list, resolved through the outer template.
    private static func read(_ entries: [SourceNode], into values: inout [String: [Value]], unknownKey: inout String?,
                             resolver: IntrinsicResolver) {
        for entry in entries {
            let keys = entry["ParameterKey"].map { resolver.resolve($0) } ?? [.absent]
            guard keys.count == 1, let key = keys[0].scalarText else {
                unknownKey = unknownKey ?? "ParameterKey is not known here (\(keys.first?.unknownReason(expected: "a parameter name") ?? "it is not set"))"
                continue
            }
            guard let node = entry["ParameterValue"] else {
                values[key, default: []].append(.unknown("its ParameterValue is not set"))
                continue
            }
            for value in resolver.resolve(node) {
                if let text = value.scalarText {
                    values[key, default: []].append(.literal(SourceNode(.string(text), offset: node.offset)))
                } else {
                    values[key, default: []].append(.unknown(value.unknownReason(expected: "a parameter value")))
                }
            }
        }
    }

    /// The items of every list a property may be (an `!If` of two lists is both); none when it is absent. A value
    /// that is not a list sets `unknown`: it may name any parameter.
    private static func lists(_ node: SourceNode?, resolver: IntrinsicResolver, property: String,
                              unknown: inout String?) -> [[SourceNode]] {
        guard let node else { return [] }
        var lists: [[SourceNode]] = []
        for value in resolver.resolve(node) {
            switch value {
            case .absent: continue
            case .sequence(let list): lists.append(list.items ?? [])
            default: unknown = unknown ?? "\(property) is not known here (\(value.unknownReason(expected: "a list")))"
            }
        }
        return lists
    }
}
