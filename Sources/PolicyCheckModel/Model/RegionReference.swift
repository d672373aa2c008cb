/// A region the deployment names or implies, and in what role.
public struct RegionReference: Sendable {
    public var region: String
    public var origin: Origin
    /// The component it belongs to, e.g. `database` or `keys/data-key`.
    public var component: String
    /// What the region is for, for messages: "database region", "region in the key ARN", …
    public var role: String
    /// Whether the region is where a copy of data is replicated (replicas, backup copies).
    public var isReplica: Bool
    /// Why the region cannot be known from the input (a provider whose region is a variable without a value, or
    /// that names none and so takes the environment's); `region` is then empty. `nil` for a known region.
    public var unknownReason: String?

    public init(_ region: String, at origin: Origin, component: String, role: String, isReplica: Bool = false) {
        self.region = region
        self.origin = origin
        self.component = component
        self.role = role
        self.isReplica = isReplica
    }

    /// A region the deployment leaves to be known only when it runs.
    public init(unknownAt origin: Origin, reason: String, component: String, role: String) {
        self.init("", at: origin, component: component, role: role)
        unknownReason = reason
    }
}
