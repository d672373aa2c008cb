/// A setting of a data store as the input states it (access logging, versioning, encryption in transit, backup
/// retention, …), with what decided it, for the finding.
public struct StoreSetting<Value: Sendable>: Sendable {
    public var value: Fact<Value>
    /// Where the value is stated, or where it belongs when the input leaves it to AWS's default.
    public var origin: Origin
    /// What decided the value, for the message ("rds.force_ssl is 0 in aws_db_parameter_group.tls", "not set: RDS
    /// keeps 1 day"); `nil` when the setting itself says it.
    public var note: String?

    public init(_ value: Fact<Value>, at origin: Origin, note: String? = nil) {
        self.value = value
        self.origin = origin
        self.note = note
    }

    /// A stated value.
    public init(_ stated: Located<Fact<Value>>, note: String? = nil) {
        self.init(stated.value, at: stated.origin, note: note)
    }

    /// The note as a parenthesis for a message, or nothing.
    package var noteClause: String { note.map { " (\($0))" } ?? "" }
}

extension StoreSetting where Value == Bool {
    /// The worst of several settings that must all be on: the first that is off, else the first unknown, else the
    /// first; `nil` when none is given.
    public static func worst(_ settings: [StoreSetting<Bool>?]) -> StoreSetting<Bool>? {
        let given = settings.compactMap { $0 }
        return given.first { $0.value == .known(false) } ?? given.first { $0.value.known == nil } ?? given.first
    }
}
