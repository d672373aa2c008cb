import PolicyCheckModel
import PolicyCheckNetwork
import PolicyCheckSyntax

/// Compiles a custom rule's `select`, `assert` and `message` into an `AssertionCheck`, reporting every problem —
/// unknown keys, operators, kinds and attribute paths, type mismatches, invalid patterns and CIDRs — with its place.
struct AssertionCompiler {
    let reader: NodeReader

    static let combinators = ["all", "any", "not"]

    func compile(select: SourceNode?, selectPath: String, assert: SourceNode?, assertPath: String,
                 message: Located<String>?, ruleOffset: Int) -> AssertionCheck? {
        let before = reader.errorCount
        let selector = compileSelector(select, path: selectPath, ruleOffset: ruleOffset)
        let kind = selector?.kind
        let condition = assert.flatMap { node in kind.flatMap { compileCondition(node, path: assertPath, kind: $0) } }
        if let message, let kind { checkTemplate(message, kind: kind) }
        guard reader.errorCount == before, let selector, let condition else { return nil }
        return AssertionCheck(selector: selector, condition: condition, message: message.map { MessageTemplate($0.value) })
    }

    // MARK: - Selector

    private func compileSelector(_ node: SourceNode?, path: String, ruleOffset: Int) -> ResourceSelector? {
        guard let node else {
            reader.error(at: ruleOffset, "a rule with 'assert' needs 'select' to say which resources it judges")
            return nil
        }
        guard let view = reader.object(node, path: path) else { return nil }
        guard let resource = view.string("resource", required: true) else { return nil }
        guard let kind = ResourceKind(rawValue: resource.value) else {
            let names = ResourceKind.allCases.map(\.rawValue)
            reader.error(at: resource.origin.offset, "unknown resource kind '\(Excerpt.quote(resource.value))'; expected one of "
                         + names.joined(separator: ", ") + Suggestion.clause(for: resource.value, among: names))
            return nil
        }
        var selector = ResourceSelector(kind: kind)
        for format in view.strings("formats") {
            if let value = InputFormat(rawValue: format.value) {
                selector.formats.append(value)
            } else {
                let names = InputFormat.allCases.map(\.rawValue)
                reader.error(at: format.origin.offset, "unknown input format '\(Excerpt.quote(format.value))'"
                             + Suggestion.clause(for: format.value, among: names))
            }
        }
        var filters: [Condition] = []
        for entry in node.entries ?? [] where !ResourceSelector.keywords.contains(entry.key) {
            let entryPath = view.childPath(entry.key)
            guard let type = attributeType(entry.key, kind: kind, at: entry.keyOffset, extra: ResourceSelector.keywords) else { continue }
            let op: Comparison.Operator = entry.value.items != nil ? .in : .equals
            if let operand = compileOperand(op, entry.value, path: entryPath, attributePath: entry.key, type: type,
                                            allowed: kind.attribute(entry.key)?.values) {
                filters.append(.compare(Comparison(path: entry.key, op: op, operand: operand)))
            }
        }
        if let whereNode = view.value("where"),
           let condition = compileCondition(whereNode, path: view.childPath("where"), kind: kind) {
            filters.append(condition)
        }
        if !filters.isEmpty { selector.filter = filters.count == 1 ? filters[0] : .all(filters) }
        return selector
    }

    // MARK: - Conditions

    private func compileCondition(_ node: SourceNode, path: String, kind: ResourceKind) -> Condition? {
        guard let view = reader.object(node, path: path), let entries = node.entries else { return nil }
        if let combinator = entries.first(where: { Self.combinators.contains($0.key) }) {
            if entries.count > 1 {
                let other = entries.first { $0.key != combinator.key }!
                reader.error(at: other.keyOffset, "'\(combinator.key)' must be the only key of \(NodeReader.describe(path)); "
                             + "found '\(Excerpt.quote(other.key))' beside it")
                return nil
            }
            let childPath = view.childPath(combinator.key)
            if combinator.key == "not" {
                return compileCondition(combinator.value, path: childPath, kind: kind).map(Condition.not)
            }
            guard let items = combinator.value.items, !items.isEmpty else {
                reader.error(at: combinator.value.offset, "'\(childPath)' must be a non-empty list of conditions")
                return nil
            }
            let children = items.enumerated().compactMap { compileCondition($1, path: "\(childPath)[\($0)]", kind: kind) }
            guard children.count == items.count else { return nil }
            return combinator.key == "all" ? .all(children) : .any(children)
        }
        return compileComparison(view, kind: kind)
    }

    private func compileComparison(_ view: ObjectView, kind: ResourceKind) -> Condition? {
        let operators = Comparison.Operator.allCases.map(\.rawValue)
        view.allowOnly(["path"] + operators + Self.combinators)
        let used = (view.node.entries ?? []).filter { operators.contains($0.key) }
        guard let attributePath = view.string("path", required: true) else { return nil }
        guard let entry = used.first else {
            let allowed = ["path"] + operators + Self.combinators
            // An unknown key (already reported, with "did you mean") is most likely the operator, misspelt.
            if (view.node.entries ?? []).contains(where: { !allowed.contains($0.key) }) { return nil }
            reader.error(at: view.node.offset, "\(NodeReader.describe(view.path)) has no operator; expected one of "
                         + operators.joined(separator: ", "))
            return nil
        }
        if used.count > 1 {
            reader.error(at: used[1].keyOffset, "one operator per comparison ('\(entry.key)' and '\(used[1].key)'); combine comparisons with 'all'")
            return nil
        }
        guard let type = attributeType(attributePath.value, kind: kind, at: attributePath.origin.offset, extra: []) else { return nil }
        let op = Comparison.Operator(rawValue: entry.key)!
        guard let operand = compileOperand(op, entry.value, path: view.childPath(entry.key),
                                           attributePath: attributePath.value, type: type,
                                           allowed: kind.attribute(attributePath.value)?.values) else { return nil }
        return .compare(Comparison(path: attributePath.value, op: op, operand: operand))
    }

    /// The type of an attribute path of a kind; reports unknown paths with "did you mean".
    private func attributeType(_ path: String, kind: ResourceKind, at offset: Int, extra: [String]) -> AttributeType? {
        if path.hasPrefix("raw.") {
            guard kind.hasRawAttributes else {
                reader.error(at: offset, "\(kind.rawValue) resources have no raw attributes; use a normalised attribute")
                return nil
            }
            guard RawPath.parse(String(path.dropFirst(4))) != nil else {
                reader.error(at: offset, "malformed raw attribute path '\(Excerpt.quote(path))'; expected e.g. raw.engine or raw.tags[0].key")
                return nil
            }
            return .any
        }
        if let spec = kind.attribute(path) { return spec.type }
        let names = kind.attributes.map(\.path)
        reader.error(at: offset, "unknown attribute '\(Excerpt.quote(path))' for \(kind.rawValue) resources"
                     + Suggestion.clause(for: path, among: names + extra) + "; docs/policy-language.md lists them")
        return nil
    }

    // MARK: - Message

    private func checkTemplate(_ message: Located<String>, kind: ResourceKind) {
        for name in MessageTemplate(message.value).placeholders where !MessageTemplate.builtInPlaceholders.contains(name) {
            if name.hasPrefix("raw."), kind.hasRawAttributes, RawPath.parse(String(name.dropFirst(4))) != nil { continue }
            if kind.attribute(name) != nil { continue }
            let names = MessageTemplate.builtInPlaceholders + kind.attributes.map(\.path)
            reader.error(at: message.origin.offset, "unknown placeholder '{\(Excerpt.quote(name))}' in '\(message.origin.path)'"
                         + Suggestion.clause(for: name, among: names))
        }
    }
}
