import PolicyCheckModel

/// Which resources a custom rule judges: one kind, optionally only some input formats, and attribute conditions.
public struct ResourceSelector: Sendable {
    public var kind: ResourceKind
    /// Empty: every format.
    public var formats: [InputFormat]
    /// Attribute conditions a resource must meet to be judged (`nil`: every resource of the kind).
    public var filter: Condition?

    public init(kind: ResourceKind, formats: [InputFormat] = [], filter: Condition? = nil) {
        self.kind = kind
        self.formats = formats
        self.filter = filter
    }

    /// Keys of `select:` that are not attribute filters.
    static let keywords = ["resource", "formats", "where"]
}
