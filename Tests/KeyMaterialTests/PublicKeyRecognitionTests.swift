import KeyMaterial
import Testing

struct PublicKeyRecognitionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var algorithm: KeyAlgorithm
        var bits: Int
        var curve: String?
        var encoding: KeyEncoding
        var container: String
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "rsa2048-spki.pem", algorithm: .rsa, bits: 2048, encoding: .pem, container: "spki"),
        Case(fixture: "rsa2048-spki.der", algorithm: .rsa, bits: 2048, encoding: .der, container: "spki"),
        Case(fixture: "rsa2048-pkcs1-public.pem", algorithm: .rsa, bits: 2048, encoding: .pem, container: "pkcs1"),
        Case(fixture: "rsa2048-pkcs1-public.der", algorithm: .rsa, bits: 2048, encoding: .der, container: "pkcs1"),
        Case(fixture: "rsa3072-spki.pem", algorithm: .rsa, bits: 3072, encoding: .pem, container: "spki"),
        Case(fixture: "wrapping-rsa4096-spki.der", algorithm: .rsa, bits: 4096, encoding: .der, container: "spki"),
        Case(fixture: "ec-p256-spki.pem", algorithm: .ec, bits: 256, curve: "P-256", encoding: .pem, container: "spki"),
        Case(fixture: "ec-p256-spki.der", algorithm: .ec, bits: 256, curve: "P-256", encoding: .der, container: "spki"),
        Case(fixture: "ec-p384-spki.pem", algorithm: .ec, bits: 384, curve: "P-384", encoding: .pem, container: "spki"),
        Case(fixture: "ed25519-spki.der", algorithm: .ed25519, bits: 256, encoding: .der, container: "spki"),
        Case(fixture: "ed25519-spki.pem", algorithm: .ed25519, bits: 256, encoding: .pem, container: "spki"),
        Case(fixture: "x25519-spki.der", algorithm: .x25519, bits: 253, encoding: .der, container: "spki"),
        Case(fixture: "dsa2048-spki.pem", algorithm: .dsa, bits: 2048, encoding: .pem, container: "spki"),
    ]

    @Test("public keys are recognised with algorithm, size, curve and container", arguments: cases)
    func recognisesPublicKey(_ expected: Case) throws {
        let object = try Fixture.single(expected.fixture)
        #expect(object.kind == .publicKey)
        #expect(object.algorithm == expected.algorithm)
        #expect(object.bits == expected.bits)
        #expect(object.curve == expected.curve)
        #expect(object.encoding == expected.encoding)
        #expect(object.container == expected.container)
    }

    @Test func rsaPublicKeysReportTheirExponent() throws {
        #expect(try Fixture.single("rsa2048-spki.der").rsaPublicExponent == "65537")
        #expect(try Fixture.single("rsa2048-pkcs1-public.pem").rsaPublicExponent == "65537")
    }
}
