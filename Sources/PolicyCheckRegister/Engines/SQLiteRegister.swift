import Foundation
import GRDB

/// The embedded register: one SQLite file (GRDB), in WAL mode so readers never block the writer. Each push is one
/// IMMEDIATE transaction: concurrent pushers (other processes too) queue on SQLite's write lock, waiting up to the
/// busy timeout, and a killed pusher leaves nothing behind (SQLite rolls its journal back on the next open).
public final class SQLiteRegister: RunRegister {
    public let location: String
    private let queue: DatabaseQueue

    /// Opens (creating if absent) and migrates the register at `path`, for `register push`. A file that holds other
    /// tables and no register is refused, not added to.
    public init(path: String, busyTimeout: TimeInterval = 300) throws(RegisterError) {
        location = path
        try Self.refuseDirectory(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.journalMode = .wal
        configuration.label = "policycheck register"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try MigrationPlan.checkWritable(hasBookkeeping: try Self.rows(MigrationPlan.sqliteHasBookkeeping, in: db).first?.first?.int != 0,
                                                    tables: try Self.rows(MigrationPlan.sqliteTables, in: db).first?.first?.int ?? 0,
                                                    location: path)
                    try db.execute(sql: RegisterSchema.bookkeeping)
                    let applied = try Int.fetchAll(db, sql: MigrationPlan.appliedVersions.sql)
                    for statement in try MigrationPlan.pending(applied: applied, location: path, now: Self.now()) {
                        try Self.execute(statement, in: db)
                    }
                    return .commit
                }
            }
        } catch let error as RegisterError {
            throw error
        } catch {
            throw RegisterError.unavailable(location: path, reason: Self.describe(error))
        }
    }

    /// Opens the register at `path` read-only, for `audit`: nothing is created, migrated or written, so a mistyped
    /// path is an error and a read-only file can be audited.
    public init(readingFrom path: String, busyTimeout: TimeInterval = 300) throws(RegisterError) {
        location = path
        try Self.refuseDirectory(path)
        guard FileManager.default.fileExists(atPath: path) else { throw RegisterError.noRegisterFile(path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "policycheck register (read-only)"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let hasBookkeeping = try Self.rows(MigrationPlan.sqliteHasBookkeeping, in: db).first?.first?.int != 0
                let applied = hasBookkeeping ? try Int.fetchAll(db, sql: MigrationPlan.appliedVersions.sql) : []
                try MigrationPlan.checkReadable(hasBookkeeping: hasBookkeeping, applied: applied, location: path)
            }
        } catch let error as RegisterError {
            throw error
        } catch {
            throw RegisterError.unavailable(location: path, reason: Self.describe(error))
        }
    }

    /// A register is a regular file (or one to be created): a directory is refused, and so are a FIFO, a socket or
    /// a device, which opening would block on or read forever.
    private static func refuseDirectory(_ path: String) throws(RegisterError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw RegisterError.unavailable(location: path, reason: "it is a directory, not a register file")
        }
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw RegisterError.unavailable(location: path, reason: "it is not a regular file (a FIFO, socket or device), not a register file")
        }
    }

    public func push(_ runs: [RunRecord]) async throws(RegisterError) -> [PushPlan.Result] {
        do {
            return try await queue.writeWithoutTransaction { db in
                var results: [PushPlan.Result] = []
                try db.inTransaction(.immediate) {
                    var known = PushPlan.Known()
                    let lists = PushPlan.inputLists(runs)
                    for read in PushPlan.reads(runs, lists) { known.add(read, try Self.rows(read.statement, in: db)) }
                    let plan = try PushPlan.decide(runs, lists, known)
                    for statement in plan.statements { try Self.execute(statement, in: db) }
                    results = plan.results
                    return .commit
                }
                return results
            }
        } catch let error as RegisterError {
            throw error
        } catch {
            throw RegisterError.database(location: location, reason: Self.describe(error))
        }
    }

    public func record(_ refusal: Refusal, at time: Int64) async throws(RegisterError) {
        do {
            try await queue.write { db in try Self.execute(RunRows.refusal(refusal, at: time), in: db) }
        } catch {
            throw RegisterError.database(location: location, reason: Self.describe(error))
        }
    }

    public func select(_ statement: SQLStatement) async throws(RegisterError) -> [[SQLValue]] {
        do {
            return try await queue.read { db in try Self.rows(statement, in: db) }
        } catch {
            throw RegisterError.database(location: location, reason: Self.describe(error))
        }
    }

    public func close() async {
        try? queue.close()
    }

    // MARK: - Statements

    private static func execute(_ statement: SQLStatement, in db: Database) throws {
        // Cached: a push repeats the same few statement texts for every run.
        try db.cachedStatement(sql: statement.sql).execute(arguments: arguments(statement))
    }

    private static func rows(_ statement: SQLStatement, in db: Database) throws -> [[SQLValue]] {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: arguments(statement))
        var result: [[SQLValue]] = []
        while let row = try cursor.next() {
            result.append((0..<row.count).map { index in
                switch (row[index] as DatabaseValue).storage {
                case .int64(let value): return .integer(value)
                case .string(let text): return .text(text)
                case .double(let value): return .integer(Int64(value))
                case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
                case .null: return .null
                }
            })
        }
        return result
    }

    private static func arguments(_ statement: SQLStatement) -> StatementArguments {
        StatementArguments(statement.values.map { value -> DatabaseValue in
            switch value {
            case .integer(let number): return number.databaseValue
            case .text(let text): return text.databaseValue
            case .null: return .null
            }
        })
    }

    /// SQLite's own words for the common failure, without the statement text (which could be long).
    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
                return "not a register: the file is not a SQLite database or is corrupt (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))"
            }
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
