/// Which schema steps a register still needs, decided from the versions it records. Both engines run the result
/// inside the transaction (and lock) that read the versions, so concurrent first pushes migrate once.
enum MigrationPlan {
    static let appliedVersions = SQLStatement("SELECT version FROM schema_migrations")

    /// Whether the register's tables are there at all: `schema_migrations` in SQLite's catalogue.
    static let sqliteHasBookkeeping = SQLStatement(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [.text("schema_migrations")])
    /// Tables of any kind in a SQLite file (0 for a new or empty file).
    static let sqliteTables = SQLStatement("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
    /// The same two questions in PostgreSQL, for the connection's current schema.
    static let postgresHasBookkeeping = SQLStatement(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
        [.text("schema_migrations")])
    static let postgresTables = SQLStatement("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()")

    /// A writer may create the register only in an empty database: one holding other tables and no register is
    /// someone else's (a mistyped path or URL), and the register's tables are not added beside them.
    static func checkWritable(hasBookkeeping: Bool, tables: Int, location: String) throws(RegisterError) {
        if !hasBookkeeping && tables > 0 { throw RegisterError.foreignDatabase(location) }
    }

    /// A reader never migrates: it reads a register whose schema is exactly this build's, and names what to do
    /// otherwise.
    static func checkReadable(hasBookkeeping: Bool, applied: [Int], location: String) throws(RegisterError) {
        guard hasBookkeeping, !applied.isEmpty else { throw RegisterError.notARegister(location) }
        try checkNotNewer(applied, location: location)
        if let missing = RegisterSchema.migrations.first(where: { !applied.contains($0.version) }) {
            throw RegisterError.olderSchema(location, version: missing.version - 1)
        }
    }

    static func checkNotNewer(_ applied: [Int], location: String) throws(RegisterError) {
        let known = Set(RegisterSchema.migrations.map(\.version))
        if let unknown = applied.filter({ !known.contains($0) }).max() {
            throw RegisterError.newerSchema(location, version: unknown)
        }
    }

    static func pending(applied: [Int], location: String, now: String) throws(RegisterError) -> [SQLStatement] {
        try checkNotNewer(applied, location: location)
        var statements: [SQLStatement] = []
        for migration in RegisterSchema.migrations where !applied.contains(migration.version) {
            statements += migration.statements.map { SQLStatement($0) }
            statements.append(SQLStatement("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                           [SQLValue(migration.version), .text(migration.name), .text(now)]))
        }
        return statements
    }
}
