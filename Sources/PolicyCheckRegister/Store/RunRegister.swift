/// The register of runs: every evidence bundle pushed, stored once, queryable over a period. One protocol, two
/// engines — `SQLiteRegister` (one file, embedded) and `PostgresRegister` (a shared server) — that run the same
/// statements (`PushPlan`, `RegisterSchema`, `PeriodQuery`) and pass the same conformance suite.
public protocol RunRegister: Sendable {
    /// The register as named to the user (a path, or a URL without its password).
    var location: String { get }
    /// Stores verified runs in one transaction: all of them, or nothing. Idempotent by run id.
    func push(_ runs: [RunRecord]) async throws(RegisterError) -> [PushPlan.Result]
    /// Records a bundle the register refused (no part of its run is stored) at `time`, the push's clock — never at
    /// the time the unverified bundle claims, which is kept as a claim. A refusal already recorded keeps its time.
    func record(_ refusal: Refusal, at time: Int64) async throws(RegisterError)
    /// Runs a read-only query whose values are all bound.
    func select(_ statement: SQLStatement) async throws(RegisterError) -> [[SQLValue]]
    /// Ends the connection.
    func close() async
}

extension RunRegister {
    /// The schema steps applied, in order (from `schema_migrations`).
    public func appliedMigrations() async throws(RegisterError) -> [(version: Int, name: String)] {
        try await select(SQLStatement("SELECT version, name FROM schema_migrations ORDER BY version"))
            .map { (Int($0[0].int64 ?? 0), $0[1].string ?? "") }
    }

    /// How many runs the register holds.
    public func runCount() async throws(RegisterError) -> Int {
        try await select(SQLStatement("SELECT COUNT(*) FROM runs")).first?.first?.int ?? 0
    }
}
