import Foundation
import KeyMaterial
import Testing

/// Private key bytes must never reach descriptions or error messages.
struct SecretHygieneTests {
    static let privateKeyFixtures = [
        "rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem", "rsa2048-exponent3-pkcs8.pem", "rsa3072-pkcs8.pem",
        "ec-p256-pkcs8.pem", "ec-p256-sec1.pem", "ec-p384-pkcs8.pem", "ec-p521-sec1.pem", "ec-secp256k1-pkcs8.pem",
        "ed25519-pkcs8.pem", "ed448-pkcs8.pem", "x25519-pkcs8.pem", "x448-pkcs8.pem", "dsa2048-pkcs8.pem",
        "dsa2048-traditional.pem", "encrypted-pkcs8.pem", "encrypted-legacy-rsa-pkcs1.pem",
        "ssh/openssh-ed25519", "ssh/openssh-rsa3072", "ssh/openssh-ecdsa-p384", "ssh/openssh-dsa1024",
        "ssh/openssh-ed25519-encrypted", "ssh/pkcs1-rsa2048-no-extension", "ssh/putty-ed25519.ppk",
    ]

    /// The base64 body lines of every PEM block in `text`.
    static func bodyLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.hasPrefix("-----") && !$0.contains(":") && $0.count >= 16 }
    }

    /// Fails if `output` contains any 16-character window of any body line.
    static func expectNoSecret(in output: String, from lines: [String], _ context: String) {
        for line in lines {
            let characters = Array(line)
            for start in stride(from: 0, through: characters.count - 16, by: 4) {
                let window = String(characters[start..<start + 16])
                if output.contains(window) {
                    Issue.record("\(context) leaks PEM body text")
                    return
                }
            }
        }
    }

    @Test(arguments: privateKeyFixtures)
    func descriptionsOfPrivateKeysCarryNoBodyText(_ fixture: String) throws {
        let text = String(decoding: try Fixture.bytes(fixture), as: UTF8.self)
        let lines = Self.bodyLines(text)
        try #require(!lines.isEmpty)
        for object in try KeyInspection.inspect(Array(text.utf8)) {
            Self.expectNoSecret(in: object.description, from: lines, "description")
            Self.expectNoSecret(in: String(reflecting: object), from: lines, "debugDescription")
            Self.expectNoSecret(in: "\(object)", from: lines, "interpolation")
        }
        let report = try KeyVerifier.verify(Array(text.utf8))
        Self.expectNoSecret(in: String(reflecting: report), from: lines, "verification report")
    }

    @Test(arguments: privateKeyFixtures)
    func errorsFromDamagedPrivateKeysCarryNoBodyText(_ fixture: String) throws {
        let text = String(decoding: try Fixture.bytes(fixture), as: UTF8.self)
        let lines = Self.bodyLines(text)
        var damaged: [String] = []
        // Drop body lines (truncated DER), corrupt a character mid-body, and break the base64.
        var allLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if allLines.count > 6 {
            var truncated = allLines
            truncated.removeSubrange(3..<(allLines.count - 3))
            damaged.append(truncated.joined(separator: "\n"))
        }
        if let index = allLines.firstIndex(where: { lines.contains($0) }) {
            var line = Array(allLines[index])
            line[5] = line[5] == "A" ? "B" : "A"
            allLines[index] = String(line)
            damaged.append(allLines.joined(separator: "\n"))
            allLines[index] = String(line.dropLast(3)) + "!!!"
            damaged.append(allLines.joined(separator: "\n"))
        }
        var errorsSeen = 0
        for input in damaged {
            do {
                _ = try KeyInspection.inspect(Array(input.utf8))
            } catch {
                errorsSeen += 1
                Self.expectNoSecret(in: error.description, from: lines, "error description")
                Self.expectNoSecret(in: String(reflecting: error), from: lines, "error debugDescription")
                Self.expectNoSecret(in: "\(error)", from: lines, "error interpolation")
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(errorsSeen >= 1, "damaged variants should fail to decode")
    }

    @Test func theLeakDetectorCatchesABodyLine() throws {
        let lines = Self.bodyLines(String(decoding: try Fixture.bytes("ed25519-pkcs8.pem"), as: UTF8.self))
        let leaky = "malformed: " + lines[0].dropFirst(3).prefix(20)
        withKnownIssue { Self.expectNoSecret(in: leaky, from: lines, "fabricated message") }
    }

    @Test func derPrivateKeyBytesNeverAppearInErrors() throws {
        var der = try Fixture.bytes("rsa2048-pkcs1.der")
        der[200] ^= 0xFF  // damage a modulus byte: still parses as a structure, may fail checks
        der.removeLast(10)
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(der) }
        let hex = der[40..<60].map { String($0, radix: 16) }.joined()
        #expect(!error.description.contains(hex))
    }

    @Test func failedChecksOnAnInconsistentPrivateKeyCarryNoKeyBytes() throws {
        let der = try Fixture.bytes("rsa2048-pkcs1-inconsistent-private-exponent.der")
        let report = try KeyVerifier.verify(der)
        for failure in report.failures {
            #expect(!failure.description.contains("\n"))
            #expect(failure.reason.count < 400)
        }
        let hexBytes = der.map { String(format: "%02x", $0) }.joined()
        let rendered = String(reflecting: report).lowercased()
        for start in stride(from: 0, to: hexBytes.count - 32, by: 64) {
            let window = String(Array(hexBytes)[start..<start + 32])
            #expect(!rendered.contains(window))
        }
    }
}
