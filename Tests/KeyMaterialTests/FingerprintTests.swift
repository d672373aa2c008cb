import KeyMaterial
import Testing

struct FingerprintTests {
    static let fixtures: [String] = (try? Fixture.expectedFingerprints().keys.sorted()) ?? []

    @Test func expectationsFileCoversTheKeyFixtures() throws {
        #expect(Self.fixtures.count >= 30)
    }

    @Test("SPKI SHA-256 equals `openssl pkey -pubout -outform DER | sha256sum`", arguments: fixtures)
    func spkiFingerprintMatchesOpenSSLCLI(_ fixture: String) throws {
        let expected = try #require(try Fixture.expectedFingerprints()[fixture])
        let object = try Fixture.single(fixture)
        #expect(object.spkiSha256 == expected)
    }

    @Test func privateKeyAndItsPublicKeyShareAFingerprint() throws {
        let privateKey = try Fixture.single("rsa2048-pkcs1.der")
        let publicKey = try Fixture.single("rsa2048-pkcs1-public.pem")
        let certificate = try Fixture.single("cert-rsa2048-sha1-expired.pem")
        #expect(privateKey.spkiSha256 != nil)
        #expect(privateKey.spkiSha256 == publicKey.spkiSha256)
        #expect(privateKey.spkiSha256 == certificate.spkiSha256)
    }

    @Test func fingerprintsAreLowercaseHexOf64Digits() throws {
        let fingerprint = try #require(try Fixture.single("ed25519-pkcs8.pem").spkiSha256)
        #expect(fingerprint.count == 64)
        #expect(fingerprint.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
