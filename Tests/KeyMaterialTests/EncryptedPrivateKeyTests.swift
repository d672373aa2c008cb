import Foundation
import KeyMaterial
import Testing

struct EncryptedPrivateKeyTests {
    @Test(arguments: [("encrypted-pkcs8.pem", KeyEncoding.pem), ("encrypted-pkcs8.der", KeyEncoding.der)])
    func encryptedPKCS8IsRecognisedWithoutDecrypting(_ fixture: String, _ encoding: KeyEncoding) throws {
        let object = try Fixture.single(fixture)
        #expect(object.kind == .encryptedPrivateKey)
        #expect(object.container == "pkcs8-encrypted")
        #expect(object.encoding == encoding)
        // Nothing that would require decryption is known.
        #expect(object.algorithm == nil)
        #expect(object.bits == nil)
        #expect(object.spkiSha256 == nil)
    }

    @Test func legacyProcTypeEncryptedPEMIsAnEncryptedKeyNamedByItsLabel() throws {
        let object = try Fixture.single("encrypted-legacy-rsa-pkcs1.pem")
        #expect(object.kind == .encryptedPrivateKey)
        #expect(object.algorithm == .rsa)
        #expect(object.container == "pkcs1-encrypted")
        #expect(object.bits == nil)
        #expect(object.spkiSha256 == nil)
    }

    @Test func signingWithAnEncryptedKeyIsRefusedNotPrompted() throws {
        let input = try Fixture.bytes("encrypted-pkcs8.pem")
        #expect(throws: KeyMaterialError.unsupported("encrypted private keys are never decrypted; supply an unencrypted signing key")) {
            _ = try Signer.sign(message: [1, 2, 3], privateKeyPEM: input)
        }
    }

    @Test func verifyingAnEncryptedKeyRunsNoChecks() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("encrypted-pkcs8.der"))
        #expect(report.objects.map(\.kind) == [.encryptedPrivateKey])
        #expect(report.checksRun.isEmpty)
        #expect(report.passed)
    }
}

extension EncryptedPrivateKeyTests {
    @Test func legacyEncryptedBodyMustStillBeBase64() throws {
        var text = String(decoding: try Fixture.bytes("encrypted-legacy-rsa-pkcs1.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "-----END RSA PRIVATE KEY-----", with: "%%%\n-----END RSA PRIVATE KEY-----")
        #expect(throws: KeyMaterialError.malformed(block: 0, reason: "PEM block 'RSA PRIVATE KEY' body is not valid base64")) {
            try KeyInspection.inspect(Array(text.utf8))
        }
    }
}

extension EncryptedPrivateKeyTests {
    /// An unencrypted key under the encrypted label is the key it holds, as OpenSSL 3.0 reads it: it was an error,
    /// and a walked file with such a block was skipped — a key hidden by its label.
    @Test func encryptedLabelOverAnUnencryptedBodyIsThePrivateKeyItHolds() throws {
        var text = String(decoding: try Fixture.bytes("ed25519-pkcs8.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "PRIVATE KEY", with: "ENCRYPTED PRIVATE KEY")
        let objects = try KeyInspection.inspect(Array(text.utf8))
        #expect(objects.map(\.kind) == [.privateKey])
        #expect(objects.first?.algorithm == .ed25519)
    }
}

extension EncryptedPrivateKeyTests {
    @Test func encryptedBodyUnderAPlainLabelFailsWithoutAPassphrasePrompt() throws {
        // The label promises PrivateKeyInfo, so the bytes do reach an OpenSSL decoder; its passphrase
        // callback refuses, so decoding fails instead of prompting or decrypting.
        var text = String(decoding: try Fixture.bytes("encrypted-pkcs8.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "ENCRYPTED PRIVATE KEY", with: "PRIVATE KEY")
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array(text.utf8)) }
        guard case .malformed(0, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.hasPrefix("cannot decode PKCS#8 private key: "))
    }
}
