import Foundation
import Testing

/// A temporary project for `report` tests: manifests (one failing, one compliant, one with hostile text), a
/// committed private key, a waiver file, and signing keys made with the `openssl` command line.
struct EvidenceWorkspace {
    typealias CLI = PolicyCheckProcess

    let root: URL

    init() throws {
        root = try CLI.temporaryDirectory()
        let manifests = root.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        for name in ["high-only.yaml", "compliant.yaml"] {
            try FileManager.default.copyItem(atPath: CLI.fixture(name), toPath: manifests.appendingPathComponent(name).path)
        }
        try write("manifests/hostile.yaml", """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: "x<script>alert(1)</script>|`y`"}
            spec:
              offering: shared
              region: eu-west-1
            """)
        try write("manifests/notes.yaml", "just: some notes\n")
        try openssl(["genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "manifests/committed.pem"])
        try write("waivers.yaml", """
            apiVersion: policycheck/v1
            kind: Waivers
            waivers:
              - rule: MMC-RES-001
                resource: fixture-high
                reason: Frankfurt pilot <approved> by the DPO
                requestedBy: alice
                approvedBy: bob
                approvedOn: 2026-06-01
                expires: 2027-05-31
                ticket: SEC-42
              - rule: "MMC-NET-*"
                resource: "legacy-*"
                reason: nothing to waive any more
                requestedBy: alice
                approvedBy: carol
                approvedOn: 2026-06-01
                expires: 2027-01-01
            """)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        try Data((text + "\n").utf8).write(to: root.appendingPathComponent(relative))
    }

    /// `manifests/ignored.yaml`: its one finding (MMC-RES-001, line 6) is ignored by a comment on the same line.
    func writeInlineIgnoredManifest() throws {
        try write("manifests/ignored.yaml", """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: pilot}
            spec:
              offering: shared
              region: eu-central-1 # policycheck:ignore MMC-RES-001 pilot approved in SEC-42
            """)
    }

    func read(_ relative: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relative))
    }

    /// Runs policycheck in the workspace.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> PolicyCheckProcess.Result {
        try CLI.run(arguments, environment: environment, in: root)
    }

    /// `report manifests --out DIR` at a fixed SOURCE_DATE_EPOCH, with the waivers. The evaluation time is the same
    /// instant given by `--now`: an earlier SOURCE_DATE_EPOCH alone leaves expiry to the clock (the waiver expiring
    /// 2027-05-31 would expire in these tests on that day), and `--now` is the operator's fixed time.
    func report(out: String, extra: [String] = [], environment: [String: String] = [:]) throws -> PolicyCheckProcess.Result {
        var env = ["SOURCE_DATE_EPOCH": "1790000000"]
        for (key, value) in environment { env[key] = value }
        let now = extra.contains("--now") ? [] : ["--now", "2026-09-21T14:13:20Z"]
        return try run(["report", "manifests", "--out", out, "--waivers", "waivers.yaml"] + now + extra, environment: env)
    }

    /// A private key (and its public key) made by the openssl command line: `ed25519`, `p256`, `p384` or `rsa3072`.
    func makeKey(_ type: String) throws -> (privateKey: String, publicKey: String) {
        let options: [String]
        switch type {
        case "ed25519": options = ["-algorithm", "ed25519"]
        case "p256": options = ["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        case "p384": options = ["-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]
        default: options = ["-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:3072"]
        }
        try openssl(["genpkey"] + options + ["-out", "\(type).key.pem"])
        try openssl(["pkey", "-in", "\(type).key.pem", "-pubout", "-out", "\(type).pub.pem"])
        return ("\(type).key.pem", "\(type).pub.pem")
    }

    /// Runs the openssl command line in the workspace; it is a test prerequisite (.ci/run installs it).
    @discardableResult
    func openssl(_ arguments: [String]) throws -> String {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "the openssl command line is required for evidence tests (apt-get install -y openssl)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// Every file of a bundle directory by name.
    func bundle(_ directory: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: path(directory))
        var files: [String: Data] = [:]
        for name in names { files[name] = try read("\(directory)/\(name)") }
        return files
    }

    /// Flips one byte of a file.
    func tamper(_ relative: String, at offset: Int = 200) throws {
        var data = try read(relative)
        data[offset] = data[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try data.write(to: root.appendingPathComponent(relative))
    }

    /// Lowercase hex SHA-256 by the sha256sum command line (independent of the code under test).
    static func sha256(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
