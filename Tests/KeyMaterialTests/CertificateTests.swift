import Foundation
import KeyMaterial
import Testing

struct CertificateTests {
    private func utc(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    @Test func expiredSHA1CertificateReportsItsDetails() throws {
        let object = try Fixture.single("cert-rsa2048-sha1-expired.pem")
        #expect(object.kind == .certificate)
        #expect(object.algorithm == .rsa)
        #expect(object.bits == 2048)
        #expect(object.container == "x509")
        #expect(object.encoding == .pem)
        let details = try #require(object.certificate)
        #expect(details.subject == "O=Policycheck Tests,CN=expired.test.invalid")
        #expect(details.issuer == details.subject)
        #expect(details.serial == "01a2b3")
        #expect(details.notBefore == utc(2010, 1, 1))
        #expect(details.notAfter == utc(2011, 1, 1))
        #expect(details.signatureAlgorithm == "sha1WithRSAEncryption")
        #expect(details.isCA == false)
        #expect(details.selfSigned == true)
        #expect(details.isRootShaped == false)
    }

    @Test func selfSignedECCertificateWithCAConstraintIsACA() throws {
        let details = try #require(try Fixture.single("cert-ec-p256-ca.pem").certificate)
        #expect(details.isCA)
        #expect(details.selfSigned)
        #expect(details.keyCertSign)
        #expect(details.hasSubjectAltName == false)
        #expect(details.tlsAuthentication == false)
        #expect(details.isRootShaped)
        #expect(details.signatureAlgorithm == "ecdsa-with-SHA256")
        #expect(details.subject == "O=Policycheck Tests,CN=Policycheck Test CA")
    }

    @Test func leafIssuedByCAIsNeitherCANorSelfSigned() throws {
        let object = try Fixture.single("cert-rsa3072-leaf-issued-by-ec-ca.pem")
        #expect(object.algorithm == .rsa)
        #expect(object.bits == 3072)
        let details = try #require(object.certificate)
        #expect(details.isCA == false)
        #expect(details.selfSigned == false)
        #expect(details.keyCertSign == false)
        #expect(details.isRootShaped == false)
        #expect(details.serial == "1001")
        #expect(details.issuer == "O=Policycheck Tests,CN=Policycheck Test CA")
        #expect(details.subject == "CN=leaf.test.invalid")
        #expect(details.signatureAlgorithm == "ecdsa-with-SHA384")
        #expect(details.notAfter.timeIntervalSince(details.notBefore) == 365 * 86_400)
    }

    @Test func derEd25519CertificateIsRecognised() throws {
        let object = try Fixture.single("cert-ed25519-selfsigned.der")
        #expect(object.encoding == .der)
        #expect(object.algorithm == .ed25519)
        #expect(object.certificate?.signatureAlgorithm == "ED25519")
        #expect(object.certificate?.selfSigned == true)
    }

    @Test func trustedCertificateBlockIsReadWithItsTrustData() throws {
        let object = try Fixture.single("cert-ec-p256-ca-trusted.pem")
        #expect(object.kind == .certificate)
        #expect(object.container == "x509-trusted")
        #expect(object.certificate == (try Fixture.single("cert-ec-p256-ca.pem")).certificate)
    }
}
