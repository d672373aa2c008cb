import KeyMaterial
import Testing

struct MultiBlockPEMTests {
    @Test func everyKeyBlockIsReportedInOrderAndTextAndParametersAreSkipped() throws {
        let objects = try KeyInspection.inspect(Fixture.bytes("multi-block.pem"))
        #expect(objects.map(\.index) == [0, 1, 3])
        #expect(objects.map(\.kind) == [.publicKey, .certificate, .privateKey])
        #expect(objects.map(\.algorithm) == [.ec, .ec, .ed25519])
    }

    @Test func bundleReportsCertificateThenKey() throws {
        let objects = try KeyInspection.inspect(Fixture.bytes("bundle-cert-key-matching.pem"))
        #expect(objects.map(\.kind) == [.certificate, .privateKey])
        #expect(objects[0].spkiSha256 == objects[1].spkiSha256)
    }

    @Test func parametersOnlyFileIsNotKeyMaterial() throws {
        #expect(try Fixture.inspectionError("ec-parameters-only.pem") == .notKeyMaterial)
    }

    @Test func unknownLabelsAreSkipped() throws {
        let text = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"
        #expect(throws: KeyMaterialError.notKeyMaterial) { try KeyInspection.inspect(Array(text.utf8)) }
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let text = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
        let crlf = text.split(separator: "\n").joined(separator: "\r\n") + "\r\n"
        let object = try #require(try KeyInspection.inspect(Array(crlf.utf8)).first)
        #expect(object.spkiSha256 == (try Fixture.single("ed25519-spki.pem")).spkiSha256)
    }
}
