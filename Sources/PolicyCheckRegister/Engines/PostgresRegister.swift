import Foundation
import KeyMaterial
import PostgresNIO

/// The shared register: a PostgreSQL database (postgres-nio), for many CI runners pushing at once. A push is one
/// transaction holding an advisory lock on its repository/ref chain, so runs of one chain are judged one after
/// another while other chains push in parallel; the unique run id makes a repeated push a no-op.
public final class PostgresRegister: RunRegister {
    public let location: String
    private let connection: PostgresConnection
    private let logger = Logger(label: "policycheck.register")
    /// The advisory lock every migration takes, so concurrent first pushes create the schema once.
    private static let migrationLock: Int64 = 0x706f_6c69_6379

    private init(location: String, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    /// Connects and migrates, for `register push`. A database holding other tables and no register is refused,
    /// not added to.
    public static func open(_ target: RegisterLocation.Postgres) async throws(RegisterError) -> PostgresRegister {
        let register = try await connect(target)
        do {
            try await register.transaction { register in
                try await register.execute(SQLStatement("SELECT pg_advisory_xact_lock(?)", [.integer(migrationLock)]))
                try MigrationPlan.checkWritable(hasBookkeeping: try await register.rows(MigrationPlan.postgresHasBookkeeping).first?.first?.int != 0,
                                                tables: try await register.rows(MigrationPlan.postgresTables).first?.first?.int ?? 0,
                                                location: target.display)
                try await register.execute(SQLStatement(RegisterSchema.bookkeeping))
                let applied = try await register.rows(MigrationPlan.appliedVersions).map { Int($0[0].int64 ?? 0) }
                for statement in try MigrationPlan.pending(applied: applied, location: target.display, now: SQLiteRegister.now()) {
                    try await register.execute(statement)
                }
            }
        } catch {
            await register.close()
            throw registerError(error, target.display)
        }
        return register
    }

    /// Connects read-only, for `audit`: the session's transactions are READ ONLY and nothing is created or migrated,
    /// so a role with SELECT only can audit.
    public static func open(readingFrom target: RegisterLocation.Postgres) async throws(RegisterError) -> PostgresRegister {
        let register = try await connect(target)
        do {
            try await register.execute(SQLStatement("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"))
            let hasBookkeeping = try await register.rows(MigrationPlan.postgresHasBookkeeping).first?.first?.int != 0
            let applied = hasBookkeeping ? try await register.rows(MigrationPlan.appliedVersions).map { Int($0[0].int64 ?? 0) } : []
            try MigrationPlan.checkReadable(hasBookkeeping: hasBookkeeping, applied: applied, location: target.display)
        } catch {
            await register.close()
            throw registerError(error, target.display)
        }
        return register
    }

    private static func connect(_ target: RegisterLocation.Postgres) async throws(RegisterError) -> PostgresRegister {
        do {
            let connection = try await PostgresConnection.connect(configuration: target.configuration(), id: 1,
                                                                  logger: Logger(label: "policycheck.register"))
            return PostgresRegister(location: target.display, connection: connection)
        } catch {
            throw RegisterError.unavailable(location: target.display, reason: describe(error))
        }
    }

    public func push(_ runs: [RunRecord]) async throws(RegisterError) -> [PushPlan.Result] {
        try await transaction { register in
            // Every chain's lock first, in one order, so two pushers never wait on each other in a cycle.
            for key in Set(runs.map { Self.lockKey($0.chain) }).sorted() {
                try await register.execute(SQLStatement("SELECT pg_advisory_xact_lock(?)", [.integer(key)]))
            }
            var known = PushPlan.Known()
            let lists = PushPlan.inputLists(runs)
            for read in PushPlan.reads(runs, lists) { known.add(read, try await register.rows(read.statement)) }
            let plan = try PushPlan.decide(runs, lists, known)
            for statement in plan.statements { try await register.execute(statement) }
            return plan.results
        }
    }

    public func record(_ refusal: Refusal, at time: Int64) async throws(RegisterError) {
        try await execute(RunRows.refusal(refusal, at: time))
    }

    public func select(_ statement: SQLStatement) async throws(RegisterError) -> [[SQLValue]] {
        try await rows(statement)
    }

    public func close() async {
        try? await connection.close()
    }

    // MARK: - Statements

    /// BEGIN … COMMIT around `body`; any error rolls back, so nothing of a failed push remains.
    private func transaction<T>(_ body: (PostgresRegister) async throws -> T) async throws(RegisterError) -> T {
        try await execute(SQLStatement("BEGIN"))
        do {
            let result = try await body(self)
            try await execute(SQLStatement("COMMIT"))
            return result
        } catch {
            try? await execute(SQLStatement("ROLLBACK"))
            throw Self.registerError(error, location)
        }
    }

    static func registerError(_ error: any Error, _ location: String) -> RegisterError {
        (error as? RegisterError) ?? .database(location: location, reason: describe(error))
    }

    private func execute(_ statement: SQLStatement) async throws(RegisterError) {
        _ = try await rows(statement)
    }

    private func rows(_ statement: SQLStatement) async throws(RegisterError) -> [[SQLValue]] {
        var bindings = PostgresBindings(capacity: statement.values.count)
        var result: [[SQLValue]] = []
        do {
            for value in statement.values {
                switch value {
                case .integer(let number): try bindings.append(number)
                case .text(let text): try bindings.append(text)
                case .null: bindings.appendNull()
                }
            }
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: statement.numberedSQL, binds: bindings), logger: logger)
            for try await row in sequence {
                var values: [SQLValue] = []
                for cell in row {
                    values.append(try Self.value(cell))
                }
                result.append(values)
            }
        } catch {
            throw RegisterError.database(location: location, reason: Self.describe(error))
        }
        return result
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8: return .integer(try cell.decode(Int64.self))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .void: return .null
        default: return .text(try cell.decode(String.self))
        }
    }

    /// A 63-bit key for the chain's advisory lock.
    static func lockKey(_ chain: String) -> Int64 {
        Int64(Digest.sha256(Array(chain.utf8)).prefix(15), radix: 16) ?? 0
    }

    /// The server's message, not the client's debug dump (which can include the query text).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)".replacingOccurrences(of: "PSQLError.Code.", with: "")
                + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }
}
