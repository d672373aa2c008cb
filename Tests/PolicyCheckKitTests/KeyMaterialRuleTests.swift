import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import Testing

/// MMC-KM-*: key files in the tree, BYOK material files, and `keys verify`.
@Suite struct KeyMaterialRuleTests {
    /// A failure in a key file (not a manifest): findings point at the file itself, 1:1.
    static func keyFile(_ name: String, _ rule: String, _ severity: Severity, says message: [String],
                        also: Set<String> = []) -> RuleFailure {
        var failure = RuleFailure("", rule, severity, at: 1, 1, resource: "keys/\(name)", says: message, also: also)
        failure.fixture = "keys/\(name)"
        return failure
    }

    static func keyPass(_ name: String, _ rule: String, outcome: RuleOutcome.Status? = .pass) -> RulePass {
        var pass = RulePass("", rule, outcome: outcome)
        pass.fixture = "keys/\(name)"
        return pass
    }

    static let failures: [RuleFailure] = [
        keyFile("fail-committed-rsa-private.pem", "MMC-KM-001", .critical,
                says: ["an RSA 2048-bit private key (pkcs8) in plain text", "committed to the tree"]),
        keyFile("fail-committed-aes256.raw", "MMC-KM-001", .critical, says: ["an AES 256-bit symmetric key in plain text"]),
        keyFile("fail-committed-openssh-ed25519", "MMC-KM-001", .critical,
                says: ["an Ed25519 256-bit private key (openssh) in plain text", "committed to the tree"]),
        keyFile("fail-committed-openssh-rsa1024.key", "MMC-KM-001", .critical,
                says: ["an RSA 1024-bit private key (openssh) in plain text"], also: ["MMC-KM-006"]),
        keyFile("fail-committed-putty-ed25519.ppk", "MMC-KM-001", .critical,
                says: ["an Ed25519 256-bit private key (ppk) in plain text"]),
        keyFile("fail-committed-openpgp-ed25519.asc", "MMC-KM-001", .critical,
                says: ["an Ed25519 256-bit private key (openpgp) in plain text", "committed to the tree"]),
        RuleFailure("key-material/byok/fail-private-wrapping-key.yaml", "MMC-KM-002", .critical, at: 19, 30,
                    resource: "byok-prod/keys/data-key",
                    says: ["keys/private-rsa2048.pem' holds an RSA 2048-bit private key", "where a public wrapping key belongs"]),
        RuleFailure("key-material/byok/fail-plaintext-material.yaml", "MMC-KM-002", .critical, at: 20, 33,
                    resource: "byok-prod/keys/data-key",
                    says: ["holds an AES 256-bit symmetric key where encrypted (wrapped) key material belongs"]),
        RuleFailure("key-material/byok/fail-weak-wrapping-key.yaml", "MMC-KM-003", .high, at: 19, 30,
                    resource: "byok-prod/keys/data-key", says: ["is RSA 2048-bit; expected RSA 3072 or 4096 bits (this policy requires at least 3072)"],
                    also: ["MMC-KM-004"]),
        RuleFailure("key-material/byok/fail-wrong-size.yaml", "MMC-KM-004", .high, at: 20, 33,
                    resource: "byok-prod/keys/data-key",
                    says: ["is 100 bytes; RSAES_OAEP_SHA_256 with a 4096-bit wrapping key produces 512 bytes"]),
        RuleFailure("key-material/byok/fail-size-for-key-wrap.yaml", "MMC-KM-004", .high, at: 20, 33,
                    resource: "byok-prod/keys/data-key",
                    says: ["is 512 bytes; RSA_AES_KEY_WRAP_SHA_256 with a 4096-bit wrapping key produces 552 bytes for SYMMETRIC_DEFAULT key material (32 bytes)"]),
        // Tester round 31: RSA_AES_KEY_WRAP_* sizes follow the key spec's material (AES key wrap with padding, RFC
        // 5649): 32 bytes for SYMMETRIC_DEFAULT, the HMAC range, a PKCS#8 private key of at least a minimum length.
        RuleFailure("key-material/byok/fail-symmetric-size-for-key-wrap.yaml", "MMC-KM-004", .high, at: 33, 33,
                    resource: "byok-prod/keys/sign-key",
                    says: ["is 584 bytes; RSA_AES_KEY_WRAP_SHA_256 with a 4096-bit wrapping key produces 552 bytes for SYMMETRIC_DEFAULT key material (32 bytes)"]),
        RuleFailure("key-material/byok/fail-hmac-size-for-key-wrap.yaml", "MMC-KM-004", .high, at: 33, 33,
                    resource: "byok-prod/keys/sign-key",
                    says: ["is 552 bytes; RSA_AES_KEY_WRAP_SHA_256 with a 4096-bit wrapping key produces 584, 592, 600, 608, 616, 624, 632, 640 or 648 bytes for HMAC_512 key material (64–128 bytes)"]),
        RuleFailure("key-material/byok/fail-rsa-private-key-size-for-key-wrap.yaml", "MMC-KM-004", .high, at: 33, 33,
                    resource: "byok-prod/keys/sign-key",
                    says: ["is 552 bytes; RSA_AES_KEY_WRAP_SHA_256 with a 4096-bit wrapping key produces at least 1032 bytes (512 + a multiple of 8) for RSA_2048 key material (at least 512 bytes)"]),
        keyFile("fail-dsa-public.pem", "MMC-KM-005", .high, says: ["a DSA 2048-bit public key (spki) uses DSA"]),
        keyFile("fail-rsa1024-public.pem", "MMC-KM-006", .high, says: ["is 1024 bits; RSA keys must be at least 2048 bits"]),
        keyFile("fail-rsa-exponent3-public.pem", "MMC-KM-007", .medium, says: ["has public exponent 3; expected 65537"]),
        keyFile("fail-secp256k1-public.pem", "MMC-KM-008", .high, says: ["uses curve secp256k1; expected one of P-256, P-384, P-521"]),
        keyFile("fail-cert-expired-sha1.pem", "MMC-KM-009", .high, says: ["expired on 2011-01-01"], also: ["MMC-KM-011"]),
        keyFile("fail-cert-not-yet-valid.pem", "MMC-KM-009", .high, says: ["is not valid until 2027-03-01T00:00:00Z"]),
        keyFile("fail-cert-expiring.pem", "MMC-KM-010", .low, says: ["expires on 2026-12-10, in 11 days (within 30)"]),
        keyFile("fail-cert-expired-sha1.pem", "MMC-KM-011", .high, says: ["signed with sha1WithRSAEncryption"], also: ["MMC-KM-009"]),
        // Round 25: a certificate a root issued with SHA-1 fails; the root itself (below) does not.
        keyFile("fail-cert-issued-sha1.pem", "MMC-KM-011", .high,
                says: ["certificate 'CN=issued.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"]),
        // Round 25b: a self-signed CA certificate is exempt only when it is plainly a root; each of these misses one
        // thing and is judged. `openssl req -x509` (OpenSSL 3's v3_ca) makes a server certificate CA:TRUE, no keyUsage:
        keyFile("fail-cert-self-signed-server-sha1.pem", "MMC-KM-011", .high,
                says: ["certificate 'CN=server.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"]),
        // … and bundled with its own private key:
        keyFile("fail-cert-self-signed-server-bundle-sha1.pem", "MMC-KM-011", .high,
                says: ["block #0: certificate 'CN=bundled.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"],
                also: ["MMC-KM-001"]),
        // keyCertSign, but naming a host for serverAuth:
        keyFile("fail-cert-self-signed-ca-server-auth-sha1.pem", "MMC-KM-011", .high,
                says: ["certificate 'CN=api.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"]),
        // The passing root's extensions with one thing changed: a subjectAltName, a clientAuth extendedKeyUsage,
        // keyUsage without keyCertSign, its own private key in the file.
        keyFile("fail-cert-self-signed-ca-san-sha1.pem", "MMC-KM-011", .high,
                says: ["certificate 'CN=root-with-san.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"]),
        keyFile("fail-cert-self-signed-ca-client-auth-sha1.pem", "MMC-KM-011", .high,
                says: ["certificate 'CN=root-client-auth.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"]),
        keyFile("fail-cert-self-signed-ca-no-cert-sign-sha1.pem", "MMC-KM-011", .high,
                says: ["certificate 'CN=root-no-cert-sign.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"]),
        keyFile("fail-cert-self-signed-ca-with-its-key-sha1.pem", "MMC-KM-011", .high,
                says: ["block #0: certificate 'CN=root-with-key.test.invalid,O=Policycheck Tests' is signed with sha1WithRSAEncryption"],
                also: ["MMC-KM-001"]),
    ]

    static let passes: [RulePass] = [
        keyPass("pass-rsa3072-public.pem", "MMC-KM-006"),
        keyPass("pass-rsa3072-public.pem", "MMC-KM-007"),
        keyPass("pass-rsa3072-public.pem", "MMC-KM-005"),
        keyPass("pass-encrypted-private-key.pem", "MMC-KM-001"),
        keyPass("pass-encrypted-openssh-ed25519", "MMC-KM-001"),
        keyPass("pass-encrypted-openpgp-rsa3072.asc", "MMC-KM-001"),
        keyPass("pass-cert-p256-sha256.pem", "MMC-KM-008"),
        keyPass("pass-cert-p256-sha256.pem", "MMC-KM-009"),
        keyPass("pass-cert-p256-sha256.pem", "MMC-KM-010"),
        keyPass("pass-cert-p256-sha256.pem", "MMC-KM-011"),
        // Round 25 (amazon-vpc-cni-k8s's vendored `ca-certificates.crt`: 97 high findings on roots such as DigiCert
        // Global Root CA): a root's self-signature is not relied on. Round 25b: a root as trust stores hold them —
        // CA:TRUE, keyUsage keyCertSign and cRLSign, no subjectAltName or extendedKeyUsage, no key in the file.
        keyPass("pass-cert-root-ca-sha1.pem", "MMC-KM-011"),
        RulePass("key-material/byok/pass.yaml", "MMC-KM-002"),
        RulePass("key-material/byok/pass.yaml", "MMC-KM-003"),
        RulePass("key-material/byok/pass.yaml", "MMC-KM-004"),
        // Tester round 31: an RSA_2048 private key (1217 bytes of PKCS#8) and HMAC_512 material (64 bytes) wrapped
        // with RSA_AES_KEY_WRAP_* (it said "produces 536 or 544 or 552 bytes"), and a 32-byte symmetric key.
        RulePass("key-material/byok/pass-rsa-private-key-wrap.yaml", "MMC-KM-004"),
        RulePass("key-material/byok/pass-hmac-key-wrap.yaml", "MMC-KM-004"),
        RulePass("key-material/byok/pass-symmetric-key-wrap.yaml", "MMC-KM-004"),
    ]

    // MARK: - keys verify (OpenSSL's consistency checks, certificate/key pairing)

    static func verify(_ name: String, now: Timestamp = Timestamp(iso8601: "2027-01-01")!) -> CheckReport {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: now, failOn: .low, toolVersion: "test")
        run.inputFormat = .keyMaterial
        run.verifyKeys = true
        return run.run(paths: [Fixture.path("keys/\(name)")])
    }

    @Test func mismatchedBundleFailsCertificateKeyMatch() throws {
        let report = Self.verify("fail-bundle-mismatched.pem")
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-KM-012" })
        #expect(finding.severity == .high)
        #expect(finding.message.contains("matches no certificate in the bundle"))
        #expect(report.exitCode == 1)
    }

    @Test func matchingBundlePassesVerification() {
        let report = Self.verify("pass-bundle-matching.pem")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.outcomes.contains { $0.ruleId == "MMC-KM-012" && $0.status == .pass })
        #expect(report.exitCode == 0)
    }

    @Test func inconsistentPrivateKeyFailsOpenSSLChecks() throws {
        let report = Self.verify("fail-inconsistent-rsa-private.der")
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-KM-013" })
        #expect(finding.message.contains("-check failed: d e not congruent to 1"), "\(finding.message)")
        // The private-key and pairwise checks fail for the one reason: one finding, and no block number in a file
        // of one block (tester round 31).
        #expect(report.findings.filter { $0.ruleId == "MMC-KM-013" }.count == 1, "\(report.findings.map(\.message))")
        #expect(!finding.message.contains("block #"))
        #expect(!report.findings.contains { $0.ruleId == "MMC-KM-001" }, "a file named to keys verify is not a committed secret")
    }

    @Test func verifyingAFileThatIsNotKeyMaterialIsAnError() {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.inputFormat = .keyMaterial
        run.verifyKeys = true
        let report = run.run(paths: [Fixture.path("native/compliant/dedicated.yaml")])
        #expect(report.exitCode == 2)
        #expect(report.errors.first?.message.contains("not recognised key material") == true)
    }

    // MARK: - Directory scans

    @Test func aDirectoryScanInspectsKeyFilesAndSkipsNone() {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 2
        let report = run.run(paths: [Fixture.path("keys")])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.filesChecked.count >= 20)
        // generate.py has neither a manifest nor a key-file ending, and does not start with a key: it is no input, so
        // it is not even skipped.
        #expect(report.filesSkipped.map(\.file).contains { $0.hasSuffix("generate.py") } == false)
        #expect(report.findings.contains { $0.ruleId == "MMC-KM-001" && $0.file.hasSuffix("fail-committed-aes256.raw") })
    }
}

/// Round 25 (amazon-vpc-cni-k8s's `ca-certificates.crt`: 66 findings, every one at 1:1 with "block #151: …"): in a
/// file of several PEM blocks, each block's findings point at its own `-----BEGIN` line.
@Suite struct KeyBlockPlaceTests {
    @Test func aFindingOnTheSecondBlockIsAtItsBeginLine() throws {
        let first = try String(contentsOfFile: Fixture.path("keys/pass-cert-p256-sha256.pem"), encoding: .utf8)
        let second = try String(contentsOfFile: Fixture.path("keys/fail-cert-issued-sha1.pem"), encoding: .utf8)
        let directory = ScratchFolder.path("block-place")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = directory.appendingPathComponent("bundle.crt")
        try (first + "\n" + second).write(to: bundle, atomically: true, encoding: .utf8)
        let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
            .run(paths: [directory.path])
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-KM-011" })
        let beginLine = first.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(finding.message.hasPrefix("block #1: "))
        #expect(finding.line == beginLine && finding.column == 1, "\(finding.line):\(finding.column)")
        // A file of one block still points at 1:1.
        let single = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
            .run(paths: [Fixture.path("keys/fail-cert-issued-sha1.pem")])
        #expect(single.findings.first { $0.ruleId == "MMC-KM-011" }.map { "\($0.line):\($0.column)" } == "1:1")
    }

    @Test func aCommittedPrivateKeyAfterACertificateIsAtItsBeginLine() throws {
        // MMC-KM-001 pointed at 1:1 when the key was a later block (a review of round 25).
        let certificate = try String(contentsOfFile: Fixture.path("keys/pass-cert-p256-sha256.pem"), encoding: .utf8)
        let key = try String(contentsOfFile: Fixture.path("keys/fail-committed-rsa-private.pem"), encoding: .utf8)
        let directory = ScratchFolder.path("block-place")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try (certificate + "\n" + key).write(to: directory.appendingPathComponent("server.pem"), atomically: true, encoding: .utf8)
        let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
            .run(paths: [directory.path])
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-KM-001" })
        let beginLine = certificate.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(finding.message.hasPrefix("block #1: "))
        #expect(finding.line == beginLine && finding.column == 1, "\(finding.line):\(finding.column)")
    }
}
