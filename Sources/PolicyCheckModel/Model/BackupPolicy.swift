/// A deployment's backup settings (their encryption is a `DataStore` of kind `backups`).
public struct BackupPolicy: Sendable {
    public var component: String
    public var origin: Origin
    public var schedule: Located<String>?
    public var retentionDays: Located<Int>?

    public init(component: String, origin: Origin) {
        self.component = component
        self.origin = origin
    }
}

/// When and how changes are rolled out.
public struct Maintenance: Sendable {
    public var component: String
    public var origin: Origin
    public var window: Located<String>?
    public var soakHours: Located<Int>?
    public var emergency: EmergencyChange?

    public init(component: String, origin: Origin) {
        self.component = component
        self.origin = origin
    }
}

/// A change marked as an emergency, outside the maintenance window.
public struct EmergencyChange: Sendable {
    public var origin: Origin
    public var reason: Located<String>?
    public var ticket: Located<String>?

    public init(origin: Origin) {
        self.origin = origin
    }
}
