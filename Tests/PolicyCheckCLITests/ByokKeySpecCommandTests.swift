import Foundation
import Testing

/// End-to-end: BYOK material judged by the key spec it belongs to — an asymmetric or HMAC key's material wrapped with
/// RSA_AES_KEY_WRAP_* has the size AES key wrap with padding gives it, and an RSA private key wrapped with
/// RSAES_OAEP_* is refused as AWS KMS refuses it (tester round 31).
@Suite struct ByokKeySpecCommandTests {
    typealias CLI = PolicyCheckProcess

    /// samples/dedicated-compliant.yaml with a second EXTERNAL key `sign-key` of `keySpec` whose material is
    /// `blob` (from Tests/KeyMaterialTests/Fixtures), wrapped with `algorithm` under the 4096-bit wrapping key.
    static func tree(keySpec: String, algorithm: String, blob: String) throws -> URL {
        let sample = try String(contentsOf: CLI.packageRoot.appendingPathComponent("samples/dedicated-compliant.yaml"),
                                encoding: .utf8)
        let anchor = "          wrappingAlgorithm: RSAES_OAEP_SHA_256\n"
        let range = try #require(sample.range(of: anchor))
        let signKey = """
                - id: sign-key
                  arn: arn:aws:kms:us-east-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab
                  origin: EXTERNAL
                  keySpec: \(keySpec)
                  rotation: {mode: disabled}
                  materials:
                    - id: m1
                      current: true
                      importedAt: "2026-11-20"
                      expirationModel: KEY_MATERIAL_EXPIRES
                      validTo: "2027-11-15"
                      wrappingAlgorithm: \(algorithm)
                      wrappingPublicKey: keys/wrap4096.der
                      encryptedKeyMaterial: keys/material.bin

            """
        let manifest = sample.replacingCharacters(in: range, with: anchor + signKey)
        let tree = try CLI.directory(with: ["manifest.yaml": manifest])
        let source = CLI.packageRoot.appendingPathComponent("Tests/KeyMaterialTests/Fixtures")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("keys"), withIntermediateDirectories: true)
        for (name, target) in [("wrapping-rsa4096-spki.der", "keys/wrap4096.der"), (blob, "keys/material.bin")] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: tree.appendingPathComponent(target))
        }
        return tree
    }

    /// An RSA_2048 private key (PKCS#8, 1217 bytes → 1232 wrapped) and HMAC_512 material (64 → 72) after the
    /// 512-byte RSA part: what AWS KMS expects, so no MMC-KM-004 (it said "produces 536 or 544 or 552 bytes").
    @Test(arguments: [("RSA_2048", "wrapped-aes-key-wrap-rsa2048-private-4096.bin"),
                      ("HMAC_512", "wrapped-aes-key-wrap-hmac512-4096.bin")])
    func asymmetricAndHMACMaterialWrappedWithAESKeyWrapPasses(_ keySpec: String, _ blob: String) throws {
        let tree = try Self.tree(keySpec: keySpec, algorithm: "RSA_AES_KEY_WRAP_SHA_256", blob: blob)
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "manifest.yaml", "--now", "2026-11-29"], in: tree)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("MMC-KM-004"), "\(result.stdout)")
    }

    /// The same size rule still fails material of the wrong size for the key spec: a 32-byte key's wrapping (552
    /// bytes) is not an RSA_2048 private key's.
    @Test func aSymmetricKeyWrappedForAnRSAKeyFailsTheSizeRule() throws {
        let tree = try Self.tree(keySpec: "RSA_2048", algorithm: "RSA_AES_KEY_WRAP_SHA_256", blob: "wrapped-aes-key-wrap-4096.bin")
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "manifest.yaml", "--now", "2026-11-29"], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("high MMC-KM-004 encrypted key material 'keys/material.bin' is 552 bytes; RSA_AES_KEY_WRAP_SHA_256 with a 4096-bit wrapping key produces at least 1032 bytes (512 + a multiple of 8) for RSA_2048 key material (at least 512 bytes)"),
                "\(result.stdout)")
    }

    /// RSA key material wrapped with RSAES_OAEP_SHA_256 passed; AWS KMS imports an RSA private key only with
    /// RSA_AES_KEY_WRAP_*, so the gate fails naming the key spec, the algorithm and what AWS requires.
    @Test func rsaPrivateKeyWrappedWithOAEPFails() throws {
        let tree = try Self.tree(keySpec: "RSA_2048", algorithm: "RSAES_OAEP_SHA_256", blob: "wrapped-oaep-sha256-4096.bin")
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "manifest.yaml", "--now", "2026-11-29"], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("MMC-KEY-009") }, "\(result.stdout)")
        #expect(line.contains("high MMC-KEY-009 key material 'm1' of this RSA_2048 key is wrapped with RSAES_OAEP_SHA_256, but AWS KMS imports an RSA private key only with RSA_AES_KEY_WRAP_SHA_256 or RSA_AES_KEY_WRAP_SHA_1"),
                "\(line)")
        #expect(line.contains("[acme-prod/keys/sign-key]"), "\(line)")
        #expect(!result.stdout.contains("MMC-KM-004"), "\(result.stdout)")
    }
}
