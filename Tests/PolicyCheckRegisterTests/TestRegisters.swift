import Foundation
import PolicyCheckTestSupport
import PolicyCheckRegister
import Testing

/// The two engines every conformance test runs against: a SQLite file in a temporary directory, and a fresh
/// database on the real PostgreSQL server named by POLICYCHECK_TEST_POSTGRES_URL (which .ci/run starts).
enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["POLICYCHECK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let postgresSkipReason: Comment = "POLICYCHECK_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (.ci/run starts a server; see docs/audit.md)"

    /// A new, empty register location: a file path, or the URL of a database created for this test.
    func freshLocation() throws -> String {
        switch self {
        case .sqlite:
            return try TemporaryFolder.make().appendingPathComponent("register.sqlite").path
        case .postgres:
            guard let url = Self.postgresURL else { throw TestSkip.noPostgres }
            let name = "pc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            // The name is generated hex, never input; CREATE DATABASE takes no bound parameters.
            let result = try Shell.run("/usr/bin/env", ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE DATABASE \(name)"])
            guard result.status == 0 else { throw TestSkip.failed("createdb: \(result.stderr)") }
            var components = URLComponents(string: url)!
            components.path = "/\(name)"
            return components.string!
        }
    }

    /// Opens a fresh register of this engine.
    func freshRegister() async throws -> any RunRegister {
        try await RegisterLocation.parse(try freshLocation()).open()
    }
}

enum TestSkip: Error {
    case noPostgres
    case failed(String)
}

enum TemporaryFolder {
    static func make() throws -> URL {
        let url = ScratchFolder.path("policycheck-register")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a program to completion, capturing its output.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let policycheck = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("policycheck").path

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Result {
        let process = try start(executable, arguments, environment: environment, in: directory)
        let (out, err) = PipeDrain.readBoth((process.standardOutput as! Pipe).fileHandleForReading,
                                            (process.standardError as! Pipe).fileHandleForReading)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts a program without waiting (for concurrency and kill tests).
    static func start(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                      in directory: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
