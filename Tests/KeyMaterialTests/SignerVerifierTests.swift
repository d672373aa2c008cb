import KeyMaterial
import Testing

struct SignerVerifierTests {
    static let message = Array("evidence bundle manifest v1".utf8)

    @Test(arguments: [
        ("ed25519-pkcs8.pem", "ed25519-spki.pem", "ed25519"),
        ("ec-p256-sec1.pem", "ec-p256-spki.pem", "ecdsa-p256-sha256"),
        ("ec-p384-pkcs8.pem", "ec-p384-spki.pem", "ecdsa-p384-sha384"),
        ("rsa3072-pkcs8.pem", "rsa3072-spki.pem", "rsa-pss-sha256"),
    ])
    func signatureRoundTripsAndTamperingIsDetected(_ privateFixture: String, _ publicFixture: String, _ algorithm: String) throws {
        let publicKey = try Fixture.bytes(publicFixture)
        let signed = try Signer.sign(message: Self.message, privateKeyPEM: Fixture.bytes(privateFixture))
        #expect(signed.algorithm == algorithm)
        #expect(signed.publicKeySPKISha256 == (try Fixture.single(publicFixture)).spkiSha256)
        #expect(try Verifier.verify(message: Self.message, signature: signed.signature, publicKeyPEM: publicKey))

        var tamperedMessage = Self.message
        tamperedMessage[0] ^= 0x01
        #expect(try !Verifier.verify(message: tamperedMessage, signature: signed.signature, publicKeyPEM: publicKey))

        var tamperedSignature = signed.signature
        tamperedSignature[tamperedSignature.count / 2] ^= 0x01
        #expect(try !Verifier.verify(message: Self.message, signature: tamperedSignature, publicKeyPEM: publicKey))
        #expect(try !Verifier.verify(message: Self.message, signature: [], publicKeyPEM: publicKey))
    }

    @Test func signatureFromAnotherKeyDoesNotVerify() throws {
        let signed = try Signer.sign(message: Self.message, privateKeyPEM: Fixture.bytes("ec-p256-pkcs8.pem"))
        let otherKey = try Fixture.bytes("ec-p256-sec1-with-parameters.pem")
        #expect(try !Verifier.verify(message: Self.message, signature: signed.signature, publicKeyPEM: otherKey))
    }

    @Test func certificateCanVerifyItsKeysSignature() throws {
        let signed = try Signer.sign(message: Self.message, privateKeyPEM: Fixture.bytes("rsa3072-pkcs8.pem"))
        let certificate = try Fixture.bytes("cert-rsa3072-leaf-issued-by-ec-ca.pem")
        #expect(try Verifier.verify(message: Self.message, signature: signed.signature, publicKeyPEM: certificate))
    }

    @Test func rsaPSSSignaturesAreRandomisedButBothVerify() throws {
        let key = try Fixture.bytes("rsa3072-pkcs8.pem")
        let first = try Signer.sign(message: Self.message, privateKeyPEM: key)
        let second = try Signer.sign(message: Self.message, privateKeyPEM: key)
        #expect(first.signature != second.signature)
        #expect(first.signature.count == 384)
        for signature in [first.signature, second.signature] {
            #expect(try Verifier.verify(message: Self.message, signature: signature, publicKeyPEM: Fixture.bytes("rsa3072-spki.pem")))
        }
    }

    @Test func ed25519SignaturesAreDeterministic() throws {
        let key = try Fixture.bytes("ed25519-pkcs8.pem")
        let first = try Signer.sign(message: Self.message, privateKeyPEM: key)
        #expect(first.signature == (try Signer.sign(message: Self.message, privateKeyPEM: key)).signature)
        #expect(first.signature.count == 64)
    }

    @Test(arguments: ["rsa2048-pkcs8.pem", "rsa2048-pkcs1.der", "rsa2048-exponent3-pkcs8.pem"])
    func rsa2048SigningKeysAreRefusedAsWeak(_ fixture: String) throws {
        #expect(throws: KeyMaterialError.weakKey("RSA-2048 is below the 3072-bit minimum for signing")) {
            _ = try Signer.sign(message: Self.message, privateKeyPEM: Fixture.bytes(fixture))
        }
    }

    @Test func rsa2048PublicKeysAreRefusedForVerification() throws {
        #expect(throws: KeyMaterialError.weakKey("RSA-2048 is below the 3072-bit minimum for signing")) {
            _ = try Verifier.verify(message: Self.message, signature: [1], publicKeyPEM: Fixture.bytes("rsa2048-spki.pem"))
        }
    }

    @Test(arguments: ["ed448-pkcs8.pem", "x25519-pkcs8.pem", "dsa2048-pkcs8.pem", "ec-p521-sec1.pem", "ec-secp256k1-pkcs8.pem"])
    func otherKeyTypesAreUnsupportedForSigning(_ fixture: String) throws {
        let error = try #require(throws: KeyMaterialError.self) {
            _ = try Signer.sign(message: Self.message, privateKeyPEM: Fixture.bytes(fixture))
        }
        guard case .unsupported = error else { Issue.record("expected .unsupported, got \(error)"); return }
    }

    @Test func signingNeedsExactlyOnePrivateKey() throws {
        #expect(throws: KeyMaterialError.unsupported("no private key to sign with")) {
            _ = try Signer.sign(message: Self.message, privateKeyPEM: Fixture.bytes("ed25519-spki.pem"))
        }
        let twoKeys = try Fixture.bytes("ed25519-pkcs8.pem") + Fixture.bytes("ec-p256-pkcs8.pem")
        #expect(throws: KeyMaterialError.unsupported("more than one private key; supply exactly one")) {
            _ = try Signer.sign(message: Self.message, privateKeyPEM: twoKeys)
        }
    }
}
