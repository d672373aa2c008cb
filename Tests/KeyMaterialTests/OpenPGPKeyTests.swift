import Foundation
import KeyMaterial
import Testing

/// OpenPGP secret keys (`gpg --export-secret-keys --armor`), which OpenSSL does not read: recognised from the primary
/// key's public values, encrypted or not, without decoding a secret byte (RFC 9580 §5.5.3).
struct OpenPGPKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var algorithm: KeyAlgorithm
        var bits: Int
        var curve: String?
        var testDescription: String { fixture }
    }

    static let unencrypted: [Case] = [
        Case(fixture: "pgp/openpgp-rsa2048.asc", algorithm: .rsa, bits: 2048),
        Case(fixture: "pgp/openpgp-ed25519.asc", algorithm: .ed25519, bits: 256),
        Case(fixture: "pgp/openpgp-p256.asc", algorithm: .ec, bits: 256, curve: "P-256"),
    ]

    @Test("a secret key with no passphrase is a private key with its type and size", arguments: unencrypted)
    func unencryptedSecretKeyIsAPrivateKey(_ expected: Case) throws {
        let object = try Fixture.single(expected.fixture)
        #expect(object.kind == .privateKey)
        #expect(object.algorithm == expected.algorithm)
        #expect(object.bits == expected.bits)
        #expect(object.curve == expected.curve)
        #expect(object.container == "openpgp")
    }

    @Test func aPassphraseProtectedSecretKeyIsRecognisedButNotASecret() throws {
        let object = try Fixture.single("pgp/openpgp-rsa3072-encrypted.asc")
        #expect(object.kind == .encryptedPrivateKey)
        #expect(object.container == "openpgp-encrypted")
        #expect(object.algorithm == .rsa && object.bits == 3072)
    }

    static let fingerprinted = (try? Fixture.expectedFingerprints("pgp/expected-fingerprints.txt").keys.sorted()) ?? []

    @Test("SPKI SHA-256 of the primary key equals the CLIs' (gpg --export-ssh-key | ssh-keygen | openssl)",
          arguments: fingerprinted)
    func spkiFingerprintMatchesTheCLIs(_ name: String) throws {
        let expected = try #require(try Fixture.expectedFingerprints("pgp/expected-fingerprints.txt")[name])
        #expect(try Fixture.single("pgp/" + name).spkiSha256 == expected)
    }

    @Test func expectationsCoverEveryOpenPGPKey() {
        #expect(Self.fingerprinted.count == 4)
    }

    /// A review's ways past the first reader: subkeys exported alone (the primary key a stub, the subkey in the
    /// clear), and a secret key under PGP 2's label or a public key block's — GnuPG imports all three as secret keys.
    @Test func aSecretSubkeyOrAnotherLabelIsStillAPrivateKey() throws {
        let subkey = try Fixture.single("pgp/openpgp-subkeys-only.asc")
        #expect(subkey.kind == .privateKey && subkey.algorithm == .x25519 && subkey.container == "openpgp")
        for name in ["pgp/openpgp-rsa2048-secret-label.asc", "pgp/openpgp-rsa2048-public-label.asc"] {
            let object = try Fixture.single(name)
            #expect(object.kind == .privateKey && object.algorithm == .rsa && object.bits == 2048, "\(name)")
        }
    }

    @Test func aPublicKeyBlockHoldsNoKeyMaterial() throws {
        #expect(try Fixture.inspectionError("pgp/openpgp-rsa2048-public.asc") == .notKeyMaterial)
    }

    /// A damaged block is an error that names the field, never a byte of the key.
    @Test func aTruncatedSecretKeyIsMalformedWithoutItsBytes() throws {
        let text = String(decoding: try Fixture.bytes("pgp/openpgp-rsa2048.asc"), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Keep the armour, the first two lines of data (the packet header and part of the public key) and the END.
        let body = lines.indices.filter { !lines[$0].isEmpty && !lines[$0].hasPrefix("-----") }
        let kept = Set(body.prefix(2))
        lines = lines.enumerated().filter { !body.contains($0.offset) || kept.contains($0.offset) }.map(\.element)
        let error: KeyMaterialError?
        do {
            _ = try KeyInspection.inspect(Array(lines.joined(separator: "\n").utf8))
            error = nil
        } catch let thrown {
            error = thrown
        }
        let description = try #require(error).description
        #expect(description.contains("OpenPGP secret key"), "\(description)")
        #expect(!description.contains(lines[body[0]].prefix(20)))
    }
}
