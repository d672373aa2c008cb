import KeyMaterial
import Testing

struct PrivateKeyRecognitionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var algorithm: KeyAlgorithm
        var bits: Int
        var curve: String?
        var encoding: KeyEncoding
        var container: String
        var exponent: String?
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "rsa2048-pkcs8.pem", algorithm: .rsa, bits: 2048, encoding: .pem, container: "pkcs8", exponent: "65537"),
        Case(fixture: "rsa2048-pkcs8.der", algorithm: .rsa, bits: 2048, encoding: .der, container: "pkcs8", exponent: "65537"),
        Case(fixture: "rsa2048-pkcs1.pem", algorithm: .rsa, bits: 2048, encoding: .pem, container: "pkcs1", exponent: "65537"),
        Case(fixture: "rsa2048-pkcs1.der", algorithm: .rsa, bits: 2048, encoding: .der, container: "pkcs1", exponent: "65537"),
        Case(fixture: "rsa2048-exponent3-pkcs8.pem", algorithm: .rsa, bits: 2048, encoding: .pem, container: "pkcs8", exponent: "3"),
        Case(fixture: "rsa3072-pkcs8.pem", algorithm: .rsa, bits: 3072, encoding: .pem, container: "pkcs8", exponent: "65537"),
        Case(fixture: "ec-p256-pkcs8.pem", algorithm: .ec, bits: 256, curve: "P-256", encoding: .pem, container: "pkcs8"),
        Case(fixture: "ec-p256-sec1.pem", algorithm: .ec, bits: 256, curve: "P-256", encoding: .pem, container: "sec1"),
        Case(fixture: "ec-p256-sec1.der", algorithm: .ec, bits: 256, curve: "P-256", encoding: .der, container: "sec1"),
        Case(fixture: "ec-p384-pkcs8.pem", algorithm: .ec, bits: 384, curve: "P-384", encoding: .pem, container: "pkcs8"),
        Case(fixture: "ec-p521-sec1.pem", algorithm: .ec, bits: 521, curve: "P-521", encoding: .pem, container: "sec1"),
        Case(fixture: "ec-secp256k1-pkcs8.pem", algorithm: .ec, bits: 256, curve: "secp256k1", encoding: .pem, container: "pkcs8"),
        Case(fixture: "ed25519-pkcs8.pem", algorithm: .ed25519, bits: 256, encoding: .pem, container: "pkcs8"),
        Case(fixture: "ed448-pkcs8.pem", algorithm: .ed448, bits: 456, encoding: .pem, container: "pkcs8"),
        Case(fixture: "x25519-pkcs8.pem", algorithm: .x25519, bits: 253, encoding: .pem, container: "pkcs8"),
        Case(fixture: "x448-pkcs8.pem", algorithm: .x448, bits: 448, encoding: .pem, container: "pkcs8"),
        Case(fixture: "dsa2048-pkcs8.pem", algorithm: .dsa, bits: 2048, encoding: .pem, container: "pkcs8"),
        Case(fixture: "dsa2048-traditional.pem", algorithm: .dsa, bits: 2048, encoding: .pem, container: "dsa-traditional"),
    ]

    @Test("private keys are recognised with algorithm, size, curve and container", arguments: cases)
    func recognisesPrivateKey(_ expected: Case) throws {
        let object = try Fixture.single(expected.fixture)
        #expect(object.index == 0)
        #expect(object.kind == .privateKey)
        #expect(object.algorithm == expected.algorithm)
        #expect(object.bits == expected.bits)
        #expect(object.curve == expected.curve)
        #expect(object.encoding == expected.encoding)
        #expect(object.container == expected.container)
        #expect(object.rsaPublicExponent == expected.exponent)
        #expect(object.certificate == nil)
    }

    @Test func sec1KeyAfterECParametersBlockKeepsItsBlockIndex() throws {
        let objects = try KeyInspection.inspect(Fixture.bytes("ec-p256-sec1-with-parameters.pem"))
        #expect(objects.map(\.index) == [1])
        #expect(objects.first?.kind == .privateKey)
        #expect(objects.first?.curve == "P-256")
    }

    /// OpenSSL 3.0 reads a private key's body under labels that promise none (`EC PARAMETERS`, `SM2 PRIVATE KEY`) or
    /// another key (`PUBLIC KEY`, `ENCRYPTED PRIVATE KEY`, `EC PRIVATE KEY` over PKCS #8): a review hid keys so, and
    /// each is now read as the private key it is.
    @Test(arguments: ["EC PARAMETERS", "DH PARAMETERS", "SM2 PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY",
                      "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "MADE UP"])
    func aPrivateKeyUnderAnotherLabelIsAPrivateKey(_ label: String) throws {
        let text = String(decoding: try Fixture.bytes("rsa2048-pkcs8.pem"), as: UTF8.self)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined(separator: "\n")
        let relabelled = "-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n"
        let objects = try KeyInspection.inspect(Array(relabelled.utf8))
        #expect(objects.count == 1)
        #expect(objects.first?.kind == .privateKey && objects.first?.algorithm == .rsa && objects.first?.bits == 2048)
    }
}
