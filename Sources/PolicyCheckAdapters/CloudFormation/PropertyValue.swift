import PolicyCheckModel
import PolicyCheckSyntax

/// A property as the mappers read it: its path, where it is written (or where it belongs when absent), and every
/// value it may take once intrinsic functions are resolved.
///
/// Paths are logical (`Resources.DB.Properties.KmsKeyId`): the same for the YAML short form and the JSON long form,
/// and without the `Fn::If` wrappers a value may sit in.
struct PropertyValue {
    let path: String
    /// The value's byte offset, or the closest enclosing field's when the property is absent.
    let offset: Int
    let alternatives: [TemplateValue]
    let resolver: IntrinsicResolver

    var origin: Origin { Origin(offset: offset, path: path) }

    /// The property's own name, the last step of its path (`StorageEncrypted`).
    var name: String { path.split(separator: ".").last.map(String.init) ?? path }

    /// Whether every alternative is absent (the property is not set).
    var isAbsent: Bool { alternatives.allSatisfy(\.isAbsent) }

    /// Every value the property may take, an absent one when there is none.
    var possibleValues: [TemplateValue] { alternatives.isEmpty ? [.absent] : alternatives }

    /// Each value the property may take, on its own (an `!If`'s branches apart), at the property's path and place.
    var eachAlternative: [PropertyValue] {
        possibleValues.map { PropertyValue(path: path, offset: offset, alternatives: [$0], resolver: resolver) }
    }

    /// The values it may take when it is present at all (itself when it is never anything else).
    var present: PropertyValue {
        let given = alternatives.filter { !$0.isAbsent }
        guard !given.isEmpty, given.count < alternatives.count else { return self }
        return PropertyValue(path: path, offset: offset, alternatives: given, resolver: resolver)
    }

    /// The property under `key`, through every alternative that is a mapping.
    func child(_ key: String) -> PropertyValue {
        var offset: Int?
        var values: [TemplateValue] = []
        for alternative in alternatives {
            switch alternative {
            case .mapping(let node):
                if let value = node[key] {
                    offset = offset ?? value.offset
                    values += resolver.resolve(value)
                } else {
                    values.append(.absent)
                }
            case .absent:
                values.append(.absent)
            default:
                values.append(.unknown(reason: alternative.unknownReason(expected: "a mapping"), text: nil))
            }
        }
        return PropertyValue(path: "\(path).\(key)", offset: offset ?? self.offset,
                             alternatives: IntrinsicResolver.limited(values), resolver: resolver)
    }

    /// A nested property, e.g. `child("ResourcesVpcConfig", "PublicAccessCidrs")`.
    func child(_ keys: String...) -> PropertyValue {
        keys.reduce(self) { $0.child($1) }
    }

    /// The items of a list, through every alternative (an `!If` between two lists yields the items of both).
    /// Absent items (`AWS::NoValue`) are left out; a value that is not a list yields one unknown item.
    func items() -> [PropertyValue] {
        var result: [PropertyValue] = []
        for alternative in alternatives {
            switch alternative {
            case .sequence(let node):
                for (index, item) in (node.items ?? []).enumerated() {
                    let values = resolver.resolve(item)
                    if values.allSatisfy(\.isAbsent) { continue }
                    result.append(PropertyValue(path: "\(path)[\(index)]", offset: item.offset, alternatives: values,
                                                resolver: resolver))
                }
            case .absent:
                continue
            default:
                let reason = alternative.unknownReason(expected: "a list")
                result.append(PropertyValue(path: path, offset: offset,
                                            alternatives: [.unknown(reason: reason, text: nil)], resolver: resolver))
            }
        }
        return result
    }

    // MARK: - Scalars

    /// A boolean, judged at its worst: when any alternative is `worse`, that is the value. `absentMeans` is the
    /// property's default (absent alternatives are left out without one). `nil` when no alternative is stated.
    func bool(worse: Bool, absentMeans: Bool? = nil) -> Located<Fact<Bool>>? {
        let facts = booleans(absentMeans: absentMeans)
        guard !facts.isEmpty else { return nil }
        if facts.contains(.known(worse)) { return Located(.known(worse), at: origin) }
        if let unknown = facts.first(where: { $0.known == nil }) { return Located(unknown, at: origin) }
        return Located(.known(!worse), at: origin)
    }

    /// Why `bool(worse:absentMeans:)` is `worse` when not every value the property may take is: the parameters
    /// it follows (through `!Ref`, the conditions of `!If`s and `!Sub`), for a finding's message, which would
    /// otherwise read as if the template set it. `nil` when every value is `worse`, or none is.
    func worstCaseNote(worse: Bool, absentMeans: Bool? = nil) -> String? {
        let facts = booleans(absentMeans: absentMeans)
        guard facts.contains(.known(worse)), facts.contains(where: { $0 != .known(worse) }) else { return nil }
        // Only a branch that leaves it out makes it the worst (`!If [C, !Ref AWS::NoValue, true]`): no value is
        // written that does (tester, round 37: "whose allowed values make it false" named a parameter without any).
        let leftUnset = absentMeans == worse && !booleans(absentMeans: nil).contains(.known(worse))
        return worstCaseNote(worst: "\(worse)", leftUnset: leftUnset)
    }

    /// Why a value judged at its worst (`worst`, as the message spells it) is that, when the property may take
    /// others: the parameters it follows, or its conditions. `leftUnset`: only a branch that leaves it out makes it
    /// the worst (`!If [C, !Ref AWS::NoValue, true]`), which is said rather than "whose allowed values make it" of a
    /// parameter that may have none (tester, round 37).
    func worstCaseNote(worst: String, leftUnset: Bool = false) -> String {
        let names = written.map { resolver.parameters(in: $0).sorted() } ?? []
        let shown = names.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
        let more = names.count > 3 ? " and \(names.count - 3) more" : ""
        let parameters = "parameter\(names.count == 1 ? "" : "s") \(shown)\(more)"
        if leftUnset {
            let following = names.isEmpty ? "" : " (following \(parameters))"
            return "\(name) is left unset by a branch of its conditions\(following), which makes it \(worst), and the worst value is judged"
        }
        guard !names.isEmpty else {
            return "\(name) is \(worst) in one of the values its conditions allow, and the worst value is judged"
        }
        return "\(name) follows \(parameters), whose allowed values make it \(worst), and the worst value is judged"
    }

    /// The property as the template writes it, found again along its path (asked for only by `worstCaseNote`, so
    /// the many properties read carry no node); `nil` when an `!If` stands between it and the template's root.
    var written: SourceNode? {
        var node: SourceNode? = resolver.template.root
        for segment in path.split(separator: ".") {
            var parts = segment.split(separator: "[", omittingEmptySubsequences: false)
            let key = String(parts.removeFirst())
            node = node?[key]
            for index in parts {
                guard let position = Int(index.dropLast()), let items = node?.items, items.indices.contains(position) else {
                    return nil
                }
                node = items[position]
            }
        }
        return node
    }

    /// Each alternative as a boolean; an absent one as `absentMeans` (left out without one).
    private func booleans(absentMeans: Bool?) -> [Fact<Bool>] {
        var facts: [Fact<Bool>] = []
        for alternative in alternatives {
            switch alternative {
            case .bool(let flag): facts.append(.known(flag))
            case .string(let text) where ["true", "false"].contains(text.lowercased()):
                facts.append(.known(text.lowercased() == "true"))
            case .absent:
                if let absentMeans { facts.append(.known(absentMeans)) }
            default:
                facts.append(.unknown(reason: alternative.unknownReason(expected: "a boolean")))
            }
        }
        return facts
    }

    /// A string. Unknown when any alternative is — unless a known one `dominates`, a value nothing can be worse than
    /// (a world-open CIDR, plain HTTP), which is then the value whatever the unknown ones turn out to be, as a known
    /// worse flag is in `bool(worse:)`: an `!If` between `0.0.0.0/0` and a value known only at deployment is
    /// world-open. With several known values, the one `rank` rates worst, or unknown when there is no ranking. `nil`
    /// when the property is absent in every alternative.
    func string(worst rank: ((String) -> Int)? = nil,
                dominates: ((String) -> Bool)? = nil) -> Located<Fact<String>>? {
        var texts: [String] = []
        var unknown: TemplateValue?
        for alternative in alternatives {
            if alternative.isAbsent { continue }
            guard let text = alternative.scalarText else {
                if unknown == nil { unknown = alternative }
                if dominates == nil { break }
                continue
            }
            if !texts.contains(text) { texts.append(text) }
        }
        if let unknown {
            if let dominates, let worst = texts.first(where: dominates) { return Located(.known(worst), at: origin) }
            return Located(.unknown(reason: unknown.unknownReason(expected: "a string")), at: origin)
        }
        guard let first = texts.first else { return nil }
        if texts.count == 1 { return Located(.known(first), at: origin) }
        guard let rank else {
            let shown = texts.prefix(4).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
            return Located(.unknown(reason: "it depends on a parameter or condition: one of \(shown)"), at: origin)
        }
        let worst = texts.max { rank($0) < rank($1) }!
        return Located(.known(worst), at: origin)
    }

    /// A known string when the property has exactly one value (for names and settings that are not judged).
    var knownText: String? {
        let texts = alternatives.compactMap(\.scalarText)
        return texts.count == alternatives.count && Set(texts).count == 1 ? texts.first : nil
    }

    /// Every known integer alternative, or `nil` when some alternative is not a known integer (or none is set).
    func integers() -> [Int]? {
        let numbers = alternatives.filter { !$0.isAbsent }.map { $0.scalarText.flatMap { Int($0) } }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.map { $0! }
    }
}

extension ResourceContext {
    /// The resource's `Properties`, located at the `Properties` key (or the logical id when there is none).
    var properties: PropertyValue { properties(resolvedBy: resolver) }

    /// The same, resolved by `resolver` (one deployment scenario's, `ParameterScenarios`).
    func properties(resolvedBy resolver: IntrinsicResolver) -> PropertyValue {
        let entry = resource.properties
        let values: [TemplateValue] = entry.map { resolver.resolve($0.value) } ?? [.absent]
        return PropertyValue(path: "\(resource.path).Properties", offset: entry?.keyOffset ?? resource.keyOffset,
                             alternatives: values, resolver: resolver)
    }
}
