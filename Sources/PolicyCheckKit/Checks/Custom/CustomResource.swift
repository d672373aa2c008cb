import PolicyCheckModel
import PolicyCheckSyntax

/// One resource of the normalised model as custom rules see it: a kind, a place, named attributes and, when the
/// adapter kept it, the raw source node for `raw.<path>`.
public struct CustomResource: Sendable {
    public var kind: ResourceKind
    /// The component findings name (the evaluator prefixes the deployment name).
    public var component: String
    /// Where the resource is declared: findings about attributes that are not set point here.
    public var origin: Origin
    public var attributes: [String: Attribute]
    public var rawNode: SourceNode?
    /// The path of `rawNode`, which `raw.<path>` attributes extend; `nil`: it is at `origin`.
    public var rawPath: String?

    public init(kind: ResourceKind, component: String, origin: Origin, attributes: [String: Attribute] = [:],
                rawNode: SourceNode? = nil, rawPath: String? = nil) {
        self.kind = kind
        self.component = component
        self.origin = origin
        self.attributes = attributes
        self.rawNode = rawNode
        self.rawPath = rawPath
    }

    /// The attribute at a path: a normalised attribute, or `raw.<path>` into the source node. `nil`: not set.
    public func attribute(_ path: String) -> Attribute? {
        if path.hasPrefix("raw.") { return raw(String(path.dropFirst(4))) }
        return attributes[path]
    }

    mutating func set(_ path: String, _ attribute: Attribute?) {
        if let attribute { attributes[path] = attribute }
    }

    mutating func set(_ path: String, _ value: AttributeValue, at origin: Origin?) {
        attributes[path] = Attribute(.known(value), at: origin)
    }

    /// Walks `a.b[0].c` (or `a.b.0.c`) through the raw node.
    private func raw(_ path: String) -> Attribute? {
        guard let rawNode, let node = RawPath.node(rawNode, RawPath.steps(path)) else { return nil }
        guard let value = AttributeValue(node) else { return nil }
        let root = rawPath ?? origin.path
        let base = root.isEmpty ? "" : root + "."
        return Attribute(.known(value), at: Origin(offset: node.offset, path: base + path))
    }
}

/// The steps of a raw attribute path: `a.b[0].c` → key a, key b, index 0, key c.
enum RawPath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// `nil` when the path is malformed (empty steps, an unclosed bracket, a non-numeric index).
    static func parse(_ path: String) -> [Step]? {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let name = rest.prefix { $0 != "[" }
            rest = rest.dropFirst(name.count)
            if !name.isEmpty {
                steps.append(name.allSatisfy(\.isNumber) && !steps.isEmpty ? .index(Int(name)!) : .key(String(name)))
            } else if rest.isEmpty {
                return nil
            }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        return steps.isEmpty ? nil : steps
    }

    static func steps(_ path: String) -> [Step] { parse(path) ?? [] }

    /// The node the steps lead to from `root`, or `nil` when one is missing.
    static func node(_ root: SourceNode, _ steps: [Step]) -> SourceNode? {
        var node = root
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = node[key] else { return nil }
                node = next
            case .index(let index):
                guard let items = node.items, items.indices.contains(index) else { return nil }
                node = items[index]
            }
        }
        return node
    }
}
