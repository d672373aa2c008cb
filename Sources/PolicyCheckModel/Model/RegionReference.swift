/// A region the deployment names or implies, and in what role.
public struct RegionReference: Sendable {
    /// The region code; empty when the region is unknown (`unknownReason`).
    public var region: String
    public var origin: Origin
    /// The component it belongs to, e.g. `database` or `keys/data-key`.
    public var component: String
    /// What the region is for, for messages: "database region", "region in the key ARN", …
    public var role: String
    /// Whether the region is where a copy of data is replicated (replicas, backup copies).
    public var isReplica: Bool
    /// Why the region is not known (a value known only after apply, a provider region left to the environment or
    /// to a variable without a value): the reference cannot be verified, and `region` is empty.
    public var unknownReason: String?

    public init(_ region: String, at origin: Origin, component: String, role: String, isReplica: Bool = false) {
        self.region = region
        self.origin = origin
        self.component = component
        self.role = role
        self.isReplica = isReplica
    }

    /// A region that is named but not known until apply (`region_name = var.replica_region`).
    public init(unknown reason: String, at origin: Origin, component: String, role: String, isReplica: Bool = false) {
        self.init("", at: origin, component: component, role: role, isReplica: isReplica)
        unknownReason = reason
    }
}
