import KeyMaterial
import Testing

struct KeyVerifierTests {
    @Test(arguments: [
        "rsa2048-pkcs8.pem", "rsa2048-pkcs1.der", "ec-p256-sec1.pem", "ec-p384-pkcs8.pem", "ec-p521-sec1.pem",
        "ec-secp256k1-pkcs8.pem", "ed25519-pkcs8.pem", "ed448-pkcs8.pem", "x25519-pkcs8.pem", "x448-pkcs8.pem",
        "dsa2048-pkcs8.pem",
    ])
    func consistentPrivateKeysPassPrivateAndPairwiseChecks(_ fixture: String) throws {
        let report = try KeyVerifier.verify(Fixture.bytes(fixture))
        #expect(report.passed, "\(report.failures)")
        #expect(report.checksRun.contains("0:private-key-check"))
        #expect(report.checksRun.contains("0:pairwise-check"))
    }

    @Test(arguments: ["rsa2048-spki.der", "ec-p256-spki.pem", "ed25519-spki.der", "x25519-spki.der", "dsa2048-spki.pem", "cert-ec-p256-ca.pem"])
    func validPublicKeysPassThePublicCheck(_ fixture: String) throws {
        let report = try KeyVerifier.verify(Fixture.bytes(fixture))
        #expect(report.passed, "\(report.failures)")
        #expect(report.checksRun == ["0:public-key-check"])
    }

    @Test func privateExponentThatDoesNotMatchFailsWithOpenSSLReason() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("rsa2048-pkcs1-inconsistent-private-exponent.der"))
        #expect(!report.passed)
        let failure = try #require(report.failures.first { $0.check == "private-key-check" })
        #expect(failure.index == 0)
        #expect(failure.reason.contains("d e not congruent to 1"))
    }

    @Test func ecKeyWithForeignPublicPointFailsThePairwiseCheck() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("ec-p256-sec1-mismatched-public-point.der"))
        #expect(report.failures.map(\.check).contains("pairwise-check"))
        #expect(report.failures.contains { $0.reason.contains("invalid private key") })
    }

    @Test func matchingBundlePairsTheKeyWithItsCertificate() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("bundle-cert-key-matching.pem"))
        #expect(report.pairings == [KeyCertificatePairing(privateKeyIndex: 1, certificateIndex: 0)])
        #expect(report.passed, "\(report.failures)")
    }

    @Test func mismatchedBundleReportsCertificateKeyMatchFailure() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("bundle-cert-key-mismatched.pem"))
        #expect(report.pairings == [KeyCertificatePairing(privateKeyIndex: 1, certificateIndex: nil)])
        #expect(report.failures.map(\.check) == ["certificate-key-match"])
        #expect(report.failures.first?.index == 1)
    }

    @Test func filesWithoutCertificatesHaveNoPairings() throws {
        #expect(try KeyVerifier.verify(Fixture.bytes("rsa2048-pkcs8.pem")).pairings.isEmpty)
    }

    @Test func symmetricMaterialHasNothingToCheck() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("aes256.raw"))
        #expect(report.checksRun.isEmpty)
        #expect(report.passed)
    }

    @Test func notKeyMaterialIsThrown() throws {
        #expect(throws: KeyMaterialError.notKeyMaterial) { try KeyVerifier.verify(Fixture.bytes("not-a-key.txt")) }
    }
}
