import PolicyCheckSyntax

/// A set of address ranges allowed to reach something: IP filtering, security-group ingress, load-balancer source
/// ranges, ingress annotations.
///
/// A value type whose fields live in one copy-on-write box (`CopyOnWriteFields`, as an entry's do): a deployment
/// holds one per guarded resource, and as an array element each was some 480 bytes, copied whole whenever the array
/// grew (31 MB of a 100,000-object Kubernetes list's peak); boxed, an element is one reference. Writes go through
/// `_modify`, so appending to `entries` changes the list in place.
public struct Allowlist: Sendable {
    public var kind: AllowlistKind {
        get { storage.fields.kind }
        _modify { yield &storage.fields.kind }
    }
    public var component: String {
        get { storage.fields.component }
        _modify { yield &storage.fields.component }
    }
    public var origin: Origin {
        get { storage.fields.origin }
        _modify { yield &storage.fields.origin }
    }
    /// Whether filtering is switched on (`nil`: the format has no switch, so it is on when present).
    public var enabled: Located<Bool>? {
        get { storage.fields.enabled?.value }
        set { storage.fields.enabled = newValue.map(EnabledBox.init) }
    }
    /// Whether the list guards an internet-facing endpoint.
    public var internetFacing: Bool {
        get { storage.fields.internetFacing }
        _modify { yield &storage.fields.internetFacing }
    }
    /// Whether the format gives entries a description field.
    public var hasDescriptionField: Bool {
        get { storage.fields.hasDescriptionField }
        _modify { yield &storage.fields.hasDescriptionField }
    }
    public var entries: [AllowlistEntry] {
        get { storage.fields.entries }
        _modify { yield &storage.fields.entries }
    }
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode? {
        get { storage.fields.raw?.node }
        set { storage.fields.raw = RawPlace.replacing(storage.fields.raw, node: newValue) }
    }
    /// The path of `rawNode` when it is not at `origin`: a Kubernetes allowlist's raw node is its whole object, at
    /// `""`, while `origin` is the field the ranges come from. `nil`: `rawNode` is at `origin`.
    public var rawPath: String? {
        get { storage.fields.raw?.path }
        set { storage.fields.raw = RawPlace.replacing(storage.fields.raw, path: newValue) }
    }
    /// The resource whose rules the list holds when other resources add rules to it too — a security group, whose
    /// standalone ingress rules join it — so that what they admit together is judged together (`nil`: the list is
    /// the whole of what its resource admits).
    public var joins: String? {
        get { storage.fields.joins }
        _modify { yield &storage.fields.joins }
    }
    /// `rawNode` and `rawPath` as one shared reference, which the list's entries can hold too.
    public var rawPlace: RawPlace? {
        get { storage.fields.raw }
        set { storage.fields.raw = newValue }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(kind: AllowlistKind, component: String, origin: Origin, internetFacing: Bool,
                hasDescriptionField: Bool) {
        storage = CopyOnWriteFields(Fields(kind: kind, component: component, origin: origin,
                                           internetFacing: internetFacing, hasDescriptionField: hasDescriptionField))
    }

    /// Fields every list has inline; the raw place (shared with the entries) and the rarely given switch by
    /// reference: inline they were 176 bytes a list, 13 MB of a 100,000-object Kubernetes list.
    private struct Fields {
        var kind: AllowlistKind
        var component: String
        var origin: Origin
        var internetFacing: Bool
        var hasDescriptionField: Bool
        var entries: [AllowlistEntry] = []
        var raw: RawPlace?
        var enabled: EnabledBox?
        var joins: String?
    }

    private final class EnabledBox: Sendable {
        let value: Located<Bool>

        init(_ value: Located<Bool>) {
            self.value = value
        }
    }

    /// Whether filtering is in force.
    public var isEnabled: Bool { enabled?.value ?? true }

    /// The entries in force: enabled ones only.
    public var effectiveEntries: [AllowlistEntry] { entries.filter { $0.enabled } }
}

/// What an allowlist protects.
public enum AllowlistKind: String, Sendable, Codable {
    case ipFiltering = "ip-filtering"
    case securityGroupIngress = "security-group-ingress"
    case loadBalancerSourceRanges = "load-balancer-source-ranges"
    case ingressAnnotation = "ingress-annotation"
    case networkPolicy = "network-policy"
    case endpointPublicAccess = "endpoint-public-access"
    case webACLIPSet = "web-acl-ip-set"
}

/// An inclusive port range (`0...65535` for all ports).
public struct PortRange: Sendable, Hashable {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ port: Int) -> Bool { lower <= port && port <= upper }
}
