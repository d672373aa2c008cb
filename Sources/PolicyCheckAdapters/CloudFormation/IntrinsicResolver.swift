import Foundation
import PolicyCheckSyntax

/// Resolves intrinsic functions to the values a template may take, as far as the template itself says.
///
/// - A `Ref` to a parameter is its `Default`, or every one of its `AllowedValues` when it lists them (the mappers
///   judge the worst); a parameter without a default is unknown. A stack set body's parameter the stack set sets is
///   every value it may be given (`StackSetParameters`).
/// - A `Ref` or `!GetAtt` to a resource of the template stays a reference (`TemplateValue.resource`).
/// - `AWS::NoValue` is absent; other pseudo parameters (`AWS::Region`, `AWS::AccountId`, …) are unknown: they are
///   the stack's, known only at deployment.
/// - `!If` takes both branches as alternatives (the worse branch is judged), unless the resolver resolves for one
///   deployment scenario (`assignment`, `ParameterScenarios`) and the scenario decides the condition.
/// - `!Sub` and `!Join` build strings; unknown parts stay as `${…}` in the text of an unknown value.
/// - `!Cidr` splits a known address block into the blocks it lists (`IntrinsicResolver+Cidr`).
/// - A string that holds a dynamic reference (`{{resolve:ssm:…}}`), written or built, is unknown: CloudFormation
///   reads its value only at deployment.
struct IntrinsicResolver {
    let template: Template
    /// The entries `!FindInMap` lookups selected, shared by the resolver's copies.
    private let lookups = FindInMapLookups()
    /// For one deployment scenario (`ParameterScenarios`): the value each of these parameters takes, and then an
    /// `!If` whose condition these values decide takes one branch. `nil`: every value a parameter allows, both branches.
    var assignment: [String: TemplateValue]? {
        didSet { conditionTruths = ConditionTruths() }
    }
    /// The conditions decided for this `assignment`, shared by the resolver's copies that keep it.
    var conditionTruths = ConditionTruths()

    /// Most alternatives one expression may have before it is judged unknown.
    static let maxAlternatives = 64
    static let maxDepth = 32
    /// The longest string `!Sub` or `!Join` may build before it is judged unknown: a template body is at most 1 MB
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html), and nested
    /// `!Sub`s that double a string at every level would otherwise build gigabytes from a few hundred bytes.
    static let maxTextLength = 1 << 20

    /// Every value a node may take.
    func resolve(_ node: SourceNode, depth: Int = 0) -> [TemplateValue] {
        guard depth < Self.maxDepth else {
            return [.unknown(reason: "intrinsic functions nest too deeply to resolve", text: nil)]
        }
        guard let call = Intrinsic.parse(node) else { return [Self.plain(node)] }
        return Self.limited(evaluate(call, depth: depth + 1))
    }

    /// A node without intrinsic functions, as a value. A string that holds a dynamic reference is known only at
    /// deployment (`DynamicReference`); its text is kept, so literal regions in it still count. A plain `yes`, `no`,
    /// `on` or `off` (or `y`, `n`) in a YAML template is a boolean, as CloudFormation's YAML 1.1 reads it
    /// (`YAMLBooleans`): `StorageEncrypted: off` is false, and a string property written `Value: YES` is "true".
    static func plain(_ node: SourceNode) -> TemplateValue {
        switch node.value {
        case .null: return .absent
        case .bool(let flag): return .bool(flag)
        case .number(let literal): return .number(literal)
        case .string(let text):
            if let flag = node.boolean(.yaml11) { return .bool(flag) }
            return stringValue(text)
        case .sequence: return .sequence(node)
        case .mapping: return .mapping(node)
        }
    }

    /// A string as a value: unknown when it holds a dynamic reference, written or built by `!Sub` and `!Join`.
    static func stringValue(_ text: String) -> TemplateValue {
        guard let reason = DynamicReference.reason(in: text) else { return .string(text) }
        return .unknown(reason: reason, text: text)
    }

    static func limited(_ values: [TemplateValue]) -> [TemplateValue] {
        values.count > maxAlternatives ? tooManyAlternatives : values
    }

    /// What an expression with more than `maxAlternatives` values resolves to.
    static var tooManyAlternatives: [TemplateValue] {
        unknown("it may take more than \(maxAlternatives) values (parameters and conditions combined)")
    }

    static func unknown(_ reason: String, _ text: String? = nil) -> [TemplateValue] {
        [.unknown(reason: reason, text: text)]
    }

    private func evaluate(_ call: Intrinsic, depth: Int) -> [TemplateValue] {
        let argument = call.argument
        switch call.function {
        case "Ref":
            guard let name = argument.string else { return Self.unknown("!Ref needs the name of a parameter or resource") }
            return reference(name)
        case "Fn::GetAtt":
            return attribute(argument, depth: depth)
        case "Fn::Sub":
            return substitute(argument, depth: depth)
        case "Fn::Join":
            return join(argument, depth: depth)
        case "Fn::If":
            guard let items = argument.items, items.count == 3 else {
                return Self.unknown("!If needs a condition name and two values")
            }
            if assignment != nil, let name = items[0].string, let holds = condition(name, depth: depth) {
                return resolve(holds ? items[1] : items[2], depth: depth)
            }
            return resolve(items[1], depth: depth) + resolve(items[2], depth: depth)
        case "Fn::Select":
            return select(argument, depth: depth)
        case "Fn::Length":
            return length(argument, depth: depth)
        case "Fn::FindInMap":
            return findInMap(argument, depth: depth)
        case "Fn::Base64":
            return resolve(argument, depth: depth)
        case "Fn::Split":
            return split(argument, at: call.offset, depth: depth)
        case "Fn::ImportValue":
            let name = resolve(argument, depth: depth).first?.scalarText.map { " '\(Excerpt.quote($0))'" } ?? ""
            return Self.unknown("it is imported from another stack's export\(name), known only at deployment")
        case "Fn::GetAZs":
            return availabilityZones(argument, depth: depth)
        case "Fn::Cidr":
            return cidr(argument, at: call.offset, depth: depth)
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition":
            return Self.unknown("\(call.displayName) is a condition, not a value")
        case "Fn::Transform":
            return Self.unknown("it is produced by a macro (!Transform) at deployment")
        default:
            return Self.unknown("\(call.displayName) is not an intrinsic function policycheck resolves")
        }
    }

    // MARK: - References

    /// `Ref name`: a pseudo parameter, a parameter or a resource.
    func reference(_ name: String) -> [TemplateValue] {
        if name == "AWS::NoValue" { return [.absent] }
        if name == "AWS::Region" {
            return Self.unknown("AWS::Region is the stack's region, known only at deployment", Self.stackRegionText)
        }
        if name.hasPrefix("AWS::") {
            return Self.unknown("\(name) is known only at deployment", "${\(name)}")
        }
        if let value = assignment?[name] { return [value] }
        if let parameter = template.parameters[name] { return values(of: parameter) }
        if let resource = template.resource(name) {
            return [.resource(logicalID: name, type: resource.type, attribute: nil)]
        }
        if let reason = template.undecidedLoopIdentifiers[name] { return Self.unknown(reason, "${\(name)}") }
        return Self.unknown("'\(Excerpt.quote(name))' is neither a parameter nor a resource of this template")
    }

    /// A parameter's possible values: its `AllowedValues`, else its `Default`.
    func values(of parameter: TemplateParameter) -> [TemplateValue] {
        let type = parameter.type ?? "String"
        if type.hasPrefix("AWS::SSM::Parameter::Value") {
            return Self.unknown("parameter '\(parameter.name)' is read from SSM Parameter Store at deployment")
        }
        if case .unknown(let reason) = parameter.given {
            return Self.unknown(reason, "${\(parameter.name)}")
        }
        // More allowed values than an expression may have make it unknown whatever they are: say so before
        // building them (a parameter of 10,000 values referenced 10,000 times built 100 million).
        if parameter.given == nil, let allowed = parameter.node["AllowedValues"], allowed.isSequence,
           allowed.memberCount > Self.maxAlternatives {
            return Self.tooManyAlternatives
        }
        var candidates = parameter.allowedValues
        if candidates.isEmpty, let value = parameter.defaultValue { candidates = [value] }
        // CloudFormation takes for an AWS-specific parameter type only a value that exists "in the AWS account and
        // Region in which they're creating the stack"
        // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html):
        // a zone chosen at deployment is one of the stack's region.
        if candidates.isEmpty, Self.zoneParameterTypes.contains(type) {
            return Self.unknown("parameter '\(parameter.name)' is an Availability Zone of the stack's region, chosen at deployment",
                                Self.stackRegionText)
        }
        guard !candidates.isEmpty else {
            return Self.unknown("parameter '\(parameter.name)' has no Default; its value is chosen at deployment",
                                "${\(parameter.name)}")
        }
        let isList = type.hasPrefix("List<") || type == "CommaDelimitedList"
        return candidates.map { node in
            guard isList, let text = node.string else { return Self.plain(node) }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
                SourceNode(.string($0.trimmingCharacters(in: .whitespaces)), offset: node.offset)
            }
            return .sequence(SourceNode(.sequence(parts), offset: node.offset))
        }
    }

    /// `!GetAtt Resource.Attribute` or `[Resource, Attribute]`.
    private func attribute(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        let id: String
        var attribute: String?
        if let text = argument.string {
            let parts = text.split(separator: ".", maxSplits: 1)
            id = parts.first.map(String.init) ?? text
            attribute = parts.count > 1 ? String(parts[1]) : nil
        } else if let items = argument.items, items.count == 2, let name = items[0].string {
            id = name
            attribute = resolve(items[1], depth: depth).first?.scalarText
        } else {
            return Self.unknown("!GetAtt needs a resource and an attribute")
        }
        guard let resource = template.resource(id) else {
            return Self.unknown("!GetAtt names '\(Excerpt.quote(id))', which is not a resource of this template")
        }
        if let attribute, let property = Self.attributesThatAreProperties[resource.type]?[attribute],
           let value = resource.properties?.value[property], Self.isLiteralOrParameter(value, in: template) {
            return resolve(value, depth: depth)
        }
        return [.resource(logicalID: id, type: resource.type, attribute: attribute)]
    }

    /// Return values that are a property as the template writes it, by resource type and attribute: a VPC's or a
    /// subnet's `CidrBlock` is its primary IPv4 CIDR block
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values,
    /// …/aws-resource-ec2-subnet.html#aws-resource-ec2-subnet-return-values), which CDK's security groups allow
    /// (`Peer.ipv4(vpc.vpcCidrBlock)`). Without the property (a CIDR from an IPAM pool) the attribute stays unknown.
    ///
    /// Only a property written as text or as a `Ref` to a parameter is followed: one that is itself an expression
    /// (`!Join` of other `!GetAtt`s) would be resolved again for every reference to it, exponential in a chain of
    /// them, and stays unknown.
    static let attributesThatAreProperties: [String: [String: String]] = [
        "AWS::EC2::VPC": ["CidrBlock": "CidrBlock"],
        "AWS::EC2::Subnet": ["CidrBlock": "CidrBlock"],
    ]

    /// A scalar, or a `Ref` to one of the template's parameters.
    private static func isLiteralOrParameter(_ node: SourceNode, in template: Template) -> Bool {
        guard let call = Intrinsic.parse(node) else { return node.string != nil || node.numberLiteral != nil }
        guard call.function == "Ref", let name = call.argument.string else { return false }
        return template.parameters[name] != nil
    }

    // MARK: - Lists and lookups

    private func select(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        guard let items = argument.items, items.count == 2 else { return Self.unknown("!Select needs an index and a list") }
        // Each index the expression may take (an `!If` between two, a parameter's allowed values) selects its own
        // element: every one is a value the property may take.
        let resolved = resolve(items[0], depth: depth)
        let indexes = resolved.compactMap { $0.scalarText.flatMap { Int($0) } }
        guard !indexes.isEmpty, indexes.count == resolved.count else {
            return Self.unknown("the index of !Select is not a known number")
        }
        let lists = resolve(items[1], depth: depth)
        return Self.limited(Array(Set(indexes)).sorted().flatMap { index in select(index, from: lists, depth: depth) })
    }

    /// `Fn::Length` (`AWS::LanguageExtensions`): the number of elements of a list, written or resolved
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-length.html).
    /// Before, it was no function policycheck resolved, so an index built from it made `!Select` unknown: an info
    /// where the element it picks is world-open.
    private func length(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        if let items = argument.items { return [.number(String(items.count))] }
        return resolve(argument, depth: depth).map { list in
            guard case .sequence(let node) = list else {
                return .unknown(reason: "Fn::Length needs a list: \(list.unknownReason(expected: "a list"))", text: nil)
            }
            return .number(String(node.memberCount))
        }
    }

    private func select(_ index: Int, from lists: [TemplateValue], depth: Int) -> [TemplateValue] {
        lists.flatMap { list -> [TemplateValue] in
            guard case .sequence(let node) = list else {
                // A zone picked from a region's zones (`!Select [0, !GetAZs '']`) is in that region.
                if case .unknown(let reason, let text?) = list, Self.isZonesRegion(text) {
                    return [.unknown(reason: reason, text: text)]
                }
                return [.unknown(reason: list.unknownReason(expected: "a list"), text: nil)]
            }
            let elements = node.items ?? []
            guard elements.indices.contains(index) else {
                return [.unknown(reason: "!Select index \(index) is outside a list of \(elements.count)", text: nil)]
            }
            return resolve(elements[index], depth: depth)
        }
    }

    /// `!FindInMap [Map, TopKey, SecondKey]`; an unknown key (e.g. `AWS::Region`) takes every entry of its level.
    private func findInMap(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        guard let items = argument.items, items.count >= 3, let mapName = items[0].string else {
            return Self.unknown("!FindInMap needs a mapping name and two keys")
        }
        guard let map = template.mappings?[mapName] else {
            return Self.unknown("!FindInMap names '\(Excerpt.quote(mapName))', which is not in Mappings")
        }
        let keys = items[1...2].map { resolve($0, depth: depth).map(\.scalarText) }
        // The entries a lookup selects are found once per map and keys: a region-keyed lookup of a 10,000-entry
        // map, used by 10,000 resources, walked 100 million entries.
        let lookup = FindInMapLookups.Key(map: mapName, keys: keys)
        let selection = lookups.entries(for: lookup) {
            var level: [SourceNode] = [map]
            var missesSome = false
            for keys in keys {
                // An unknown key takes every entry of its level.
                let takesAll = keys.contains(where: { $0 == nil })
                level = level.flatMap { node -> [SourceNode] in
                    if takesAll { return (node.entries ?? []).map(\.value) }
                    let found = keys.compactMap { key in node[key!] }
                    if found.count < keys.count { missesSome = true }
                    return found
                }
            }
            return FindInMapLookups.Selection(entries: level, missesSome: missesSome)
        }
        let level = selection.entries
        // The `AWS::LanguageExtensions` transform's `DefaultValue` is the value where the keys find no entry
        // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap-enhancements.html):
        // the value when nothing matches, and one more alternative when a key is unknown or one of a key's
        // alternatives (a parameter's `AllowedValues`) finds no entry.
        let fallback = Self.findInMapDefault(items)
        let unknownKey = keys.contains { $0.contains(where: { $0 == nil }) } || selection.missesSome
        guard !level.isEmpty else {
            return fallback.map { resolve($0, depth: depth) } ?? Self.unknown("!FindInMap finds no entry for its keys")
        }
        // Every entry is at least one value: past the most an expression may have, the value is unknown whatever
        // the entries hold, so they are not resolved.
        guard level.count <= Self.maxAlternatives else { return Self.tooManyAlternatives }
        let found = level.flatMap { resolve($0, depth: depth) }
        guard unknownKey, let fallback else { return found }
        return IntrinsicResolver.limited(found + resolve(fallback, depth: depth))
    }

    /// The `DefaultValue` of a `!FindInMap`'s fourth argument, if it has one.
    static func findInMapDefault(_ items: [SourceNode]) -> SourceNode? {
        items.count >= 4 ? items[3]["DefaultValue"] : nil
    }

    private func split(_ argument: SourceNode, at offset: Int, depth: Int) -> [TemplateValue] {
        guard let items = argument.items, items.count == 2, let delimiter = items[0].string, !delimiter.isEmpty else {
            return Self.unknown("!Split needs a delimiter and a string")
        }
        return resolve(items[1], depth: depth).map { value in
            let text: String
            switch value {
            case .string(let known):
                text = known
            case .unknown(_, let partial?) where !partial.contains("${") && DynamicReference.first(in: partial) != nil:
                // Unknown only for its dynamic references: the parts before the first part holding one are known
                // whatever the reference reads (`!Select [0, !Split ['|', '0.0.0.0/0|{{resolve:ssm:/x}}']]` is
                // world-open). The rest stays one part holding the reference, unknown: a value read at deployment
                // may hold the delimiter and move every later part.
                let parts = partial.components(separatedBy: delimiter)
                let first = parts.firstIndex { DynamicReference.first(in: $0) != nil } ?? parts.count
                var nodes = parts[..<first].map { SourceNode(.string($0), offset: offset) }
                if first < parts.count {
                    nodes.append(SourceNode(.string(parts[first...].joined(separator: delimiter)), offset: offset))
                }
                return .sequence(SourceNode(.sequence(nodes), offset: offset))
            default:
                return .unknown(reason: value.unknownReason(expected: "a string"), text: nil)
            }
            let parts = text.components(separatedBy: delimiter).map { SourceNode(.string($0), offset: offset) }
            return .sequence(SourceNode(.sequence(parts), offset: offset))
        }
    }
}

/// The entries each `!FindInMap` map and keys select, found once per template (lookups of one map by many resources
/// repeat the same keys).
final class FindInMapLookups {
    struct Key: Hashable {
        let map: String
        /// Each level's keys; `nil` for a key not known from the template.
        let keys: [[String?]]
    }

    /// The entries the keys find, and whether some alternative of a known key found none.
    struct Selection {
        let entries: [SourceNode]
        let missesSome: Bool
    }

    private var selected: [Key: Selection] = [:]

    func entries(for key: Key, _ find: () -> Selection) -> Selection {
        if let entries = selected[key] { return entries }
        let entries = find()
        selected[key] = entries
        return entries
    }
}
