import KeyMaterial
import Testing

struct LooksLikeKeyMaterialTests {
    @Test(arguments: ["rsa2048-pkcs8.pem", "rsa2048-pkcs8.der", "ec-p256-sec1.der", "ed25519-spki.der",
                      "cert-ed25519-selfsigned.der", "encrypted-pkcs8.der", "rsa2048-pkcs1-public.der", "multi-block.pem"])
    func keyFilesLookLikeKeyMaterial(_ fixture: String) throws {
        #expect(KeyInspection.looksLikeKeyMaterial(try Fixture.bytes(fixture)))
    }

    @Test(arguments: ["not-a-key.txt", "empty.bin", "random-100-bytes.bin", "truncated-rsa2048-pkcs8.der", "aes256.raw"])
    func otherFilesDoNot(_ fixture: String) throws {
        #expect(!KeyInspection.looksLikeKeyMaterial(try Fixture.bytes(fixture)))
    }
}
