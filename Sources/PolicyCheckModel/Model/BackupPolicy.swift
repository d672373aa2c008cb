/// A deployment's backup settings (their encryption is a `DataStore` of kind `backups`).
public struct BackupPolicy: Sendable {
    public var component: String
    public var origin: Origin
    /// The first rule's schedule (what a manifest states, and custom rules read).
    public var schedule: Located<String>?
    /// Every rule's schedule, the first included: each is judged (second review, round 36: only the first was).
    public var schedules: [Located<String>] = []
    public var retentionDays: Located<Int>?

    /// The schedules to judge: every rule's, or the one stated.
    public var allSchedules: [Located<String>] { schedules.isEmpty ? (schedule.map { [$0] } ?? []) : schedules }

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
