/// Which schema steps a register still needs, decided from the versions it records. Both engines run the result
/// inside the transaction (and lock) that read the versions, so concurrent first pushes migrate once.
enum MigrationPlan {
    static let appliedVersions = SQLStatement("SELECT version FROM schema_migrations")

    static func pending(applied: [Int], location: String, now: String) throws(RegisterError) -> [SQLStatement] {
        let known = Set(RegisterSchema.migrations.map(\.version))
        if let unknown = applied.filter({ !known.contains($0) }).max() {
            throw RegisterError.unavailable(location: location,
                reason: "its schema version \(unknown) is newer than this policycheck knows (\(RegisterSchema.latestVersion)); upgrade policycheck")
        }
        var statements: [SQLStatement] = []
        for migration in RegisterSchema.migrations where !applied.contains(migration.version) {
            statements += migration.statements.map { SQLStatement($0) }
            statements.append(SQLStatement("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                           [SQLValue(migration.version), .text(migration.name), .text(now)]))
        }
        return statements
    }
}
