import PolicyCheckSyntax

/// Parses the inline ignores that adapters read from documents: Kubernetes `policycheck.io/ignore` annotations and
/// CloudFormation `Metadata.policycheck.ignore` lists. Adapters call these and store the result in
/// `Deployment.inlineIgnores`; problems are located errors, like any other input error.
public enum InlineIgnoreParser {
    /// The Kubernetes annotation key.
    public static let annotation = "policycheck.io/ignore"

    /// Why an ignore is malformed (a clause completing "the ignore …").
    public struct Problem: Error, Sendable, Hashable {
        public var message: String
    }

    /// `RULE-ID[,RULE-ID…] reason`: the rule ids (comma-separated, blanks after commas allowed) and the reason,
    /// which is required.
    public static func rulesAndReason(_ text: String) -> Result<([String], String), Problem> {
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        var rules: [String] = []
        while true {
            let token = rest.prefix { $0 != " " && $0 != "\t" }
            rest = rest.dropFirst(token.count).drop { $0 == " " || $0 == "\t" }
            rules += token.split(separator: ",").map(String.init)
            // "A, B reason": a token ending in a comma continues the list.
            guard token.hasSuffix(","), !rest.isEmpty else { break }
        }
        guard !rules.isEmpty else { return .failure(Problem(message: "names no rule id; write 'RULE-ID reason'")) }
        let reason = rest.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else {
            return .failure(Problem(message: "has no reason after '\(rules.joined(separator: ","))'; a reason is required"))
        }
        return .success((rules, reason))
    }

    /// A Kubernetes annotation value: `RULE reason; RULE2 reason`.
    public static func annotationValue(_ value: String) -> Result<[([String], String)], Problem> {
        var result: [([String], String)] = []
        for clause in value.split(separator: ";") where !clause.allSatisfy(\.isWhitespace) {
            switch rulesAndReason(String(clause)) {
            case .success(let item): result.append(item)
            case .failure(let problem): return .failure(problem)
            }
        }
        guard !result.isEmpty else { return .failure(Problem(message: "is empty; write 'RULE-ID reason'")) }
        return .success(result)
    }

    /// The ignores of a Kubernetes object's `policycheck.io/ignore` annotation, for `component`.
    public static func kubernetesAnnotation(_ value: Located<String>, component: String) -> Result<[InlineIgnore], Problem> {
        annotationValue(value.value).map { items in
            items.map { InlineIgnore(component: component, rules: $0.0, reason: $0.1, origin: value.origin, kind: .kubernetesAnnotation) }
        }
    }

    /// The ignores under a CloudFormation resource's `Metadata` (`policycheck: {ignore: [...]}`): each item is
    /// `{rule: ID | [IDs], reason: TEXT}` or a `"RULE-ID reason"` string. Problems go to `reader`.
    public static func cloudFormationMetadata(_ metadata: ObjectView, component: String, reader: NodeReader) -> [InlineIgnore] {
        guard let policycheck = metadata.object("policycheck") else { return [] }
        policycheck.allowOnly(["ignore"])
        guard let items = policycheck.list("ignore") else { return [] }
        var ignores: [InlineIgnore] = []
        for (node, path) in items {
            let origin = Origin(offset: node.offset, path: path)
            if let text = node.string {
                switch rulesAndReason(text) {
                case .success(let (rules, reason)):
                    ignores.append(InlineIgnore(component: component, rules: rules, reason: reason, origin: origin, kind: .cloudFormationMetadata))
                case .failure(let problem):
                    reader.error(at: node.offset, "'\(path)' \(problem.message)")
                }
                continue
            }
            guard let item = reader.object(node, path: path) else { continue }
            item.allowOnly(["rule", "rules", "reason"])
            let rules = (item.string("rule").map { [$0.value] } ?? []) + item.strings("rules").map(\.value)
            if rules.isEmpty { reader.error(at: node.offset, "missing required field 'rule' in '\(path)'") }
            let reason = item.string("reason", required: true)?.value.trimmingCharacters(in: .whitespaces)
            if reason?.isEmpty == true { reader.error(at: item.origin(of: "reason").offset, "'\(path).reason' must not be blank") }
            if let reason, !reason.isEmpty, !rules.isEmpty {
                ignores.append(InlineIgnore(component: component, rules: rules, reason: reason, origin: origin, kind: .cloudFormationMetadata))
            }
        }
        return ignores
    }
}
