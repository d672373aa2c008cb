/// One versioned, named step of the register's schema. Applied steps are recorded in `schema_migrations`
/// (version, name, time), so a register says which schema it has and an older binary can refuse a newer one.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// Statements valid in both SQLite and PostgreSQL (BIGINT and TEXT columns only).
    public var statements: [String]
}
