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
    /// Shared by the resources of one projection, which often share their raw node.
    var rawValues: RawValueCache?

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

    /// Walks `a.b[0].c` (or `a.b.0.c`) through the raw node; the value is converted once per node and path for all
    /// the resources sharing `rawValues`.
    private func raw(_ path: String) -> Attribute? {
        guard let rawNode else { return nil }
        let found: RawValueCache.Found?
        if let rawValues, let identity = rawNode.identity {
            found = rawValues.value(of: identity, at: path) { Self.rawValue(rawNode, path) }
        } else {
            found = Self.rawValue(rawNode, path)
        }
        guard let found else { return nil }
        let root = rawPath ?? origin.path
        let base = root.isEmpty ? "" : root + "."
        return Attribute(.known(found.value), at: Origin(offset: found.offset, path: base + path))
    }

    private static func rawValue(_ rawNode: SourceNode, _ path: String) -> RawValueCache.Found? {
        guard let node = RawPath.node(rawNode, RawPath.steps(path)), let value = AttributeValue(node) else { return nil }
        return RawValueCache.Found(value: value, offset: node.offset)
    }
}
