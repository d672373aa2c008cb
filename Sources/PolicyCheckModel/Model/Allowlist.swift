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
        get { storage.fields.enabled }
        _modify { yield &storage.fields.enabled }
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
        get { storage.fields.rawNode }
        _modify { yield &storage.fields.rawNode }
    }
    /// The path of `rawNode` when it is not at `origin`: a Kubernetes allowlist's raw node is its whole object, at
    /// `""`, while `origin` is the field the ranges come from. `nil`: `rawNode` is at `origin`.
    public var rawPath: String? {
        get { storage.fields.rawPath }
        _modify { yield &storage.fields.rawPath }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(kind: AllowlistKind, component: String, origin: Origin, internetFacing: Bool,
                hasDescriptionField: Bool) {
        storage = CopyOnWriteFields(Fields(kind: kind, component: component, origin: origin,
                                           internetFacing: internetFacing, hasDescriptionField: hasDescriptionField))
    }

    private struct Fields {
        var kind: AllowlistKind
        var component: String
        var origin: Origin
        var enabled: Located<Bool>?
        var internetFacing: Bool
        var hasDescriptionField: Bool
        var entries: [AllowlistEntry] = []
        var rawNode: SourceNode?
        var rawPath: String?
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

/// One range in an allowlist.
///
/// A value type whose fields live in one shared, copy-on-write box (`CopyOnWriteFields`, as `Finding`'s are): the
/// checks and the adapters copy entries into parsed lists, splits and evidence, and a copy of ten fields and their
/// references cost more than the checks' own work on a 100,000-entry list (a fifth of its instructions); a box makes it
/// one reference.
public struct AllowlistEntry: Sendable {
    public var cidr: Located<Fact<String>> {
        get { storage.fields.cidr }
        _modify { yield &storage.fields.cidr }
    }
    public var description: Located<String>? {
        get { storage.fields.description }
        _modify { yield &storage.fields.description }
    }
    public var enabled: Bool {
        get { storage.fields.enabled }
        _modify { yield &storage.fields.enabled }
    }
    /// Whether the entry is an exclusion from another (a NetworkPolicy `ipBlock.except`): not admitted, so not in
    /// force as an allowlist entry, yet a value the platform parses and rejects when malformed.
    public var isException: Bool {
        get { storage.fields.isException }
        _modify { yield &storage.fields.isException }
    }
    /// The entry's own origin (its mapping or list item), for findings about the entry as a whole.
    public var origin: Origin {
        get { storage.fields.origin }
        _modify { yield &storage.fields.origin }
    }
    /// Ports the entry opens, when the format says (security groups).
    public var ports: PortRange? {
        get { storage.fields.ports }
        _modify { yield &storage.fields.ports }
    }
    /// Further ports the same entry opens besides `ports` (a Kubernetes Service or NetworkPolicy rule with several
    /// ports). Empty for formats with one range per entry.
    public var additionalPorts: [PortRange] {
        get { storage.fields.additionalPorts }
        _modify { yield &storage.fields.additionalPorts }
    }
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode? {
        get { storage.fields.rawNode }
        _modify { yield &storage.fields.rawNode }
    }
    /// The path of `rawNode` when it is not at `origin`: a Kubernetes allowlist's raw node is its whole object, at
    /// `""`, while `origin` is the field the ranges come from. `nil`: `rawNode` is at `origin`.
    public var rawPath: String? {
        get { storage.fields.rawPath }
        _modify { yield &storage.fields.rawPath }
    }
    /// Set when the entry stands for a rule that names no source at all (no address range, prefix list or group),
    /// which the platform refuses or drops: why, for MMC-NET-002. Its `cidr` is then empty.
    public var missingSource: String? {
        get { storage.fields.missingSource }
        _modify { yield &storage.fields.missingSource }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(cidr: Located<Fact<String>>, description: Located<String>?, enabled: Bool, origin: Origin,
                ports: PortRange? = nil) {
        storage = CopyOnWriteFields(Fields(cidr: cidr, description: description, enabled: enabled, origin: origin,
                                           ports: ports))
    }

    private struct Fields {
        var cidr: Located<Fact<String>>
        var description: Located<String>?
        var enabled: Bool
        var isException = false
        var origin: Origin
        var ports: PortRange?
        var additionalPorts: [PortRange] = []
        var rawNode: SourceNode?
        var rawPath: String?
        var missingSource: String?
    }

    /// Every port range the entry opens (`ports` and `additionalPorts`); empty when the format does not say.
    public var allPorts: [PortRange] { (ports.map { [$0] } ?? []) + additionalPorts }
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
