import Foundation
import GRDB
import PolicyCheckRegister
import Testing

/// `audit` reads the register and never writes it: a mistyped path is an error, not a new empty register; a
/// database that holds no register is not one; a read-only role can audit. `register push` does not add its tables
/// beside another application's (docs/audit.md, "Reading and writing").
@Suite struct AuditReadOnlyTests {
    static let engines = RegisterCommandTests.engines

    static func audit(_ register: String) throws -> Shell.Result {
        try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-31", "--register", register,
                                          "--out", try TemporaryFolder.make().appendingPathComponent("out").path])
    }

    /// A database of this engine that holds one table of someone else's and no register.
    static func foreignDatabase(_ engine: Engine) throws -> String {
        let location = try engine.freshLocation()
        switch engine {
        case .sqlite:
            let queue = try DatabaseQueue(path: location)
            try queue.write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)") }
            try queue.close()
        case .postgres:
            let made = try Shell.run("/usr/bin/env", ["psql", location, "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE TABLE invoices (id BIGINT PRIMARY KEY, total BIGINT)"])
            try #require(made.status == 0, "\(made.stderr)")
        }
        return location
    }

    /// The register as messages name it (a URL without its password).
    static func shown(_ location: String) throws -> String {
        switch try RegisterLocation.parse(location) {
        case .sqlite(let path): return path
        case .postgres(let target): return target.display
        }
    }

    /// A register as an older policycheck left it: the schema's first `version` migrations, recorded, then `rows`
    /// (SQL with literal test values, in that schema's columns).
    static func olderRegister(_ engine: Engine, version: Int, rows: [String] = []) throws -> String {
        let location = try engine.freshLocation()
        var statements = [RegisterSchema.bookkeeping]
        for migration in RegisterSchema.migrations where migration.version <= version {
            statements += migration.statements
            statements.append("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(migration.version), '\(migration.name)', '2025-01-01T00:00:00Z')")
        }
        statements += rows
        switch engine {
        case .sqlite:
            let queue = try DatabaseQueue(path: location)
            try queue.write { db in for statement in statements { try db.execute(sql: statement) } }
            try queue.close()
        case .postgres:
            let made = try Shell.run("/usr/bin/env", ["psql", location, "-v", "ON_ERROR_STOP=1", "-q", "-c", statements.joined(separator: ";\n")])
            try #require(made.status == 0, "\(made.stderr)")
        }
        return location
    }

    /// The tables of the database, to show nothing was added.
    static func tables(_ engine: Engine, _ location: String) throws -> [String] {
        switch engine {
        case .sqlite:
            let queue = try DatabaseQueue(path: location)
            defer { try? queue.close() }
            return try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        case .postgres:
            let listed = try Shell.run("/usr/bin/env", ["psql", location, "-At", "-c", "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"])
            return listed.stdout.split(separator: "\n").map(String.init)
        }
    }

    @Test func aMistypedSQLitePathIsAnErrorAndNoFileIsCreated() throws {
        let missing = try TemporaryFolder.make().appendingPathComponent("runz.sqlite").path
        let result = try Self.audit(missing)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(missing): error: cannot open the register: no register at \(missing) (no such file); `register push` creates one\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A FIFO named as the register would block the read-only open forever: it is refused at once.
    @Test func aFIFOIsNotARegister() throws {
        let fifo = try TemporaryFolder.make().appendingPathComponent("reg.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try Self.audit(fifo)
        #expect(result.status == 2)
        #expect(result.stderr == "\(fifo): error: cannot open the register: it is not a regular file (a FIFO, socket or device), not a register file\n")
    }

    @Test(arguments: engines)
    func aDatabaseWithoutTheRegistersSchemaIsNotARegister(_ engine: Engine) throws {
        let foreign = try Self.foreignDatabase(engine)
        let shown = try Self.shown(foreign)
        let audit = try Self.audit(foreign)
        #expect(audit.status == 2)
        #expect(audit.stderr == "\(shown): error: cannot open the register: not a policycheck register (it has no schema_migrations table)\n")
        let factory = try BundleFactory()
        let bundle = try factory.clone("one", runId: BundleFactory.runId("one"), repository: "acme/api", at: BundleFactory.epoch)
        let push = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", foreign])
        #expect(push.status == 2)
        #expect(push.stderr == "\(shown): error: cannot open the register: not a policycheck register (it holds other tables and no schema_migrations table); give an empty database or a new file\n")
        #expect(try Self.tables(engine, foreign) == ["invoices"])
        // An empty database is a register waiting for its first push; audit still says it holds none.
        let empty = try engine.freshLocation()
        if engine == .sqlite { FileManager.default.createFile(atPath: empty, contents: nil) }
        let emptyAudit = try Self.audit(empty)
        #expect(emptyAudit.status == 2)
        #expect(emptyAudit.stderr.contains("not a policycheck register"))
        let first = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", empty])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.audit(empty).status == 0)
    }

    /// An auditor's role that may only read: audit runs no DDL and no write.
    @Test(.enabled(if: Engine.postgresURL != nil, Engine.postgresSkipReason))
    func aSelectOnlyPostgresRoleCanAudit() throws {
        let register = try Engine.postgres.freshLocation()
        let factory = try BundleFactory()
        let bundles = try factory.chain("acme/api", count: 2, prefix: "r")
        let push = try Shell.run(Shell.policycheck, ["register", "push"] + bundles + ["--register", register])
        try #require(push.status == 0, "\(push.stderr)")
        let role = "auditor_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        // The role name is generated, never input; CREATE ROLE takes no bound parameters.
        let made = try Shell.run("/usr/bin/env", ["psql", register, "-v", "ON_ERROR_STOP=1", "-q", "-c",
            "CREATE ROLE \(role) LOGIN PASSWORD 'ro'; GRANT USAGE ON SCHEMA public TO \(role); GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)"])
        try #require(made.status == 0, "\(made.stderr)")
        var components = try #require(URLComponents(string: register))
        components.user = role
        components.password = nil
        let audit = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-31", "--register", components.string!,
                                                      "--out", try TemporaryFolder.make().appendingPathComponent("out").path],
                                  environment: ["PGPASSWORD": "ro"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("2 runs in 1 repository/ref chains"))
        let denied = try Shell.run(Shell.policycheck, ["register", "push", bundles[0], "--register", components.string!], environment: ["PGPASSWORD": "ro"])
        #expect(denied.status == 2, "a read-only role cannot push")
    }

    /// A register an older policycheck made (here: only the first two migrations) is neither read half-way nor
    /// migrated by audit; `register migrate` brings it up to date.
    @Test(arguments: engines)
    func anOlderSchemaIsNotMigratedByAudit(_ engine: Engine) throws {
        let location = try Self.olderRegister(engine, version: 2)
        let before = try Self.tables(engine, location)
        let audit = try Self.audit(location)
        #expect(audit.status == 2)
        #expect(audit.stderr == "\(try Self.shown(location)): error: cannot open the register: its schema version 2 is older than this "
            + "policycheck's (\(RegisterSchema.latestVersion)), and audit never migrates; run `policycheck register migrate "
            + "--register …` with a role that may write, then audit again\n")
        #expect(try Self.tables(engine, location) == before)
        let migrate = try Shell.run(Shell.policycheck, ["register", "migrate", "--register", location])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(try Self.audit(location).status == 0)
    }
}
