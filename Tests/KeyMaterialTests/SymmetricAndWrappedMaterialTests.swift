import KeyMaterial
import Testing

struct SymmetricAndWrappedMaterialTests {
    @Test(arguments: [
        ("aes128.raw", KeyEncoding.raw, 128), ("aes192.raw", .raw, 192), ("aes256.raw", .raw, 256),
        ("aes128.hex", .hex, 128), ("aes256.hex", .hex, 256),
        ("aes192.base64", .base64, 192), ("aes256.base64", .base64, 256),
    ])
    func symmetricKeyFilesAreAESKeys(_ fixture: String, _ encoding: KeyEncoding, _ bits: Int) throws {
        let object = try Fixture.single(fixture)
        #expect(object.kind == .symmetricKey)
        #expect(object.algorithm == .aes)
        #expect(object.bits == bits)
        #expect(object.encoding == encoding)
        #expect(object.spkiSha256 == nil)
    }

    @Test func hexKeyMayBeSplitAcrossLinesWithSpaces() throws {
        let text = "00112233 44556677\n8899aabb ccddeeff\n"
        let object = try #require(try KeyInspection.inspect(Array(text.utf8)).first)
        #expect(object.encoding == .hex)
        #expect(object.bits == 128)
    }

    @Test func hexTextOfAnOddSizeIsNotAKey() {
        #expect(throws: KeyMaterialError.notKeyMaterial) { try KeyInspection.inspect(Array("0011223344".utf8)) }
    }

    @Test(arguments: [("wrapped-oaep-sha256-4096.bin", 4096), ("wrapped-aes-key-wrap-4096.bin", 4416)])
    func rsaWrappedBlobsAreWrappedKeyMaterial(_ fixture: String, _ bits: Int) throws {
        let object = try Fixture.single(fixture)
        #expect(object.kind == .wrappedKeyMaterial)
        #expect(object.bits == bits)
        #expect(object.encoding == .raw)
        #expect(object.algorithm == nil)
    }

    @Test(arguments: [256, 384, 512, 280, 288, 296, 408, 416, 424, 536, 544, 552])
    func plausibleWrappedSizesAreRecognised(_ size: Int) throws {
        let object = try #require(try KeyInspection.inspect([UInt8](repeating: 0xA5, count: size)).first)
        #expect(object.kind == .wrappedKeyMaterial)
        #expect(object.bits == size * 8)
    }

    @Test(arguments: [17, 100, 255, 257, 513, 1000])
    func otherBinarySizesAreNotKeyMaterial(_ size: Int) {
        #expect(throws: KeyMaterialError.notKeyMaterial) {
            try KeyInspection.inspect([UInt8](repeating: 0xA5, count: size))
        }
    }

    /// Bytes that hold a PEM header beginning no key are never raw key bytes: a 32-byte label line (or prose naming
    /// one) was an AES 256-bit key (tester, round 34). 32 bytes without a header still are.
    @Test(arguments: ["-----BEGIN RSA PRIVATE KEY-----\n", "see -----BEGIN RSA PRIVATE KEY--", "-----BEGIN DSA PRIVATE KEY-----\n"])
    func aPEMLabelOfAKeysSizeIsNotAKey(_ text: String) {
        #expect(Array(text.utf8).count == 32)
        #expect(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array(text.utf8)) }
        #expect((try? KeyInspection.inspect([UInt8](repeating: 0x2D, count: 32)))?.first?.kind == .symmetricKey)
    }
}
