import KeyMaterial
import Testing

struct MalformedInputTests {
    @Test(arguments: ["not-a-key.txt", "empty.bin", "random-100-bytes.bin", "ec-parameters-only.pem"])
    func inputWithoutKeyMaterialIsNotKeyMaterial(_ fixture: String) throws {
        #expect(try Fixture.inspectionError(fixture) == .notKeyMaterial)
    }

    @Test(arguments: [
        "truncated-rsa2048-pkcs8.der", "truncated-rsa2048-pkcs8.pem", "invalid-base64-public-key.pem",
        "corrupt-ec-p256-point-spki.der",
    ])
    func brokenKeyMaterialIsMalformedWithAOneLineMessage(_ fixture: String) throws {
        let error = try #require(try Fixture.inspectionError(fixture))
        guard case let .malformed(block, reason) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(block == 0)
        #expect(!reason.isEmpty)
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasPrefix("malformed key material in block 0: "))
    }

    @Test func truncatedDERSaysHowMuchIsMissing() throws {
        // The fixture is the first 600 bytes of rsa2048-pkcs8.der, whose header declares the whole file.
        let whole = try Fixture.bytes("rsa2048-pkcs8.der").count
        let error = try Fixture.inspectionError("truncated-rsa2048-pkcs8.der")
        #expect(error == .malformed(block: 0, reason: "truncated DER: header declares \(whole) bytes but only 600 are present"))
    }

    @Test func corruptPointCarriesOpenSSLReasonText() throws {
        let error = try #require(try Fixture.inspectionError("corrupt-ec-p256-point-spki.der"))
        #expect(error.description.contains("cannot decode SubjectPublicKeyInfo public key: "))
        #expect(error.description.contains("unsupported"))  // OpenSSL's decoder reason
    }

    @Test func unterminatedPEMBlockIsMalformed() throws {
        var text = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "-----END PUBLIC KEY-----", with: "")
        #expect(throws: KeyMaterialError.malformed(block: 0, reason: "PEM block 'PUBLIC KEY' has no END line")) {
            try KeyInspection.inspect(Array(text.utf8))
        }
    }

    @Test func pemWithLinesEndingInCRAloneSaysWhyItHasNoEndLine() throws {
        // Classic Mac OS line endings: OpenSSL breaks PEM lines at LF only, so it reads no END line either.
        let text = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: "\r")
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array(text.utf8)) }
        #expect(error == .malformed(block: 0, reason: "PEM block 'PUBLIC KEY' has no END line: its lines end in CR alone "
            + "(classic Mac OS line endings), which OpenSSL does not read as line breaks; convert them to LF"))
    }

    @Test func pemWithCRLFLineEndingsIsRead() throws {
        let text = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: "\r\n")
        #expect(throws: Never.self) { try KeyInspection.inspect(Array(text.utf8)) }
    }

    @Test func mismatchedEndLabelIsMalformed() throws {
        var text = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "-----END PUBLIC KEY-----", with: "-----END PRIVATE KEY-----")
        #expect(throws: KeyMaterialError.malformed(block: 0, reason: "PEM block 'PUBLIC KEY' ends with a different label")) {
            try KeyInspection.inspect(Array(text.utf8))
        }
    }

    @Test func pemLabelThatDisagreesWithItsBodyIsMalformed() throws {
        var text = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "PUBLIC KEY", with: "PRIVATE KEY")
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array(text.utf8)) }
        guard case .malformed(0, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.hasPrefix("cannot decode PKCS#8 private key: "))
    }

    @Test func errorInOneBlockIdentifiesThatBlock() throws {
        let good = String(decoding: try Fixture.bytes("ed25519-spki.pem"), as: UTF8.self)
        let bad = String(decoding: try Fixture.bytes("invalid-base64-public-key.pem"), as: UTF8.self)
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array((good + bad).utf8)) }
        #expect(error == .malformed(block: 1, reason: "PEM block 'PUBLIC KEY' body is not valid base64"))
    }

    @Test func ecdsaSignatureShapedSequenceIsNotMistakenForAnRSAPublicKey() {
        // SEQUENCE { INTEGER (32 bytes), INTEGER (32 bytes) } — the shape of an ECDSA signature.
        let r = [UInt8](repeating: 0x11, count: 32), s = [UInt8](repeating: 0x22, count: 32)
        let der: [UInt8] = [0x30, 68, 0x02, 32] + r + [0x02, 32] + s
        #expect(throws: KeyMaterialError.notKeyMaterial) { try KeyInspection.inspect(der) }
    }

    @Test func failureDoesNotDisturbTheNextInspection() throws {
        let inspector = try KeyInspector()
        let before = try inspector.inspect(Fixture.bytes("ec-p256-spki.der"))
        #expect(throws: KeyMaterialError.self) { try inspector.inspect(Fixture.bytes("corrupt-ec-p256-point-spki.der")) }
        #expect(throws: KeyMaterialError.self) { try inspector.inspect(Fixture.bytes("truncated-rsa2048-pkcs8.pem")) }
        let after = try inspector.inspect(Fixture.bytes("ec-p256-spki.der"))
        #expect(before == after)
    }
}

extension MalformedInputTests {
    @Test func overlongPEMLabelsAreNotEchoedIntoMessages() throws {
        let label = String(repeating: "Q", count: 200)
        let text = "-----BEGIN \(label)-----\nAAAA\n-----END OTHER-----\n"
        // Unknown labels are skipped, but framing is checked first and the label is not echoed.
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array(text.utf8)) }
        #expect(!error.description.contains(label))
        #expect(error.description.contains("<unprintable label>"))
    }
}
