import Foundation
import Testing

/// End-to-end: `keys inspect`, `keys verify`, key files in `check`, and that no secret reaches any output.
@Suite struct KeysCommandTests {
    typealias CLI = PolicyCheckProcess

    static let keyFixtures = CLI.packageRoot.appendingPathComponent("Tests/KeyMaterialTests/Fixtures")
    static let ruleKeys = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/keys")

    static func key(_ name: String) -> String { keyFixtures.appendingPathComponent(name).path }

    /// `keys verify` is a gate as `check` is: a `.policycheck.yaml` found upward (the pull request's) that disables a
    /// key rule is refused at its place, exit 2 — it turned an RSA-1024 failure into a pass (tester round 31).
    @Test func keysVerifyRefusesAFoundConfigThatWeakensTheGate() throws {
        let workspace = try EvidenceWorkspace()
        _ = try workspace.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "weak.pem"])
        let plain = try workspace.run(["keys", "verify", "weak.pem"])
        #expect(plain.status == 1, "\(plain.stdout)\(plain.stderr)")
        #expect(plain.stdout.contains("MMC-KM-006"))
        try workspace.write(".policycheck.yaml", """
            apiVersion: policycheck/v1
            kind: Config
            rules:
              MMC-KM-006: {enabled: false}
            """)
        let refused = try workspace.run(["keys", "verify", "weak.pem"])
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains(".policycheck.yaml:4:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("may weaken the gate"))
        // The opt-in is the caller's, as for `check`.
        let allowed = try workspace.run(["keys", "verify", "weak.pem", "--allow-tree-config"])
        #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
    }

    @Test func inspectReportsWhatEachFileHoldsAsJSON() throws {
        let result = try CLI.run(["keys", "inspect", Self.key("rsa2048-pkcs8.pem"), Self.key("ec-p256-spki.der"),
                                  Self.key("cert-ec-p256-ca.pem"), Self.key("aes256.hex"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let keys = try #require(json["keys"] as? [[String: Any]])
        #expect(keys.count == 4)
        #expect(keys[0]["kind"] as? String == "private-key")
        #expect(keys[0]["algorithm"] as? String == "rsa")
        #expect(keys[0]["bits"] as? Int == 2048)
        #expect(keys[0]["container"] as? String == "pkcs8")
        #expect(keys[0]["rsaPublicExponent"] as? String == "65537")
        #expect(keys[1]["curve"] as? String == "P-256")
        #expect(keys[1]["encoding"] as? String == "der")
        #expect(keys[2]["kind"] as? String == "certificate")
        #expect(keys[2]["isCA"] as? Bool == true)
        #expect(keys[2]["subject"] is String)
        #expect(keys[3]["kind"] as? String == "symmetric-key")
        #expect(keys[3]["encoding"] as? String == "hex")
        #expect((json["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func fingerprintsMatchTheOpenSSLCommandLine() throws {
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = Self.key("ec-p256-sec1.pem")
        let result = try CLI.run(["keys", "inspect", path, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fingerprint = try #require((json["keys"] as? [[String: Any]])?.first?["spkiSha256"] as? String)
        if let openssl {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(openssl) pkey -in '\(path)' -pubout -outform DER | sha256sum"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(output.hasPrefix(fingerprint))
        } else {
            let expected = try String(contentsOfFile: Self.key("expected-fingerprints.txt"), encoding: .utf8)
            #expect(expected.contains(fingerprint))
        }
    }

    @Test func inspectingSomethingThatIsNotKeyMaterialExitsTwo() throws {
        let result = try CLI.run(["keys", "inspect", Self.key("not-a-key.txt"), Self.key("ed25519-spki.pem")])
        #expect(result.status == 2)
        #expect(result.stdout.contains("not-a-key.txt:1:1: error: not recognised key material"))
        #expect(result.stdout.contains("public-key ed25519"))
    }

    @Test func verifyJudgesKeysAndExitsOneOnFindings() throws {
        let result = try CLI.run(["keys", "verify", Self.ruleKeys.appendingPathComponent("fail-bundle-mismatched.pem").path,
                                  "--now", "2027-01-01", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("MMC-KM-012"))
        let ok = try CLI.run(["keys", "verify", Self.ruleKeys.appendingPathComponent("pass-rsa3072-public.pem").path])
        #expect(ok.status == 0, "\(ok.stdout)")
    }

    @Test func checkFlagsPrivateKeysLyingInTheTree() throws {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Self.key("ec-p256-pkcs8.pem"), toPath: directory.appendingPathComponent("leaked.pem").path)
        try FileManager.default.copyItem(atPath: CLI.fixture("compliant.yaml"), toPath: directory.appendingPathComponent("app.yaml").path)
        let result = try CLI.run(["check", directory.path, "--now", "2026-11-29"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("leaked.pem:1:1 critical MMC-KM-001"))
    }

    /// Every base64 body line of every private-key fixture.
    static func secretLines() throws -> [String] {
        var lines: [String] = []
        let sshKeys = keyFixtures.appendingPathComponent("ssh")
        for directory in [keyFixtures, ruleKeys, sshKeys] {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where name.hasSuffix(".pem") || (directory == sshKeys && !name.contains(".")) {
                let text = try String(contentsOfFile: directory.appendingPathComponent(name).path, encoding: .utf8)
                var inPrivate = false
                for line in text.split(separator: "\n") {
                    if line.hasPrefix("-----BEGIN") { inPrivate = line.contains("PRIVATE KEY") }
                    else if line.hasPrefix("-----END") { inPrivate = false }
                    else if inPrivate, line.count >= 16, !line.contains(":") { lines.append(String(line)) }
                }
            }
        }
        return lines
    }

    @Test func noSecretReachesAnyOutput() throws {
        let secrets = try Self.secretLines()
        #expect(secrets.count > 50)
        let keys = Self.keyFixtures.path
        var outputs: [CLI.Result] = []
        for format in ["text", "json"] {
            outputs.append(try CLI.run(["check", keys, "--format", format, "--now", "2026-11-29"]))
            outputs.append(try CLI.run(["check", Self.ruleKeys.path, "--format", format, "--now", "2026-11-29"]))
            outputs.append(try CLI.run(["keys", "verify", keys, "--format", format]))
            let files = try FileManager.default.contentsOfDirectory(atPath: keys).filter { !$0.hasSuffix(".sh") && !$0.hasSuffix(".txt") }
                .map { Self.keyFixtures.appendingPathComponent($0).path }
            outputs.append(try CLI.run(["keys", "inspect"] + files + ["--format", format]))
            outputs.append(try CLI.run(["keys", "verify"] + files + ["--format", format]))
        }
        for output in outputs {
            let text = output.stdout + output.stderr
            #expect(!text.isEmpty)
            #expect(!text.contains("PRIVATE KEY-----"))
            for secret in secrets {
                #expect(!text.contains(secret), "a private-key body line reached the output")
            }
        }
    }
}
