import PolicyCheckModel
import PolicyCheckNetwork
import PolicyCheckSyntax

/// A CloudFormation template's sections as the adapter needs them: parameters, mappings and resources.
struct Template {
    let root: SourceNode
    /// The `Parameters` section; a stack set body's parameters also hold what the stack set gives them (`given`).
    var parameters: [String: TemplateParameter]
    /// The `Mappings` section, for `!FindInMap`.
    let mappings: SourceNode?
    /// Resources in document order.
    let resources: [TemplateResource]
    /// Macros policycheck cannot expand: those of the `Transform` section other than the AWS transforms it reads
    /// the template through, then `Fn::Transform` entries among the resources (`AWS::Include` of a snippet, another
    /// macro). What they insert or rewrite exists only once CloudFormation runs them, so they are reported as not
    /// checked.
    let unreadTransforms: [TemplateTransform]
    /// The identifiers of `Fn::ForEach` loops whose collection the template does not decide, and why: a value that
    /// refers to one cannot be verified (`ForEachExpansion`).
    let undecidedLoopIdentifiers: [String: String]
    private let index: [String: Int]
    /// The logical ids of parameter groups (and option and DB subnet groups) by type and the name they give the group
    /// (lowercased, as RDS stores it), for databases that name their group by that name rather than by `!Ref`: by
    /// type, so that a group of another kind that takes the same name cannot stand in for the one the database uses.
    private let parameterGroupsByName: [String: String]
    /// The `AWS::EC2::VPCGatewayAttachment`s that attach an internet gateway, by the logical id their `VpcId`
    /// names with a plain `Ref` or `!GetAtt <VPC>.VpcId` (`byVPC`), and those whose `VpcId` is written otherwise
    /// (`other`, resolved where asked): every database without `PubliclyAccessible` asks for its subnet group's VPC's.
    let internetGatewayAttachments: (byVPC: [String: [TemplateResource]], other: [TemplateResource])
    /// The property that names each group type's group.
    static let parameterGroupNameProperties = [
        "AWS::RDS::DBParameterGroup": "DBParameterGroupName",
        "AWS::RDS::DBClusterParameterGroup": "DBClusterParameterGroupName",
        "AWS::DocDB::DBClusterParameterGroup": "Name",
        "AWS::RDS::OptionGroup": "OptionGroupName",
        "AWS::RDS::DBSubnetGroup": "DBSubnetGroupName",
    ]

    /// Reads the sections; throws when the template cannot be checked (no `Resources` mapping, a resource without
    /// a `Type`).
    init(_ root: SourceNode, source: SourceFile) throws(Diagnostics) {
        var problems: [Diagnostic] = []
        if let version = root["AWSTemplateFormatVersion"], let text = version.string, text.uppercased().hasSuffix("-OC") {
            // org-formation's own format: "2010-09-09 … is currently the only valid value" for CloudFormation
            // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/format-version-structure.html), and
            // org-formation deploys each resource to the accounts and regions of its organization bindings, which
            // are not read here: refused rather than judged as one stack in no region (tester, round 35).
            throw Diagnostics([Diagnostic(source, offset: version.offset,
                                          "AWSTemplateFormatVersion '\(Excerpt.quote(text))' is org-formation's format, which CloudFormation cannot deploy; org-formation deploys it to the accounts and regions of its organization bindings, which policycheck does not read (check the templates it generates, or exclude the file)")])
        }
        if let modules = root.entry("Modules") {
            // Client-side modules (`aws cloudformation package` and `rain pkg` expand them, with their `Overrides`):
            // what the stack gets is the packaged template, which this file is not.
            problems.append(Diagnostic(source, offset: modules.keyOffset,
                                       "the template has a 'Modules' section, which CloudFormation cannot deploy until `aws cloudformation package` or `rain pkg` expands it (with its overrides); check the packaged template (`rain pkg \(Excerpt.quote(source.path)) | policycheck check -`)"))
            if root.entry("Resources") == nil { throw Diagnostics(problems) }
        }
        guard let resourcesEntry = root.entry("Resources") else {
            throw Diagnostics([Diagnostic(source, offset: root.offset,
                                          "the CloudFormation template has no 'Resources' section; a template declares at least one resource")])
        }
        guard let entries = resourcesEntry.value.entries else {
            throw Diagnostics([Diagnostic(source, offset: resourcesEntry.value.offset,
                                          "'Resources' must be a mapping of logical ids to resources, found \(resourcesEntry.value.kindDescription)")])
        }
        var resources: [TemplateResource] = []
        var transforms = TemplateTransform.unread(inSection: root["Transform"])
        resources.reserveCapacity(entries.count)
        var loops = ForEachExpansion(parameters: root["Parameters"])
        // Loops inside resources and conditions need the transform too; a template without it is left as written
        // there rather than walked node by node.
        let loopsWithin = Self.namesLanguageExtensions(root["Transform"]) || entries.contains { $0.key.hasPrefix("Fn::ForEach::") }
        // Conditions' loops make no resources: a budget of their own, so they cannot use up the resources'.
        var conditionLoops = ForEachExpansion(parameters: root["Parameters"])
        self.root = loopsWithin ? Self.expandingConditions(of: root, with: &conditionLoops) : root
        for var entry in loops.expanding(entries) {
            if loopsWithin {
                let kept = loops.unexpanded.count
                entry.value = loops.expandingWithin(entry.value)
                // A loop inside a resource that is not expanded writes properties no one can name: failing closed,
                // as a macro does, since what it writes (a world-open ingress) would otherwise be read as absent.
                for loop in loops.unexpanded[kept...] {
                    problems.append(Diagnostic(source, offset: loop.offset,
                                               "resource '\(Excerpt.quote(entry.key))' has '\(Excerpt.quote(loop.loop))' inside it, which cannot be expanded: \(loop.reason); what it writes cannot be checked"))
                }
            }
            // "You can use the AWS::Include transform anywhere within the CloudFormation template except in the
            // template parameters section or the template version"
            // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-include.html).
            if entry.key == "Fn::Transform" {
                transforms.append(TemplateTransform(entry.value, place: .resources, offset: entry.keyOffset))
                continue
            }
            if Self.isRainModule(entry.value["Type"]) {
                problems.append(Diagnostic(source, offset: entry.value["Type"]?.offset ?? entry.keyOffset,
                                           "resource '\(Excerpt.quote(entry.key))' is a Rain module, which CloudFormation cannot deploy until `rain pkg` expands it; check the packaged template (`rain pkg \(Excerpt.quote(source.path)) | policycheck check -`)"))
                continue
            }
            guard entry.value.entries != nil else {
                problems.append(Diagnostic(source, offset: entry.value.offset,
                                           "resource '\(Excerpt.quote(entry.key))' must be a mapping with a 'Type', found \(entry.value.kindDescription)"))
                continue
            }
            guard let type = entry.value["Type"]?.string, !type.isEmpty else {
                problems.append(Diagnostic(source, offset: entry.value["Type"]?.offset ?? entry.keyOffset,
                                           "resource '\(Excerpt.quote(entry.key))' has no 'Type' string (such as AWS::S3::Bucket)"))
                continue
            }
            // A registered module (a type ending in `::MODULE`) is replaced by the resources its template fragment
            // in the CloudFormation registry declares when the stack is created
            // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/modules.html): they are not in this
            // file, as what a macro inserts is not. Its own properties are still read (for their regions).
            if type.hasSuffix("::MODULE") {
                transforms.append(TemplateTransform(module: type, logicalID: entry.key,
                                                    offset: entry.value["Type"]?.offset ?? entry.keyOffset))
            }
            resources.append(TemplateResource(logicalID: entry.key, type: type, keyOffset: entry.keyOffset,
                                              node: entry.value))
        }
        for collision in loops.collisions + conditionLoops.collisions {
            problems.append(Diagnostic(source, offset: collision.offset,
                                       "'\(Excerpt.quote(collision.key))' is written twice in one mapping, by an Fn::ForEach loop and beside it; which one CloudFormation keeps is not decided here, so neither is checked"))
        }
        self.resources = resources
        undecidedLoopIdentifiers = loops.undecided
        unreadTransforms = transforms + TemplateTransform.elsewhere(in: root, bytes: source.bytes)
        index = Dictionary(resources.enumerated().map { ($1.logicalID, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [String: String] = [:]
        for resource in resources {
            guard let property = Self.parameterGroupNameProperties[resource.type],
                  let name = resource.properties?.value[property]?.string?.lowercased() else { continue }
            let key = resource.type + "\u{0}" + name
            if groups[key] == nil { groups[key] = resource.logicalID }
        }
        parameterGroupsByName = groups
        var attachmentsByVPC: [String: [TemplateResource]] = [:], otherAttachments: [TemplateResource] = []
        for resource in resources where resource.type == "AWS::EC2::VPCGatewayAttachment" {
            guard let properties = resource.properties?.value, properties["InternetGatewayId"] != nil else { continue }
            if let vpc = properties["VpcId"], let name = Intrinsic.parse(vpc)?.referencedResource(orAttribute: "VpcId") {
                attachmentsByVPC[name, default: []].append(resource)
            } else {
                otherAttachments.append(resource)
            }
        }
        internetGatewayAttachments = (attachmentsByVPC, otherAttachments)
        var parameters: [String: TemplateParameter] = [:]
        for entry in root["Parameters"]?.entries ?? [] {
            parameters[entry.key] = TemplateParameter(name: entry.key, node: entry.value)
        }
        self.parameters = parameters
        mappings = root["Mappings"]
        // Thrown once the parameters are read, so a problem's message withholds what `NoEcho` parameters spell, as
        // findings do (a loop over a `NoEcho` list wrote its item into a duplicate logical id's message).
        guard problems.isEmpty else {
            let withheld = noEchoValues
            throw Diagnostics(problems.map { $0.redacting(withheld) })
        }
    }

    /// The resource with a logical id.
    func resource(_ logicalID: String) -> TemplateResource? {
        index[logicalID].map { resources[$0] }
    }

    /// The logical id of the template's parameter group of `type` whose own name is `name` (compared lowercased).
    func parameterGroup(named name: String, type: String) -> String? {
        parameterGroupsByName[type + "\u{0}" + name.lowercased()]
    }

    /// The logical id of the template's DB subnet group whose own `DBSubnetGroupName` is `name` (compared lowercased).
    func subnetGroup(named name: String) -> String? {
        parameterGroup(named: name, type: "AWS::RDS::DBSubnetGroup")
    }

    /// Whether a document looks like a CloudFormation template: it has `AWSTemplateFormatVersion` (optional in a
    /// template, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/format-version-structure.html), or a
    /// `Resources` mapping with a resource of an `AWS::…` or module (`…::MODULE`) type or an `Fn::ForEach::…` loop, or one beside a
    /// `Transform` naming `AWS::LanguageExtensions` (the transform a loop needs,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html).
    /// A template whose resources are all in loops has no `AWS::` type at the top of `Resources`, and skipping it as
    /// no input took every resource out of the gate.
    static func recognises(_ root: SourceNode) -> Bool {
        guard root.entries != nil else { return false }
        if root["AWSTemplateFormatVersion"] != nil { return true }
        // A file of client-side modules alone is a template to package, not a file to pass over.
        if let modules = root["Modules"]?.entries, !modules.isEmpty,
           modules.allSatisfy({ $0.value["Source"]?.string != nil }) { return true }
        // Alibaba Cloud's Resource Orchestration Service writes templates of the same shape, which CloudFormation
        // cannot deploy (its `ROSTemplateFormatVersion` is no CloudFormation section).
        if root["ROSTemplateFormatVersion"] != nil { return false }
        // Nor is OpenStack Heat's CloudFormation-compatible format (`HeatTemplateFormatVersion`, `Rackspace::…`).
        if root["HeatTemplateFormatVersion"] != nil { return false }
        guard let resources = root["Resources"]?.entries else { return false }
        if resources.contains(where: { $0.key.hasPrefix("Fn::ForEach::") || isTemplateResource($0.value) }) { return true }
        return namesLanguageExtensions(root["Transform"])
    }

    /// A resource whose type only a CloudFormation template declares: an AWS type, a custom resource's
    /// (`Custom::AWSCDK-EKS-Cluster`: a template of custom resources alone is a template, and was passed over as not
    /// an input, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-customresource.html)
    /// or a registered module's
    /// (`Acme::Data::Cluster::MODULE`, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ModuleInfo.html).
    private static func isTemplateResource(_ node: SourceNode) -> Bool {
        if isRainModule(node["Type"]) { return true }
        guard let type = node["Type"]?.string else { return false }
        return type.hasPrefix("AWS::") || type.hasPrefix("Custom::") || type.hasSuffix("::MODULE")
            || isThirdPartyType(type)
    }

    /// A Rain module as a resource's type, in each form Rain reads: `{Rain::Module: path}`, `!Rain::Module path`, and
    /// the package shorthand `$alias/path` (aws-cloudformation/rain's README, "Modules"). CloudFormation deploys none
    /// of them: `rain pkg` expands them first.
    static func isRainModule(_ type: SourceNode?) -> Bool {
        guard let type else { return false }
        if type["Rain::Module"] != nil || type.tag == "!Rain::Module" { return true }
        guard let text = type.string else { return false }
        return text.hasPrefix("$") && text.contains("/")
    }

    /// A public or private registry extension's type, `Organization::Service::Resource`: the namespace `AWS` is
    /// reserved to AWS, so a template of third-party types alone names none with it
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/registry-public.html; tester, round 35).
    /// Alibaba Cloud's and OpenStack's own namespaces are not CloudFormation's.
    private static func isThirdPartyType(_ type: String) -> Bool {
        let parts = type.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[1].isEmpty, parts[3].isEmpty else { return false }
        let names = [parts[0], parts[2], parts[4]]
        guard names.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return false }
        return !["ALIYUN", "DATASOURCE", "OS", "MONITOR"].contains(names[0].uppercased())
    }

    /// The root with the loops of its `Conditions` section expanded, as the resolver reads conditions from it.
    private static func expandingConditions(of root: SourceNode, with loops: inout ForEachExpansion) -> SourceNode {
        guard let entries = root.entries, let index = entries.firstIndex(where: { $0.key == "Conditions" }) else { return root }
        let conditions = entries[index]
        let expanded = loops.expandingWithin(conditions.value)
        var result = entries
        result[index] = SourceEntry(key: conditions.key, keyOffset: conditions.keyOffset, value: expanded)
        return SourceNode(.mapping(result), offset: root.offset, tag: root.tag)
    }

    /// Whether a `Transform` section names `AWS::LanguageExtensions`, alone or in its list.
    private static func namesLanguageExtensions(_ transform: SourceNode?) -> Bool {
        guard let transform else { return false }
        let names = transform.items.map { $0.compactMap(\.string) } ?? transform.string.map { [$0] } ?? []
        return names.contains("AWS::LanguageExtensions")
    }
}

/// One entry of `Resources`.
struct TemplateResource {
    let logicalID: String
    let type: String
    /// Where the logical id is written.
    let keyOffset: Int
    let node: SourceNode

    /// `Resources.<logical id>`.
    var path: String { "Resources.\(logicalID)" }

    /// The `Properties` entry, when present.
    var properties: SourceEntry? { node.entry("Properties") }
}

extension Template {
    /// The values of `NoEcho` parameters — their `Default`, `AllowedValues` and what a stack set gives them — which
    /// CloudFormation masks as `*****` ("the parameter value is masked as asterisks (*****) for any calls that
    /// describe the stack or stack events",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html) and
    /// findings print as `(sensitive value)`; found inside longer texts too (`!Sub "${Office}/32"`). A list
    /// parameter's value is a comma-delimited text whose items `!Select` and `Fn::ForEach` take one by one, so each
    /// item is a sensitive value too, and so is its letters-and-digits form, which a loop's `&{Identifier}` writes
    /// into logical ids. Each piece `!Split` may cut a value into (by the delimiters the template's `!Split` calls
    /// name) is one too, and a value spelling a number is also hidden as the number a port or count reads from it
    /// (`05432` is printed `5432`).
    var noEchoValues: SensitiveValues {
        var found = SensitiveValues()
        let secrets = parameters.values.filter(\.isNoEcho)
        guard !secrets.isEmpty else { return found }
        let calls = derivingCalls
        func addDerived(_ text: String) {
            found.addEmbeddable(text)
            if let number = Self.numberSpelling(text) { found.addEmbeddable(number) }
            for block in Self.cidrBlocks(of: text, calls.cidrs) { found.addEmbeddable(block) }
        }
        func add(_ text: String) {
            // Pieces of pieces too (`!Split ["/", !Select [1, !Split ["|", …]]]`): each text is cut once by each
            // delimiter, and the pieces are shorter than the text, so this ends.
            var pending = [text]
            var seen: Set<String> = [text]
            while let next = pending.popLast() {
                addDerived(next)
                for delimiter in calls.delimiters where next.contains(delimiter) {
                    for piece in next.components(separatedBy: delimiter) where seen.insert(piece).inserted { pending.append(piece) }
                }
            }
        }
        for parameter in secrets {
            let isList = parameter.type.map { $0 == "CommaDelimitedList" || $0.hasPrefix("List<") } ?? false
            for value in [parameter.defaultValue].compactMap({ $0 }) + parameter.allowedValues {
                if let text = value.string ?? value.numberLiteral {
                    add(text)
                    guard isList else { continue }
                    for item in ForEachExpansion.listItems(text) {
                        add(item)
                        found.addEmbeddable(ForEachExpansion.alphanumeric(item))
                    }
                } else {
                    value.forEachItem { _, item in if let text = item.string ?? item.numberLiteral { add(text) } }
                }
            }
        }
        return found
    }

    /// What the template's calls may derive from a value: the literal delimiters of its `!Split` calls, and the
    /// count and subnet bits of its `!Cidr` calls (`nil` where not literal). One walk, made only for a template
    /// with a `NoEcho` parameter.
    private var derivingCalls: (delimiters: Set<String>, cidrs: Set<CidrCall>) {
        var delimiters: Set<String> = []
        var cidrs: Set<CidrCall> = []
        var pending: [SourceNode] = [root]
        while let node = pending.popLast() {
            if let call = Intrinsic.parse(node), let items = call.argument.items {
                if call.function == "Fn::Split", items.count == 2, let delimiter = items[0].string, !delimiter.isEmpty {
                    delimiters.insert(delimiter)
                } else if call.function == "Fn::Cidr", items.count == 3 {
                    cidrs.insert(CidrCall(count: (items[1].string ?? items[1].numberLiteral).flatMap { Int($0) },
                                          bits: (items[2].string ?? items[2].numberLiteral).flatMap { Int($0) }))
                }
            }
            if let entries = node.entries {
                pending.append(contentsOf: entries.map(\.value))
            } else if let items = node.items {
                pending.append(contentsOf: items)
            }
        }
        return (delimiters, cidrs)
    }

    /// A `!Cidr` call's count and subnet bits, when literal.
    struct CidrCall: Hashable {
        let count: Int?
        let bits: Int?
    }

    /// The blocks each `!Cidr` call makes of a text that is a CIDR block (a `NoEcho` network cut into subnets is
    /// still the secret network: `!Select [0, !Cidr [!Ref Office, 2, 14]]` printed `10.44.0.0/18`). A count or
    /// subnet bits the template does not spell are every value CloudFormation accepts (256 blocks, each size).
    static func cidrBlocks(of text: String, _ calls: Set<CidrCall>) -> [String] {
        guard !calls.isEmpty, let block = CIDR(text) else { return [] }
        var blocks: Set<String> = []
        for call in calls {
            let sizes = call.bits.map { [$0] } ?? Array(1...block.version.bits)
            for bits in sizes where (1...block.version.bits).contains(bits) {
                // How many blocks of that size the block holds (256 is all `!Cidr` makes).
                let room = block.version.bits - bits - block.prefixLength
                guard room >= 0 else { continue }
                let count = min(call.count ?? 256, room >= 8 ? 256 : 1 << room)
                guard count >= 1, let split = block.split(count: count, hostBits: bits) else { continue }
                blocks.formUnion(split.map(\.description))
            }
        }
        return blocks.sorted()
    }

    /// A text spelling a decimal number as the number's shortest spelling, when that differs (`05432` → `5432`,
    /// `+22` → `22`, `443.0` → `443`); `nil` otherwise.
    static func numberSpelling(_ text: String) -> String? {
        guard text.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              text.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+")
                  || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let number = Double(text), number.isFinite else { return nil }
        let spelt = number == number.rounded() && abs(number) < 1e18 ? String(Int64(number)) : String(number)
        return spelt == text ? nil : spelt
    }
}

/// One entry of `Parameters`.
struct TemplateParameter {
    let name: String
    let node: SourceNode
    /// For a stack set's body: the values the stack set deploys it with (`StackSetParameters`), in place of its
    /// `Default` and `AllowedValues`; `nil` when the stack set leaves it at its `Default`.
    var given: Given?

    /// What a stack set gives a parameter of its body.
    enum Given {
        /// Each a value some stack instance may take (the stack set's, its instance groups' overrides).
        case values([SourceNode])
        /// A value the template does not decide, and why.
        case unknown(String)
    }

    init(name: String, node: SourceNode, given: Given? = nil) {
        self.name = name
        self.node = node
        self.given = given
    }

    var type: String? { node["Type"]?.string }
    /// `NoEcho: true` (or the string `"true"`, as CloudFormation reads it in any case).
    var isNoEcho: Bool {
        guard let flag = node["NoEcho"] else { return false }
        return flag.bool == true || flag.string?.lowercased() == "true"
    }
    var defaultValue: SourceNode? { given == nil ? node["Default"] : nil }
    var allowedValues: [SourceNode] {
        switch given {
        case nil: return node["AllowedValues"]?.items ?? []
        case .values(let values): return values
        case .unknown: return []
        }
    }
}
