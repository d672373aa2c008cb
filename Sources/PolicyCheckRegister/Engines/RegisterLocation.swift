import Foundation
import PostgresNIO

/// Where the register is: a SQLite file path, or a `postgres://` URL (`--register`, or `register:` in
/// .policycheck.yaml).
public enum RegisterLocation: Sendable, Hashable {
    case sqlite(String)
    case postgres(Postgres)

    /// A PostgreSQL server and database: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require]`, or
    /// `postgres://USER@/DATABASE?host=/run/postgresql` for a unix socket.
    public struct Postgres: Sendable, Hashable {
        public var user: String
        public var password: String?
        public var host: String
        public var port: Int
        public var database: String
        public var socketDirectory: String?
        public var requireTLS: Bool

        /// The URL without its password, for messages and reports.
        public var display: String {
            "postgres://\(user)@" + (socketDirectory.map { "/\(database)?host=\($0)" } ?? "\(host):\(port)/\(database)")
        }

        func configuration() throws -> PostgresConnection.Configuration {
            if let socketDirectory {
                return PostgresConnection.Configuration(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user,
                                                        password: password, database: database)
            }
            let tls: PostgresConnection.Configuration.TLS = requireTLS
                ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
            return PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                    database: database, tls: tls)
        }
    }

    /// Reads `--register`'s value. A URL's password never appears in an error.
    public static func parse(_ text: String) throws(RegisterError) -> RegisterLocation {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            guard !text.isEmpty else { throw RegisterError.badLocation("--register", reason: "the register path is empty") }
            return .sqlite(text)
        }
        let shown = "postgres://…"
        guard let components = URLComponents(string: text), let user = components.user, !user.isEmpty else {
            throw RegisterError.badLocation(shown, reason: "a postgres:// register URL needs a user: postgres://USER@HOST[:PORT]/DATABASE")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw RegisterError.badLocation(shown, reason: "a postgres:// register URL needs a database: postgres://USER@HOST[:PORT]/DATABASE")
        }
        var target = Postgres(user: user.removingPercentEncoding ?? user,
                              password: components.password?.removingPercentEncoding, host: components.host ?? "",
                              port: components.port ?? 5432, database: database, socketDirectory: nil, requireTLS: false)
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("host", let directory) where directory.hasPrefix("/"): target.socketDirectory = directory
            case ("sslmode", "require"), ("sslmode", "verify-full"): target.requireTLS = true
            case ("sslmode", "disable"), ("sslmode", "prefer"), ("sslmode", "allow"): target.requireTLS = false
            default:
                throw RegisterError.badLocation(target.display, reason: "unsupported URL parameter '\(item.name)' (host=/socket/dir and sslmode=disable|require are)")
            }
        }
        if target.host.isEmpty && target.socketDirectory == nil {
            throw RegisterError.badLocation(target.display, reason: "a postgres:// register URL needs a host or ?host=/socket/dir")
        }
        return .postgres(target)
    }

    /// Opens the register for writing (`register push`): creates it in a new file or empty database, migrates it.
    public func open() async throws(RegisterError) -> any RunRegister {
        switch self {
        case .sqlite(let path): return try SQLiteRegister(path: path)
        case .postgres(let target): return try await PostgresRegister.open(target)
        }
    }

    /// Opens the register read-only (`audit`): never creates, migrates or writes; a location holding no register, or
    /// one whose schema is not this build's, is an error.
    public func openForReading() async throws(RegisterError) -> any RunRegister {
        switch self {
        case .sqlite(let path): return try SQLiteRegister(readingFrom: path)
        case .postgres(let target): return try await PostgresRegister.open(readingFrom: target)
        }
    }
}
