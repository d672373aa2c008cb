import KeyMaterial
import Testing

struct WrappedMaterialTests {
    @Test(arguments: [WrappingAlgorithm.rsaesOaepSha1, .rsaesOaepSha256, .rsaesPkcs1V15])
    func rsaOnlyAlgorithmsProduceExactlyTheModulusSize(_ algorithm: WrappingAlgorithm) {
        #expect(WrappedMaterial.expectedSizes(modulusBytes: 512, algorithm: algorithm) == [512])
        #expect(WrappedMaterial.expectedSizes(modulusBytes: 256, algorithm: algorithm) == [256])
        #expect(WrappedMaterial.sizeMatches(encryptedSize: 384, modulusBytes: 384, algorithm: algorithm))
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: 424, modulusBytes: 384, algorithm: algorithm))
    }

    @Test(arguments: [WrappingAlgorithm.rsaAesKeyWrapSha1, .rsaAesKeyWrapSha256])
    func rsaAESKeyWrapAddsKeySizePlusEight(_ algorithm: WrappingAlgorithm) {
        #expect(WrappedMaterial.expectedSizes(modulusBytes: 512, algorithm: algorithm) == [536, 544, 552])
        #expect(WrappedMaterial.expectedSize(modulusBytes: 512, algorithm: algorithm, keyBytes: 32) == 552)
        #expect(WrappedMaterial.expectedSize(modulusBytes: 256, algorithm: algorithm, keyBytes: 16) == 280)
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: 512, modulusBytes: 512, algorithm: algorithm))
    }

    @Test func unsupportedKeySizesAndEmptyModuliHaveNoExpectation() {
        #expect(WrappedMaterial.expectedSize(modulusBytes: 512, algorithm: .rsaAesKeyWrapSha256, keyBytes: 20) == nil)
        #expect(WrappedMaterial.expectedSizes(modulusBytes: 0, algorithm: .rsaesOaepSha256).isEmpty)
    }

    @Test func wrappedFixtureSizesMatchTheirWrappingKey() throws {
        let wrappingKey = try Fixture.single("wrapping-rsa4096-spki.der")
        let modulus = WrappedMaterial.modulusBytes(forBits: try #require(wrappingKey.bits))
        #expect(modulus == 512)
        let oaep = try Fixture.bytes("wrapped-oaep-sha256-4096.bin").count
        let keyWrap = try Fixture.bytes("wrapped-aes-key-wrap-4096.bin").count
        #expect(WrappedMaterial.sizeMatches(encryptedSize: oaep, modulusBytes: modulus, algorithm: .rsaesOaepSha256))
        #expect(WrappedMaterial.sizeMatches(encryptedSize: keyWrap, modulusBytes: modulus, algorithm: .rsaAesKeyWrapSha256))
        #expect(!WrappedMaterial.sizeMatches(encryptedSize: keyWrap, modulusBytes: modulus, algorithm: .rsaesOaepSha256))
    }

    @Test func algorithmRawValuesAreTheAWSNames() {
        #expect(WrappingAlgorithm.allCases.map(\.rawValue) == [
            "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSAES_PKCS1_V1_5", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256",
        ])
    }
}
