import PolicyCheckModel
import PolicyCheckSyntax

/// One attribute of a planned resource, read in step through `after`, `after_unknown` and the configuration's
/// `expressions`, so a value can be told apart as known, unknown until apply, or left for the provider to compute.
struct TerraformAttribute {
    /// The value in `after` (or `values`); `nil` when absent.
    let node: SourceNode?
    /// The mirror in `after_unknown`: `true` when unknown until apply; in a document written from source, a string
    /// saying why when the value is unknown for another reason (`TerraformPlanNodes.split`).
    let unknown: SourceNode?
    /// The mirror in the resource's configuration `expressions`; `nil` when the author did not set it.
    let expression: SourceNode?
    /// Whether the resource's configuration was found, so a missing expression means "not set".
    let configured: Bool
    /// Paths of the value in `after` and in `after_unknown` (the latter `nil` for planned or state values), built
    /// only when asked for: the resource's paths and the steps below them (`.ingress[0]`). The last step is kept
    /// as a step and spelt only when a path is asked for or a further step is taken, so reading an attribute of a
    /// resource (most reads only test presence or a flag) builds no string at all.
    var path: String { Self.spell(resourcePath, valuesStep, prefix, last) }
    var unknownPath: String? { unknownStep.map { Self.spell(resourcePath, $0, prefix, last) } }
    /// The resource's own path (`resource_changes[3]`), shared with its origin, and where its values are below
    /// it: a resource keeps one path string, and the origins that spell paths on demand keep one byte for the rest.
    private let resourcePath: String
    private let place: TerraformValuesPlace
    private var valuesStep: String { place.valuesStep }
    private var unknownStep: String? { place.unknownStep }

    /// `resource` + `values` + `prefix` + the last step, spelt into one string with one allocation (every origin of
    /// the Terraform model is a path like this).
    private static func spell(_ resource: String, _ values: String, _ prefix: String, _ last: TerraformStep?) -> String {
        switch last {
        case .key(let key)?: return join(resource, values, prefix, ".", key, "")
        case .index(let index)?: return join(resource, values, prefix, "[", String(index), "]")
        case nil: return join(resource, values, prefix, "", "", "")
        }
    }

    /// The parts' bytes copied into one new string (`+=` a part at a time costs several hundred instructions per
    /// part, and paths are spelt for every origin the model keeps).
    private static func join(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String) -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            func put(_ part: String) {
                guard !part.isEmpty else { return }
                let copied: Void? = part.utf8.withContiguousStorageIfAvailable { bytes in
                    if let source = bytes.baseAddress { (buffer.baseAddress! + offset).update(from: source, count: bytes.count) }
                }
                if copied == nil {
                    for (index, byte) in part.utf8.enumerated() { buffer[offset + index] = byte }
                }
                offset += part.utf8.count
            }
            put(a)
            put(b)
            put(c)
            put(d)
            put(e)
            put(f)
            return offset
        }
    }

    /// The steps above the last one, spelt out.
    private let prefix: String
    private let last: TerraformStep?
    /// The list this attribute is an item of, when read through `items` (its items' origins share its path).
    private let list: PathSpelling.List?
    private var suffix: String {
        if case nil = last { return prefix }
        return Self.spell("", "", prefix, last)
    }
    /// Offset of the closest enclosing value that exists, for origins of absent values.
    let anchor: Int
    /// For a resource's root, worked out once per resource rather than at every attribute read through it: whether
    /// its `after_unknown` marks it unknown as a whole (`nil` below the root, where it is read when asked), and
    /// that its `expressions` is the block's mapping of attributes, never one attribute's leaf.
    private let rootUnknownMark: Bool?
    private let isRoot: Bool

    /// The root of a resource's attributes. `unknownIsMark`: `isUnknownMark(unknown)`, which the resource keeps.
    init(node: SourceNode?, unknown: SourceNode?, expressions: SourceNode?, configured: Bool, resourcePath: String,
         place: TerraformValuesPlace, anchor: Int, unknownIsMark: Bool) {
        self.node = node
        self.unknown = unknown
        self.expression = expressions
        self.configured = configured
        self.resourcePath = resourcePath
        self.place = place
        self.prefix = ""
        self.last = nil
        self.list = nil
        self.anchor = anchor
        self.rootUnknownMark = unknownIsMark
        self.isRoot = true
    }

    private init(node: SourceNode?, unknown: SourceNode?, expression: SourceNode?, configured: Bool,
                 resourcePath: String, place: TerraformValuesPlace, prefix: String, last: TerraformStep,
                 list: PathSpelling.List?, anchor: Int) {
        self.node = node
        self.unknown = unknown
        self.expression = expression
        self.configured = configured
        self.resourcePath = resourcePath
        self.place = place
        self.prefix = prefix
        self.last = last
        self.list = list
        self.anchor = anchor
        self.rootUnknownMark = nil
        self.isRoot = false
    }

    /// The attribute or nested block `key`.
    func child(_ key: String) -> TerraformAttribute {
        // One name looked up in up to three mappings: hash it once.
        let name = SourceKey(key)
        return step(node: node?[name], unknown: isUnknownMark ? unknown : unknown?[name],
                    expression: isExpressionLeaf ? expression : expression?[name], step: .key(key))
    }

    /// Item `index` of a list or nested block.
    func child(_ index: Int) -> TerraformAttribute {
        func item(_ list: SourceNode?) -> SourceNode? { list?.item(at: index) }
        return step(node: item(node), unknown: isUnknownMark ? unknown : item(unknown),
                    expression: isExpressionLeaf ? expression : item(expression), step: .index(index))
    }

    /// Follows keys and list indexes, e.g. `["rule", 0, "apply_server_side_encryption_by_default", 0]`.
    func descend(_ steps: [TerraformStep]) -> TerraformAttribute {
        steps.reduce(self) { attribute, step in
            switch step {
            case .key(let key): return attribute.child(key)
            case .index(let index): return attribute.child(index)
            }
        }
    }

    /// `prefix`: this attribute's `suffix`, when the caller has spelt it already (the items of a list share one).
    private func step(node: SourceNode?, unknown: SourceNode?, expression: SourceNode?, step: TerraformStep,
                      prefix: String? = nil, list: PathSpelling.List? = nil) -> TerraformAttribute {
        TerraformAttribute(node: node, unknown: unknown, expression: expression, configured: configured,
                           resourcePath: resourcePath, place: place, prefix: prefix ?? suffix,
                           last: step, list: list,
                           anchor: self.node?.offset ?? anchor)
    }

    /// Whether this attribute's expression is a leaf, which its children share.
    private var isExpressionLeaf: Bool { !isRoot && Self.isLeaf(expression) }

    /// An expression leaf (`constant_value` or `references`), as opposed to a nested block's expressions.
    private static func isLeaf(_ expression: SourceNode?) -> Bool {
        guard let expression else { return false }
        return expression[references] != nil || expression[constantValue] != nil
    }

    private static let references = SourceKey("references")
    private static let constantValue = SourceKey("constant_value")

    // MARK: - State

    /// Whether the value is unknown until apply.
    var isUnknown: Bool { isUnknownMark && (node == nil || node?.isNull == true) }

    /// Whether the `after_unknown` mirror marks the whole value unknown (`true`, or a reason written from source).
    private var isUnknownMark: Bool { rootUnknownMark ?? Self.isUnknownMark(unknown) }

    /// Whether an `after_unknown` mirror marks the whole value unknown.
    static func isUnknownMark(_ unknown: SourceNode?) -> Bool {
        // Kinds first: the mirror of a resource's attribute is most often a mapping or `false`, and its text is never
        // needed here.
        guard let unknown else { return false }
        if unknown.isMapping { return unknown[Self.encodedAfter] != nil }
        return unknown.bool == true || unknown.isString
    }

    /// For an unknown JSON text written from source: what it encodes, as `after` and `after_unknown` nodes
    /// (`TerraformPlanNodes.split`) — a policy's known statements with their unknown resources marked.
    var encodedDocument: (after: SourceNode, unknown: SourceNode?)? {
        guard isUnknown, let after = unknown?[Self.encodedAfter] else { return nil }
        return (after, unknown?[Self.encodedUnknown])
    }

    private static let encodedAfter = SourceKey(TerraformPlanNodes.encodedAfter)
    private static let encodedUnknown = SourceKey(TerraformPlanNodes.encodedUnknown)
    private static let encodedReason = SourceKey(TerraformPlanNodes.encodedReason)

    /// Whether the provider will compute the value: unknown, and not set in a configuration that was found — or set
    /// to `null` there (`kms_key_id = null`), which Terraform treats as not set.
    var isProviderDefault: Bool { isUnknown && configured && (expression == nil || isConfiguredNull) }

    /// Whether the configuration writes the value as a literal `null`: an expression with no references and a null
    /// (or no) constant value.
    private var isConfiguredNull: Bool {
        guard let expression, let entries = expression.entries else { return false }
        return entries.allSatisfy { entry in
            switch entry.key {
            case "constant_value": entry.value.isNull
            case "references": entry.value.items?.isEmpty ?? true
            default: false
            }
        }
    }

    /// Whether the value is absent or null (and not unknown).
    var isAbsent: Bool { !isUnknown && (node == nil || node?.isNull == true) }

    /// Where the value is: in `after` when present, in `after_unknown` when unknown, else the closest value.
    var origin: Origin {
        if isLocatedInUnknown, let unknown {
            let (resourcePath, place, prefix, last) = (resourcePath, place, prefix, last)
            return Origin(offset: unknown.offset, spelling: { Self.spell(resourcePath, place.unknownStep ?? "", prefix, last) })
        }
        return fieldOrigin
    }

    /// Where the value belongs, for "expected … to be set" messages: the path in `after`, located like `origin`.
    var fieldOrigin: Origin {
        let offset: Int
        if let node, !node.isNull {
            offset = node.offset
        } else if isLocatedInUnknown, let unknown {
            offset = unknown.offset
        } else {
            offset = node?.offset ?? anchor
        }
        if let list, case .index(let index)? = last {
            return Origin(offset: offset, pathSpelling: PathSpelling(item: index, of: list))
        }
        return Origin(offset: offset, spelling: pathSpelling)
    }

    /// Whether the value is located in `after_unknown`: unknown until apply, with a mirror to point at.
    private var isLocatedInUnknown: Bool { isUnknown && unknown != nil && unknownStep != nil }

    /// Spells `path` when called (origins keep this rather than the path).
    var pathSpelling: @Sendable () -> String {
        let (resourcePath, place, prefix, last) = (resourcePath, place, prefix, last)
        return { Self.spell(resourcePath, place.valuesStep, prefix, last) }
    }

    /// The configuration's references for the value (`aws_kms_key.data.arn`, `var.key`), most specific first.
    var references: [String] {
        // Read item by item from the tape: the list of nodes made first cost about 1,000 instructions a read, and
        // every key and store reference is read so.
        guard let list = expression?[Self.references] else { return [] }
        var texts: [String] = []
        list.forEachItem { _, item in if let text = item.string { texts.append(text) } }
        return texts
    }

    /// Why an unknown value is unknown, naming what it comes from when the configuration says — or, read from
    /// source, what made it unknown there when that is not apply (a function policycheck does not evaluate, a
    /// variable without a value: docs/terraform-source.md, "What cannot be verified").
    var unknownReason: String {
        if let stated = unknown?.string ?? unknown?[Self.encodedReason]?.string { return "not known here (\(stated))" }
        guard let first = references.first else { return "known only after apply" }
        return "known only after apply (it comes from \(first))"
    }

    // MARK: - Typed values

    /// A string (numbers are kept as written); `nil` when absent, null or left to the provider.
    func string() -> Located<Fact<String>>? {
        if isUnknown { return isProviderDefault ? nil : Located(.unknown(reason: unknownReason), at: origin) }
        guard let text = scalarText else { return nil }
        return Located(.known(text), at: origin)
    }

    /// A known, non-empty string (without working out where it is).
    var knownString: String? {
        guard !isUnknown, let text = scalarText, !text.isEmpty else { return nil }
        return text
    }

    /// The text of a string or number value (read without building the value of a container).
    private var scalarText: String? { node.flatMap { $0.string ?? $0.numberLiteral } }

    /// A boolean (`"true"`/`"false"` strings too, as older plans write them, and `"1"`/`"0"`, which Terraform
    /// converts to true and false where a bool is expected — go-cty's string-to-bool conversion,
    /// https://github.com/zclconf/go-cty/blob/main/cty/convert/conversion_primitive.go — so the source reader's
    /// `storage_encrypted = "0"` is false); `nil` when absent or left to the provider. Another string, a number, a
    /// list or an object (`"TRUE"`, `"on"`, `1`, `[true]`) is one Terraform refuses: recorded for the source reader (`TerraformInvalidBools`)
    /// and unknown.
    func bool() -> Located<Fact<Bool>>? {
        if isUnknown { return isProviderDefault ? nil : Located(.unknown(reason: unknownReason), at: origin) }
        guard let node else { return nil }
        if let flag = node.bool { return Located(.known(flag), at: origin) }
        switch node.string {
        case "true"?, "1"?: return Located(.known(true), at: origin)
        case "false"?, "0"?: return Located(.known(false), at: origin)
        default: break
        }
        // Any other string, a number, a list or an object: Terraform refuses it where a bool is expected — never
        // read as absent.
        guard let text = node.string.map({ "\"\(Excerpt.quote($0))\"" }) ?? node.numberLiteral
                ?? (node.isSequence ? "a list" : node.entries != nil ? "an object" : nil) else { return nil }
        TerraformInvalidBools.current?.record(text, at: node.offset)
        return Located(.unknown(reason: TerraformInvalidBools.reason(text)), at: origin)
    }

    /// A known whole number (from a number or a numeric string).
    var knownInt: Int? { scalarText.flatMap { Int($0) } }

    /// The items of a list or nested block (none when absent or unknown as a whole).
    var items: [TerraformAttribute] {
        let count = node?.isSequence == true ? node!.memberCount : unknown?.isSequence == true ? unknown!.memberCount : 0
        guard count > 0 else { return [] }
        // Each list is read once: `child(_:)` reads the whole list to take one item, so calling it per index made
        // a list of n entries cost n² (a 100,000-entry allowlist ran for minutes).
        let nodes = node?.items
        let unknownWhole = isUnknownMark
        let unknowns = unknownWhole ? nil : unknown?.items
        let expressionLeaf = isExpressionLeaf
        let expressions = expressionLeaf ? nil : expression?.items
        func item(_ list: [SourceNode]?, _ index: Int) -> SourceNode? {
            guard let list, index < list.count else { return nil }
            return list[index]
        }
        // The items' paths share the list's: one string, not one per item (100,000 in a 100,000-entry list), and
        // their origins one spelling of the list's path, not a function each.
        let prefix = suffix
        let (resourcePath, place) = (resourcePath, place)
        let list = PathSpelling.List { Self.spell(resourcePath, place.valuesStep, prefix, nil) }
        return (0..<count).map { index in
            step(node: item(nodes, index), unknown: unknownWhole ? unknown : item(unknowns, index),
                 expression: expressionLeaf ? expression : item(expressions, index), step: .index(index),
                 prefix: prefix, list: list)
        }
    }
}

/// Where a resource's values are below the resource: a plan's resource change (`.change.after`, mirrored by
/// `.change.after_unknown`) or a planned or state resource (`.values`, with no mirror).
enum TerraformValuesPlace: Sendable {
    /// A plan's `resource_changes` (`after` and `after_unknown`), `planned_values` or a state's `values`, or the
    /// source reader's plan, whose paths are the configuration's (`aws_s3_bucket.data.bucket`).
    case change, values, source

    var valuesStep: String {
        switch self {
        case .change: return ".change.after"
        case .values: return ".values"
        case .source: return ""
        }
    }

    var unknownStep: String? {
        switch self {
        case .change: return ".change.after_unknown"
        case .values: return nil
        case .source: return ""
        }
    }
}

/// One step into an attribute: a key or a list index.
enum TerraformStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }

    init(_ step: SourcePathStep) {
        switch step {
        case .key(let key): self = .key(key)
        case .index(let index): self = .index(index)
        }
    }
    init(integerLiteral value: Int) { self = .index(value) }
}
