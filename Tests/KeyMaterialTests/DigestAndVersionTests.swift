import KeyMaterial
import Testing

struct DigestAndVersionTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(Digest.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func spkiFingerprintEqualsSHA256OfTheSPKIDERFile() throws {
        let der = try Fixture.bytes("ed25519-spki.der")
        #expect(Digest.sha256(der) == (try Fixture.single("ed25519-spki.der")).spkiSha256)
    }

    @Test func versionTextNamesOpenSSL3() {
        #expect(OpenSSLVersion.text.hasPrefix("OpenSSL 3."))
    }
}
