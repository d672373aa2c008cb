import KeyMaterial
import Testing

struct WrappedMaterialTests {
    static let symmetric = ImportedMaterialSize.forKeySpec("SYMMETRIC_DEFAULT")

    @Test(arguments: [WrappingAlgorithm.rsaesOaepSha1, .rsaesOaepSha256, .rsaesPkcs1V15])
    func rsaOnlyAlgorithmsProduceExactlyTheModulusSize(_ algorithm: WrappingAlgorithm) {
        for spec in ["SYMMETRIC_DEFAULT", "HMAC_256", "RSA_2048", "ECC_NIST_P384"] {
            let material = ImportedMaterialSize.forKeySpec(spec)
            #expect(WrappedMaterial.expectation(modulusBytes: 512, algorithm: algorithm, material: material) == .exactly([512]))
            #expect(WrappedMaterial.sizeMatches(encryptedSize: 384, modulusBytes: 384, algorithm: algorithm, material: material))
            #expect(!WrappedMaterial.sizeMatches(encryptedSize: 424, modulusBytes: 384, algorithm: algorithm, material: material))
        }
    }

    /// RFC 5649 (AES key wrap with padding): the plaintext padded to a multiple of 8, plus 8 bytes; its section 6
    /// test vectors wrap a 20-byte key into 32 bytes and a 7-byte key into 16.
    @Test func aesKeyWrapWithPaddingSizesFollowRFC5649() {
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 20) == 32)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 7) == 16)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 1) == 16)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 8) == 16)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 9) == 24)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 32) == 40)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 64) == 72)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 1200) == 1208)
        #expect(WrappedMaterial.aesKeyWrapPaddedSize(materialBytes: 1217) == 1232)
    }

    /// AWS KMS imports only 256-bit symmetric material, so RSA_AES_KEY_WRAP_* of a SYMMETRIC_DEFAULT key is exactly
    /// the modulus plus 40 (a key spec left out is SYMMETRIC_DEFAULT, CreateKey's default).
    @Test(arguments: [WrappingAlgorithm.rsaAesKeyWrapSha1, .rsaAesKeyWrapSha256])
    func rsaAESKeyWrapOfSymmetricMaterialIsTheModulusPlusForty(_ algorithm: WrappingAlgorithm) {
        #expect(WrappedMaterial.expectation(modulusBytes: 512, algorithm: algorithm, material: Self.symmetric) == .exactly([552]))
        #expect(WrappedMaterial.expectation(modulusBytes: 256, algorithm: algorithm, material: Self.symmetric) == .exactly([296]))
        #expect(ImportedMaterialSize.forKeySpec(nil) == Self.symmetric)
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: 536, modulusBytes: 512, algorithm: algorithm, material: Self.symmetric))
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: 512, modulusBytes: 512, algorithm: algorithm, material: Self.symmetric))
    }

    /// HMAC material runs from the hash's output size to its block size: every RFC 5649 size in between.
    @Test func rsaAESKeyWrapOfHMACMaterialCoversItsRange() {
        let hmac256 = ImportedMaterialSize.forKeySpec("HMAC_256")
        #expect(hmac256 == .between(32...64))
        #expect(WrappedMaterial.expectation(modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: hmac256)
            == .exactly([552, 560, 568, 576, 584]))
        let hmac224 = ImportedMaterialSize.forKeySpec("HMAC_224")
        #expect(WrappedMaterial.expectation(modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: hmac224)
            == .exactly([552, 560, 568, 576, 584]))
        let hmac512 = ImportedMaterialSize.forKeySpec("HMAC_512")
        #expect(WrappedMaterial.sizeMatches(encryptedSize: 584, modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: hmac512))
        #expect(WrappedMaterial.sizeMatches(encryptedSize: 648, modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: hmac512))
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: 552, modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: hmac512))
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: 656, modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: hmac512))
    }

    /// A private key's PKCS#8 length varies: the modulus plus a multiple of 8, at least the smallest key's wrapping.
    @Test func rsaAESKeyWrapOfAPrivateKeyIsStructural() {
        let rsa2048 = ImportedMaterialSize.forKeySpec("RSA_2048")
        let expected = WrappedMaterial.expectation(modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: rsa2048)
        #expect(expected == .atLeast(modulusBytes: 512, bytes: 1032))
        #expect(expected?.admits(1712) == true)  // a 1200-byte PKCS#8 key (the tester's)
        #expect(expected?.admits(1744) == true)  // 1217 bytes
        #expect(expected?.admits(1745) == false)
        #expect(expected?.admits(552) == false)
        let p256 = ImportedMaterialSize.forKeySpec("ECC_NIST_P256")
        // At least a minimal PKCS#8 key (67 bytes), wrapped to 80: a wrapped 32-byte symmetric key (552 bytes under a
        // 4096-bit key) is no P-256 material (tester, round 35).
        #expect(WrappedMaterial.expectation(modulusBytes: 384, algorithm: .rsaAesKeyWrapSha1, material: p256)
            == .atLeast(modulusBytes: 384, bytes: 464))
        let p256Under4096 = WrappedMaterial.expectation(modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, material: p256)
        #expect(p256Under4096?.admits(552) == false && p256Under4096?.admits(592) == true)
        #expect(WrappedMaterial.expectation(modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256,
                                            material: ImportedMaterialSize.forKeySpec("ECC_NIST_P384"))?.admits(592) == false)
        #expect(ImportedMaterialSize.forKeySpec("ML_DSA_44") == .atLeast(1))
    }

    @Test func summariesReadAsMessagesSayThem() {
        #expect(WrappedSize.exactly([552]).summary == "552 bytes")
        #expect(WrappedSize.exactly([552, 560, 568]).summary == "552, 560 or 568 bytes")
        #expect(WrappedSize.atLeast(modulusBytes: 512, bytes: 1032).summary == "at least 1032 bytes (512 + a multiple of 8)")
        #expect(ImportedMaterialSize.forKeySpec("SYMMETRIC_DEFAULT").summary == "32 bytes")
        #expect(ImportedMaterialSize.forKeySpec("HMAC_384").summary == "48–128 bytes")
        #expect(ImportedMaterialSize.forKeySpec("RSA_4096").summary == "at least 1024 bytes")
    }

    @Test func emptyModuliHaveNoExpectation() {
        #expect(WrappedMaterial.expectation(modulusBytes: 0, algorithm: .rsaesOaepSha256, material: Self.symmetric) == nil)
    }

    @Test func wrappedFixtureSizesMatchTheirWrappingKeyAndKeySpec() throws {
        let wrappingKey = try Fixture.single("wrapping-rsa4096-spki.der")
        let modulus = WrappedMaterial.modulusBytes(forBits: try #require(wrappingKey.bits))
        #expect(modulus == 512)
        func matches(_ name: String, _ algorithm: WrappingAlgorithm, _ spec: String) throws -> Bool {
            WrappedMaterial.sizeMatches(encryptedSize: try Fixture.bytes(name).count, modulusBytes: modulus,
                                        algorithm: algorithm, material: ImportedMaterialSize.forKeySpec(spec))
        }
        #expect(try matches("wrapped-oaep-sha256-4096.bin", .rsaesOaepSha256, "SYMMETRIC_DEFAULT"))
        #expect(try matches("wrapped-aes-key-wrap-4096.bin", .rsaAesKeyWrapSha256, "SYMMETRIC_DEFAULT"))
        #expect(try !matches("wrapped-aes-key-wrap-4096.bin", .rsaesOaepSha256, "SYMMETRIC_DEFAULT"))
        #expect(try matches("wrapped-aes-key-wrap-rsa2048-private-4096.bin", .rsaAesKeyWrapSha256, "RSA_2048"))
        #expect(try !matches("wrapped-aes-key-wrap-rsa2048-private-4096.bin", .rsaAesKeyWrapSha256, "SYMMETRIC_DEFAULT"))
        #expect(try matches("wrapped-aes-key-wrap-hmac512-4096.bin", .rsaAesKeyWrapSha256, "HMAC_512"))
        #expect(try !matches("wrapped-aes-key-wrap-hmac512-4096.bin", .rsaAesKeyWrapSha256, "SYMMETRIC_DEFAULT"))
    }

    @Test func algorithmRawValuesAreTheAWSNames() {
        #expect(WrappingAlgorithm.allCases.map(\.rawValue) == [
            "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSAES_PKCS1_V1_5", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256",
        ])
    }
}
