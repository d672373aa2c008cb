import Foundation
import PolicyCheckSyntax

/// The resources an `Fn::ForEach::<name>: [identifier, collection, {outputKey: outputValue}]` of the
/// `AWS::LanguageExtensions` transform makes, as CloudFormation makes them: one copy of the fragment per value of the
/// collection, with "all instances of ${Identifier} or &{Identifier} in the OutputKey and OutputValue parameters
/// replaced with the values from the Collection parameter"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html).
///
/// - The collection is a list written in the loop, or a `Ref` to a `CommaDelimitedList` (or `List<…>`) parameter,
///   taken at its `Default`. Any other collection — a parameter without a default, another function — is not known
///   here: the fragment is kept once, under its key as written, and its identifier is `undecided` (a value that
///   refers to it cannot be verified, never a pass).
/// - In a key, `${Identifier}` is the value and `&{Identifier}` the value's letters and digits only (the `&{}` form
///   lets a collection of CIDR blocks or ARNs name logical ids, which are alphanumeric).
/// - In the fragment, `!Ref Identifier` is the value, and `${Identifier}` (and `&{Identifier}`) in an `!Sub` string is
///   replaced by it, as the page's examples use them.
/// - Loops nest: an inner loop is expanded after the outer identifier is bound in it.
struct ForEachExpansion {
    /// The identifiers of loops whose collection the template does not decide, and why.
    private(set) var undecided: [String: String] = [:]
    /// Every loop kept as written (its collection not decided, or past `maxOutputs`): its key, where, and why.
    private(set) var unexpanded: [(loop: String, offset: Int, reason: String)] = []
    /// The template's `Parameters` section, for a collection that is a `Ref` to a list parameter.
    let parameters: SourceNode?
    /// The most resources loops may make in one template before the rest are left unexpanded: a hostile template
    /// of nested loops could otherwise make billions from a few lines. CloudFormation deploys at most 500 resources
    /// a template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
    static let maxOutputs = 10_000
    private var made = 0

    init(parameters: SourceNode?) {
        self.parameters = parameters
    }

    /// Keys a loop wrote that the same mapping already holds (from another loop or written beside it), and where:
    /// which one CloudFormation keeps is not something to guess, as one order of the two would hide the other.
    private(set) var collisions: [(key: String, offset: Int)] = []

    /// The entries of a mapping (`Resources`, a resource's properties) with every loop expanded.
    mutating func expanding(_ entries: [SourceEntry]) -> [SourceEntry] {
        // Most templates have no `Fn::ForEach`: keep their entries as they are rather than copy them.
        guard entries.contains(where: { $0.key.hasPrefix("Fn::ForEach::") }) else { return entries }
        let expanded = expandingLoops(entries)
        var seen = Set<String>()
        for entry in expanded where !seen.insert(entry.key).inserted { collisions.append((entry.key, entry.keyOffset)) }
        return expanded
    }

    private mutating func expandingLoops(_ entries: [SourceEntry]) -> [SourceEntry] {
        guard entries.contains(where: { $0.key.hasPrefix("Fn::ForEach::") }) else { return entries }
        var expanded: [SourceEntry] = []
        for entry in entries {
            guard entry.key.hasPrefix("Fn::ForEach::"), let parts = entry.value.items, parts.count == 3,
                  let identifier = parts[0].string, let outputs = parts[2].entries else {
                expanded.append(entry)
                continue
            }
            switch collection(parts[1], loop: entry.key) {
            case .values(let values) where made + values.count * outputs.count <= Self.maxOutputs:
                made += values.count * outputs.count
                for value in values {
                    let bound = outputs.map { output in
                        SourceEntry(key: Self.replacing(identifier, with: value, inKey: output.key),
                                    keyOffset: output.keyOffset,
                                    value: Self.binding(identifier, to: value, in: output.value))
                    }
                    expanded += expandingLoops(bound)
                }
            case .values:
                let reason = "the loops of this template make more than \(Self.maxOutputs) resources, so '\(Excerpt.quote(entry.key))' is not expanded"
                undecided[identifier] = reason
                unexpanded.append((entry.key, entry.keyOffset, reason))
                expanded += expandingLoops(outputs)
            case .unknown(let reason):
                undecided[identifier] = reason
                unexpanded.append((entry.key, entry.keyOffset, reason))
                expanded += expandingLoops(outputs)
            }
        }
        return expanded
    }

    /// A resource (or any fragment) with every loop inside it expanded: "`Fn::ForEach` … can be used within the
    /// `Conditions`, `Outputs`, and `Resources` (including the resource properties) sections" (the page above), so
    /// a property a loop writes (`'${Name}': …` over `[SecurityGroupIngress]`) is the property it names.
    /// The node itself when nothing in it loops.
    mutating func expandingWithin(_ node: SourceNode) -> SourceNode {
        expandedWithin(node) ?? node
    }

    /// The node with its loops expanded, or `nil` when none is in it.
    private mutating func expandedWithin(_ node: SourceNode) -> SourceNode? {
        if let entries = node.entries {
            // A loop here always changes the keys: its own key is replaced by what it writes.
            var changed = entries.contains { $0.key.hasPrefix("Fn::ForEach::") }
            let own = changed ? expanding(entries) : entries
            var result: [SourceEntry] = []
            result.reserveCapacity(own.count)
            for entry in own {
                guard let inner = expandedWithin(entry.value) else { result.append(entry); continue }
                changed = true
                result.append(SourceEntry(key: entry.key, keyOffset: entry.keyOffset, value: inner))
            }
            return changed ? SourceNode(.mapping(result), offset: node.offset, tag: node.tag) : nil
        }
        if let items = node.items {
            var changed = false
            var result: [SourceNode] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard let inner = expandedWithin(item) else { result.append(item); continue }
                changed = true
                result.append(inner)
            }
            return changed ? SourceNode(.sequence(result), offset: node.offset, tag: node.tag) : nil
        }
        return nil
    }

    private enum Collection {
        case values([String])
        case unknown(String)
    }

    /// The values a loop's collection holds.
    private func collection(_ node: SourceNode, loop: String) -> Collection {
        let name = "'\(Excerpt.quote(loop))'"
        if let items = node.items {
            var values: [String] = []
            for item in items {
                guard let text = Self.scalarText(item) else {
                    return .unknown("the collection of \(name) holds a value that is not a string")
                }
                values.append(text)
            }
            return .values(values)
        }
        guard let call = Intrinsic.parse(node), call.function == "Ref", let parameterName = call.argument.string,
              let parameter = parameters?[parameterName] else {
            return .unknown("the collection of \(name) is not a list or a list parameter this template decides")
        }
        let type = parameter["Type"]?.string ?? "String"
        guard type == "CommaDelimitedList" || type.hasPrefix("List<") else {
            return .unknown("the collection of \(name) is parameter '\(Excerpt.quote(parameterName))' of type \(Excerpt.quote(type)), not a list")
        }
        guard let text = parameter["Default"].flatMap(Self.scalarText) else {
            return .unknown("the collection of \(name) is parameter '\(Excerpt.quote(parameterName))', which has no Default; its values are chosen at deployment")
        }
        return .values(Self.listItems(text))
    }

    /// The items of a `CommaDelimitedList` parameter's value, as CloudFormation splits it.
    static func listItems(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A value's letters and digits only, as `&{Identifier}` writes it.
    static func alphanumeric(_ value: String) -> String {
        String(value.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        })
    }

    /// A scalar's text: a string, or a number as written.
    private static func scalarText(_ node: SourceNode) -> String? {
        guard node.tag == nil else { return nil }
        switch node.value {
        case .string(let text): return text
        case .number(let literal): return literal
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// `${identifier}` replaced by the value and `&{identifier}` by its letters and digits.
    static func replacing(_ identifier: String, with value: String, inKey key: String) -> String {
        guard key.contains("{") else { return key }
        return key.replacingOccurrences(of: "${\(identifier)}", with: value)
            .replacingOccurrences(of: "&{\(identifier)}", with: alphanumeric(value))
    }

    /// The fragment with the identifier bound: `!Ref identifier` is the value, and `!Sub` strings name it as a key
    /// does. Nodes that do not refer to it are kept as they are.
    static func binding(_ identifier: String, to value: String, in node: SourceNode) -> SourceNode {
        bound(identifier, to: value, in: node) ?? node
    }

    /// The node with the identifier bound, or `nil` when nothing in it refers to the identifier.
    private static func bound(_ identifier: String, to value: String, in node: SourceNode) -> SourceNode? {
        if let call = Intrinsic.parse(node) {
            if call.function == "Ref" {
                return call.argument.string == identifier ? SourceNode(.string(value), offset: node.offset) : nil
            }
            if call.function == "Fn::Sub" { return boundSub(node, argument: call.argument, identifier: identifier, value: value) }
        }
        if let entries = node.entries {
            var changed = false
            let result = entries.map { entry -> SourceEntry in
                let key = replacing(identifier, with: value, inKey: entry.key)
                let inner = bound(identifier, to: value, in: entry.value)
                if key != entry.key || inner != nil { changed = true }
                return SourceEntry(key: key, keyOffset: entry.keyOffset, value: inner ?? entry.value)
            }
            return changed ? SourceNode(.mapping(result), offset: node.offset, tag: node.tag) : nil
        }
        if let items = node.items {
            var changed = false
            let result = items.map { item -> SourceNode in
                guard let inner = bound(identifier, to: value, in: item) else { return item }
                changed = true
                return inner
            }
            return changed ? SourceNode(.sequence(result), offset: node.offset, tag: node.tag) : nil
        }
        return nil
    }

    /// An `!Sub` (short or long form) with the identifier bound in its string and its variables' values; a variable
    /// of its own mapping by the identifier's name is that variable inside the string, not the identifier.
    private static func boundSub(_ node: SourceNode, argument: SourceNode, identifier: String, value: String) -> SourceNode? {
        let newArgument: SourceNode
        if let format = argument.string {
            let replaced = replacing(identifier, with: value, inKey: format)
            guard replaced != format else { return nil }
            newArgument = SourceNode(.string(replaced), offset: argument.offset)
        } else if let items = argument.items, items.count == 2, let format = items[0].string {
            let replaced = items[1][identifier] != nil ? format : replacing(identifier, with: value, inKey: format)
            let variables = bound(identifier, to: value, in: items[1])
            guard replaced != format || variables != nil else { return nil }
            newArgument = SourceNode(.sequence([replaced == format ? items[0] : SourceNode(.string(replaced), offset: items[0].offset),
                                                variables ?? items[1]]), offset: argument.offset)
        } else {
            return nil
        }
        if let tag = node.tag {
            var result = newArgument
            result.offset = node.offset
            result.tag = tag
            return result
        }
        return SourceNode(.mapping([SourceEntry(key: "Fn::Sub", keyOffset: node.entries?.first?.keyOffset ?? node.offset,
                                                value: newArgument)]), offset: node.offset)
    }
}
