import PolicyCheckModel
import PolicyCheckSyntax

/// One managed resource instance a plan will leave in place (created, updated, replaced or unchanged).
///
/// A class: readers pass resources around and keep them in indexes, and a copy of a reference is one retain where a
/// copy of these fields is a dozen.
final class TerraformResource {
    /// The full instance address, e.g. `module.db[0].aws_db_instance.main["a"]`.
    let address: String
    let type: String
    /// The module instance it lives in (`module.db[0]`), empty at the root.
    let moduleAddress: String
    /// The module path by call name, without instance keys (`["db"]`), to find its configuration.
    let modulePath: [String]
    /// The address inside its module, without instance key (`aws_db_instance.main`), as the configuration names it.
    let configAddress: String
    /// The instance key as written (`[0]`, `["a"]`), or empty.
    let instanceKey: String
    /// The resource's entry (its mapping in `resource_changes` or `resources`).
    let origin: Origin
    /// Where the plan says it replaces the resource (`change.actions` with `delete` and `create`); `nil` otherwise.
    var replacedAt: Origin?
    /// The root of its attributes, kept in parts (`attributes` puts them together when asked): three nodes of a
    /// plan's tape are 12 bytes where three `SourceNode`s were 144, and a plan of 100,000 resources keeps them all.
    private let roots: TerraformAttributeRoots
    private let resourcePath: String
    private let configured: Bool
    private let place: TerraformValuesPlace
    private let anchor: Int

    init(address: String, type: String, moduleAddress: String, modulePath: [String], configAddress: String,
         instanceKey: String, origin: Origin, roots: TerraformAttributeRoots, configured: Bool,
         place: TerraformValuesPlace, anchor: Int) {
        self.address = address
        self.type = type
        self.moduleAddress = moduleAddress
        self.modulePath = modulePath
        self.configAddress = configAddress
        self.instanceKey = instanceKey
        self.origin = origin
        self.roots = roots
        self.resourcePath = origin.path
        self.configured = configured
        self.place = place
        self.anchor = anchor
    }

    /// Its `after` (or `values`) mapping alone, without the rest of `attributes`.
    var valuesNode: SourceNode? { roots.node }

    /// Its `after_unknown` mapping alone (plans' `resource_changes` only).
    var unknownMirror: SourceNode? { roots.unknown }

    /// The root of its attributes: `after` (or `values`), `after_unknown` and the configuration's `expressions`.
    var attributes: TerraformAttribute {
        let (node, unknown, expression) = roots.nodes
        return TerraformAttribute(node: node, unknown: unknown, expressions: expression, configured: configured,
                                  resourcePath: resourcePath, place: place, anchor: anchor)
    }

    /// The attribute `key`.
    subscript(_ key: String) -> TerraformAttribute { attributes.child(key) }

    /// The origin of the resource's attribute values (`after` or `values`), which custom rules' `raw.<path>` starts
    /// from; the resource's own origin when there are none.
    var rawOrigin: Origin {
        guard let node = valuesNode else { return origin }
        return Origin(offset: node.offset, spelling: attributes.pathSpelling)
    }

    /// Whether the resource is an AWS resource.
    var isAWS: Bool { type.hasPrefix("aws_") }
}

/// A resource's `after` (or `values`), `after_unknown` and configuration `expressions` nodes: as indexes into the
/// plan's tape when all come from it unchanged (as every plan's do), else as nodes.
enum TerraformAttributeRoots {
    case tape(SourceTape, node: UInt32, unknown: UInt32, expression: UInt32)
    indirect case nodes(SourceNode?, SourceNode?, SourceNode?)

    /// The index that stands for no node.
    private static let none = UInt32.max

    init(_ node: SourceNode?, _ unknown: SourceNode?, _ expression: SourceNode?) {
        let parts = [node, unknown, expression]
        let references = parts.map { $0?.unchangedTapeReference }
        guard let tape = references.lazy.compactMap({ $0?.tape }).first,
              zip(parts, references).allSatisfy({ part, reference in
                  part == nil || (reference.map { $0.tape === tape && $0.index != Self.none } ?? false)
              }) else {
            self = .nodes(node, unknown, expression)
            return
        }
        let indexes = references.map { $0?.index ?? Self.none }
        self = .tape(tape, node: indexes[0], unknown: indexes[1], expression: indexes[2])
    }

    /// The first node alone.
    var node: SourceNode? {
        switch self {
        case .nodes(let node, _, _): return node
        case .tape(let tape, let node, _, _): return node == Self.none ? nil : SourceNode(tape: tape, index: node)
        }
    }

    /// The second node alone (`after_unknown`).
    var unknown: SourceNode? {
        switch self {
        case .nodes(_, let unknown, _): return unknown
        case .tape(let tape, _, let unknown, _): return unknown == Self.none ? nil : SourceNode(tape: tape, index: unknown)
        }
    }

    var nodes: (SourceNode?, SourceNode?, SourceNode?) {
        switch self {
        case .nodes(let node, let unknown, let expression):
            return (node, unknown, expression)
        case .tape(let tape, let node, let unknown, let expression):
            func make(_ index: UInt32) -> SourceNode? { index == Self.none ? nil : SourceNode(tape: tape, index: index) }
            return (make(node), make(unknown), make(expression))
        }
    }
}

/// Terraform address syntax: module paths and instance keys.
enum TerraformAddress {
    /// Splits a resource address into its module part and its own part: `module.a[0].aws_x.y[1]` gives
    /// `("module.a[0]", "aws_x.y[1]")`.
    static func split(_ address: String) -> (module: String, resource: String) {
        // Most addresses are at the root: the resource part is the address itself (sharing its storage).
        guard address.hasPrefix("module.") else { return ("", address) }
        var rest = Substring(address)
        var module = ""
        while rest.hasPrefix("module.") {
            let afterPrefix = rest.dropFirst("module.".count)
            let end = endOfStep(afterPrefix)
            module += (module.isEmpty ? "" : ".") + "module." + afterPrefix[..<end]
            rest = afterPrefix[end...]
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
        }
        return (module, String(rest))
    }

    /// Module call names along a module address: `module.a[0].module.b` gives `["a", "b"]`.
    static func modulePath(_ moduleAddress: String) -> [String] {
        var names: [String] = []
        var rest = Substring(moduleAddress)
        while rest.hasPrefix("module.") {
            let afterPrefix = rest.dropFirst("module.".count)
            let end = endOfStep(afterPrefix)
            let step = afterPrefix[..<end]
            names.append(String(step.prefix { $0 != "[" }))
            rest = afterPrefix[end...]
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
        }
        return names
    }

    /// Splits a trailing instance key off: `aws_x.y["a.b"]` gives `("aws_x.y", "[\"a.b\"]")`.
    static func splitKey(_ address: String) -> (base: String, key: String) {
        guard address.hasSuffix("]"), let open = openingBracket(of: address) else { return (address, "") }
        return (String(address[..<open]), String(address[open...]))
    }

    /// The end of one `name[key]` step, honouring quoted keys that may hold dots or brackets.
    private static func endOfStep(_ text: Substring) -> Substring.Index {
        var index = text.startIndex
        var depth = 0
        var quoted = false
        while index < text.endIndex {
            let character = text[index]
            if quoted {
                if character == "\\" { index = text.index(after: index) } else if character == "\"" { quoted = false }
            } else if character == "\"" {
                quoted = true
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            } else if character == "." && depth == 0 {
                return index
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        return text.endIndex
    }

    /// The `[` that opens the trailing instance key.
    private static func openingBracket(of address: String) -> String.Index? {
        var quoted = false
        var open: String.Index?
        var index = address.startIndex
        while index < address.endIndex {
            let character = address[index]
            if quoted {
                if character == "\\" { index = address.index(after: index) } else if character == "\"" { quoted = false }
            } else if character == "\"" {
                quoted = true
            } else if character == "[" {
                open = index
            } else if character == "." {
                open = nil
            }
            if index < address.endIndex { index = address.index(after: index) }
        }
        return open
    }
}
