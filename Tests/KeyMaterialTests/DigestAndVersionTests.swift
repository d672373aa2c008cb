import KeyMaterial
import Testing

struct DigestAndVersionTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(Digest.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Bytes hashed in uneven pieces (one empty) give the digest of the bytes at once.
    @Test func sha256InPiecesEqualsSHA256AtOnce() throws {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
        let stream = try #require(SHA256Stream())
        var start = 0
        for size in [0, 1, 63, 64, 65, 4_096, 50_000] {
            bytes[start..<start + size].withUnsafeBytes { stream.update($0) }
            start += size
        }
        bytes[start...].withUnsafeBytes { stream.update($0) }
        #expect(stream.finish() == Digest.sha256(bytes))
        #expect(SHA256Stream()?.finish() == Digest.sha256([]))
    }

    @Test func spkiFingerprintEqualsSHA256OfTheSPKIDERFile() throws {
        let der = try Fixture.bytes("ed25519-spki.der")
        #expect(Digest.sha256(der) == (try Fixture.single("ed25519-spki.der")).spkiSha256)
    }

    @Test func versionTextNamesOpenSSL3() {
        #expect(OpenSSLVersion.text.hasPrefix("OpenSSL 3."))
    }
}
