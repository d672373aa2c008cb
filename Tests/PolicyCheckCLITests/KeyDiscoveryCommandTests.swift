import Foundation
import Testing

/// End-to-end: the key files a tester's real repositories held. OpenSSH keys `ssh-keygen` writes (no extension, or
/// `.key`) are critical MMC-KM-001 findings; a binary file that mentions a PEM header is an explained skip, not a
/// failed run; a broken key file is still exit 2 at its line and column.
@Suite struct KeyDiscoveryCommandTests {
    typealias CLI = PolicyCheckProcess

    static let sshKeygen = ["/usr/bin/ssh-keygen", "/usr/local/bin/ssh-keygen"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `ssh-keygen -q -N '' -t TYPE -f PATH` (no passphrase, as the tester did).
    static func generate(_ type: String, at path: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(sshKeygen))
        process.arguments = ["-q", "-N", "", "-t", type, "-C", "policycheck test key", "-f", path.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }

    @Test(.enabled(if: sshKeygen != nil, "needs ssh-keygen"))
    func keysMadeBySSHKeygenAreCriticalFindings() throws {
        let tree = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("samples/dedicated-compliant.yaml").path,
                                         toPath: tree.appendingPathComponent("dedicated-compliant.yaml").path)
        try Self.generate("ed25519", at: tree.appendingPathComponent("id_ed25519"))
        try Self.generate("rsa", at: tree.appendingPathComponent("deploy.key"))
        let result = try CLI.run(["check", ".", "--now", "2026-11-29"], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("id_ed25519:1:1 critical MMC-KM-001 the file holds an Ed25519 256-bit private key (openssh) in plain text"), "\(result.stdout)")
        #expect(result.stdout.contains("deploy.key:1:1 critical MMC-KM-001 the file holds an RSA 3072-bit private key (openssh) in plain text"), "\(result.stdout)")
        // Nothing of either key reaches any output.
        let json = try CLI.run(["check", ".", "--now", "2026-11-29", "--format", "json"], in: tree)
        for name in ["id_ed25519", "deploy.key"] {
            let text = try String(contentsOf: tree.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("-----") {
                #expect(!result.stdout.contains(line) && !json.stdout.contains(line), "a key body line reached the output")
            }
        }
    }

    /// A DER certificate signing request and DER DH parameters are not key material, as their PEM forms are not: the
    /// CSR failed the run as a "malformed certificate" (exit 2) and the parameters drew MMC-KM-006 as an RSA key with
    /// exponent 2 (tester round 31, on smallstep/crypto's test data).
    @Test func aDERRequestAndDERParametersAreNotKeyMaterial() throws {
        let workspace = try EvidenceWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("der"), withIntermediateDirectories: true)
        _ = try workspace.openssl(["genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "csr-key.pem.tmp"])
        _ = try workspace.openssl(["req", "-new", "-key", "csr-key.pem.tmp", "-subj", "/CN=example", "-outform", "DER", "-out", "der/req.der"])
        _ = try workspace.openssl(["dhparam", "-outform", "DER", "-out", "der/dh.der", "512"])
        try workspace.write("der/compliant.yaml", String(decoding: try workspace.read("manifests/compliant.yaml"), as: UTF8.self))
        let result = try workspace.run(["check", "der", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("malformed"), "\(result.stderr)")
        #expect(!result.stdout.contains("MMC-KM-006"), "\(result.stdout)")
        #expect(result.stdout.contains("der/req.der") && result.stdout.contains("der/dh.der"), "both listed as skipped: \(result.stdout)")
    }

    @Test func aBinaryFileThatMentionsAPEMHeaderDoesNotFailTheRun() throws {
        let tree = try CLI.temporaryDirectory()
        let fixtures = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/key-discovery")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("testdata"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("skip-pem-header-in-binary.bin"),
                                         to: tree.appendingPathComponent("testdata/openapiv2.bin"))
        try FileManager.default.copyItem(atPath: CLI.fixture("compliant.yaml"), toPath: tree.appendingPathComponent("app.yaml").path)
        let result = try CLI.run(["check", ".", "--now", "2026-11-29"], in: tree)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("testdata/openapiv2.bin: not key material: the 'CERTIFICATE' PEM header at 5:5 begins no key"), "\(result.stdout)")
    }

    @Test func aMalformedKeyFileIsStillExitTwoAtItsLineAndColumn() throws {
        let tree = try CLI.temporaryDirectory()
        let fixture = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/key-discovery/error-malformed-rsa-private.key")
        try FileManager.default.copyItem(at: fixture, to: tree.appendingPathComponent("test.key.pem"))
        let result = try CLI.run(["check", ".", "--now", "2026-11-29"], in: tree)
        #expect(result.status == 2)
        #expect(result.stdout.contains("test.key.pem:2:5: error: malformed key material in block 0: PEM block 'RSA PRIVATE KEY' body is not valid base64"),
                "\(result.stdout)")
    }

    @Test func keysInspectReadsOpenSSHAndPuTTYKeys() throws {
        let ssh = CLI.packageRoot.appendingPathComponent("Tests/KeyMaterialTests/Fixtures/ssh")
        let result = try CLI.run(["keys", "inspect", ssh.appendingPathComponent("openssh-ecdsa-p384").path,
                                  ssh.appendingPathComponent("openssh-rsa3072-encrypted").path,
                                  ssh.appendingPathComponent("putty-ed25519.ppk").path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let keys = try #require(json["keys"] as? [[String: Any]])
        #expect(keys.map { $0["kind"] as? String } == ["private-key", "encrypted-private-key", "private-key"])
        #expect(keys.map { $0["container"] as? String } == ["openssh", "openssh-encrypted", "ppk"])
        #expect(keys[0]["curve"] as? String == "P-384")
        #expect(keys[1]["bits"] as? Int == 3072)
        #expect(keys.allSatisfy { ($0["spkiSha256"] as? String)?.count == 64 })
    }
}
