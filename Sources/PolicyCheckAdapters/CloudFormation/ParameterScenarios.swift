/// The deployment scenarios of some properties: every combination of the values their parameters allow
/// (`AllowedValues`; a parameter without them may take any value and decides no condition), so properties that follow the same parameters are resolved together
/// (`IntrinsicResolver.assignment`) rather than each at its worst.
struct ParameterScenarios {
    /// Most scenarios listed; past it the properties are judged one by one, each at its worst.
    static let limit = 64

    struct Scenario {
        let resolver: IntrinsicResolver
        /// `KeySpec is 'RSA_2048'`: the parameters that take more than one value, and theirs.
        let description: String
    }

    let scenarios: [Scenario]

    /// The scenarios of the resource's properties `keys`, or `nil` when they follow no parameter that may take more
    /// than one value, a parameter's values are not listed, or there are more than `limit` scenarios.
    init?(_ context: ResourceContext, keys: [String]) {
        guard let properties = context.resource.properties?.value, properties.entries != nil else { return nil }
        let resolver = context.resolver
        var names: Set<String> = []
        for key in keys {
            if let node = properties[key] { names.formUnion(resolver.parameters(in: node)) }
        }
        var assignments: [[String: TemplateValue]] = [[:]]
        var varying: [String] = []
        for name in names.sorted() {
            guard let parameter = context.template.parameters[name] else { return nil }
            // A parameter without `AllowedValues` may take any value at deployment, its `Default` only one of them:
            // it is left out, so a condition on it stays undecided and both of its branches are judged.
            guard !parameter.allowedValues.isEmpty else { continue }
            let values = resolver.values(of: parameter)
            guard !values.isEmpty, values.allSatisfy({ $0.scalarText != nil }) else { return nil }
            guard assignments.count * values.count <= Self.limit else { return nil }
            if values.count > 1 { varying.append(name) }
            assignments = assignments.flatMap { partial in
                values.map { value in partial.merging([name: value]) { $1 } }
            }
        }
        guard !varying.isEmpty else { return nil }
        scenarios = assignments.map { assignment in
            var scoped = resolver
            scoped.assignment = assignment
            let description = varying.map { "\($0) is '\(assignment[$0]?.scalarText ?? "")'" }.joined(separator: " and ")
            return Scenario(resolver: scoped, description: description)
        }
    }
}
