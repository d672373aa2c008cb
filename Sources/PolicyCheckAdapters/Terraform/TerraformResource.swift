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
    /// Whether its `after_unknown` marks it unknown as a whole (`TerraformAttribute.isUnknownMark`), worked out once.
    private let unknownIsMark: Bool

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
        unknownIsMark = TerraformAttribute.isUnknownMark(roots.unknown)
    }

    /// Its `after` (or `values`) mapping alone, without the rest of `attributes`.
    var valuesNode: SourceNode? { roots.node }

    /// Its `after_unknown` mapping alone (plans' `resource_changes` only).
    var unknownMirror: SourceNode? { roots.unknown }

    /// Its block in the configuration (`address`, `provider_config_key`, `expressions`), when the plan has one.
    var configurationBlock: SourceNode? { roots.block }

    /// The root of its attributes: `after` (or `values`), `after_unknown` and the configuration's `expressions`.
    var attributes: TerraformAttribute {
        let (node, unknown, expression) = roots.nodes
        return TerraformAttribute(node: node, unknown: unknown, expressions: expression, configured: configured,
                                  resourcePath: resourcePath, place: place, anchor: anchor, unknownIsMark: unknownIsMark)
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
    case tape(SourceTape, node: UInt32, unknown: UInt32, expression: UInt32, block: UInt32)
    indirect case nodes(SourceNode?, SourceNode?, SourceNode?, block: SourceNode?)

    /// The index that stands for no node.
    private static let none = UInt32.max

    /// `block`: the resource's configuration block (`address`, `provider_config_key`, `expressions`), when found.
    init(_ node: SourceNode?, _ unknown: SourceNode?, _ expression: SourceNode?, block: SourceNode? = nil) {
        // Without arrays: every resource of a plan passes here.
        let references = (node?.unchangedTapeReference, unknown?.unchangedTapeReference,
                          expression?.unchangedTapeReference, block?.unchangedTapeReference)
        guard let tape = references.0?.tape ?? references.1?.tape ?? references.2?.tape ?? references.3?.tape,
              Self.fits(node, references.0, tape), Self.fits(unknown, references.1, tape),
              Self.fits(expression, references.2, tape), Self.fits(block, references.3, tape) else {
            self = .nodes(node, unknown, expression, block: block)
            return
        }
        self = .tape(tape, node: references.0?.index ?? Self.none, unknown: references.1?.index ?? Self.none,
                     expression: references.2?.index ?? Self.none, block: references.3?.index ?? Self.none)
    }

    /// Whether a part is absent, or an unchanged node of `tape` that an index can stand for.
    private static func fits(_ part: SourceNode?, _ reference: (tape: SourceTape, index: UInt32)?,
                             _ tape: SourceTape) -> Bool {
        guard part != nil else { return true }
        guard let reference else { return false }
        return reference.tape === tape && reference.index != none
    }

    /// The first node alone.
    var node: SourceNode? {
        switch self {
        case .nodes(let node, _, _, _): return node
        case .tape(let tape, let node, _, _, _): return node == Self.none ? nil : SourceNode(tape: tape, index: node)
        }
    }

    /// The second node alone (`after_unknown`).
    var unknown: SourceNode? {
        switch self {
        case .nodes(_, let unknown, _, _): return unknown
        case .tape(let tape, _, let unknown, _, _): return unknown == Self.none ? nil : SourceNode(tape: tape, index: unknown)
        }
    }

    /// The configuration block alone.
    var block: SourceNode? {
        switch self {
        case .nodes(_, _, _, let block): return block
        case .tape(let tape, _, _, _, let block): return block == Self.none ? nil : SourceNode(tape: tape, index: block)
        }
    }

    var nodes: (SourceNode?, SourceNode?, SourceNode?) {
        switch self {
        case .nodes(let node, let unknown, let expression, _):
            return (node, unknown, expression)
        case .tape(let tape, let node, let unknown, let expression, _):
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
        guard address.utf8.starts(with: modulePrefix) else { return ("", address) }
        let bytes = address.utf8
        var rest = bytes.startIndex
        var moduleEnd = rest
        // The module part is the run of `module.<name>[<key>]` steps, each read on the bytes as Terraform reads an
        // address (a quoted key may hold dots and brackets).
        while bytes[rest...].starts(with: modulePrefix) {
            let end = endOfStep(bytes, from: bytes.index(rest, offsetBy: modulePrefix.count))
            moduleEnd = end
            rest = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return (String(address[..<moduleEnd]), String(address[rest...]))
    }

    /// Module call names along a module address: `module.a[0].module.b` gives `["a", "b"]`.
    static func modulePath(_ moduleAddress: String) -> [String] {
        var names: [String] = []
        let bytes = moduleAddress.utf8
        var rest = bytes.startIndex
        while bytes[rest...].starts(with: modulePrefix) {
            let nameStart = bytes.index(rest, offsetBy: modulePrefix.count)
            let end = endOfStep(bytes, from: nameStart)
            let nameEnd = bytes[nameStart..<end].firstIndex(of: UInt8(ascii: "[")) ?? end
            names.append(String(moduleAddress[nameStart..<nameEnd]))
            rest = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return names
    }

    /// Splits a trailing instance key off: `aws_x.y["a.b"]` gives `("aws_x.y", "[\"a.b\"]")`.
    static func splitKey(_ address: String) -> (base: String, key: String) {
        guard address.utf8.last == UInt8(ascii: "]"), let open = openingBracket(of: address) else { return (address, "") }
        return (String(address[..<open]), String(address[open...]))
    }

    private static let modulePrefix = Array("module.".utf8)

    /// The end of one `name[key]` step starting at `start`: the first `.` outside brackets and quotes, honouring
    /// quoted keys that may hold dots or brackets.
    private static func endOfStep(_ bytes: String.UTF8View, from start: String.Index) -> String.Index {
        var index = start
        var depth = 0
        var quoted = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\\") {
                    index = bytes.index(after: index)
                    if index == bytes.endIndex { break }
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ".") && depth == 0 {
                return index
            }
            index = bytes.index(after: index)
        }
        return bytes.endIndex
    }

    /// The `[` that opens the trailing instance key.
    private static func openingBracket(of address: String) -> String.Index? {
        let bytes = address.utf8
        var quoted = false
        var open: String.Index?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\\") {
                    index = bytes.index(after: index)
                    if index == bytes.endIndex { break }
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "[") {
                open = index
            } else if byte == UInt8(ascii: ".") {
                open = nil
            }
            index = bytes.index(after: index)
        }
        return open
    }
}
