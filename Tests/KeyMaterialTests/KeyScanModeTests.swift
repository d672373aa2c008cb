import KeyMaterial
import Testing

/// Which broken PEM blocks are errors (`KeyScanMode`): a PEM header in prose or binary data begins no key, but a
/// broken key in a file named as one is still an error, located at its first bad byte.
struct KeyScanModeTests {
    /// A protobuf-like blob whose description text shows a PEM header, as argo-cd's `openapiv2.bin` does.
    static let binaryMention: [UInt8] = [0x0A, 0x00, 0x12, 0x9C, 0x01] + Array("""
        The certificate is encoded in PEM format:
            -----BEGIN CERTIFICATE-----
            ...
            -----END CERTIFICATE-----
        """.utf8) + [0x00, 0x1A]

    @Test func headerInBinaryDataIsIgnoredAndExplained() {
        for mode in [KeyScanMode.found, .keyFile] {
            let scan = KeyInspection.scan(Self.binaryMention, mode: mode)
            #expect(scan.failure == .notKeyMaterial, "\(mode)")
            #expect(scan.ignored.map(\.label) == ["CERTIFICATE"])
            #expect(scan.ignored.first?.reason == "PEM block 'CERTIFICATE' body is not valid base64 (in binary data)")
        }
    }

    @Test func strictReadingStillFailsOnAnyBrokenBlock() {
        let scan = KeyInspection.scan(Self.binaryMention, mode: .strict)
        #expect(scan.failure == .malformed(block: 0, reason: "PEM block 'CERTIFICATE' body is not valid base64"))
    }

    @Test func brokenBlockInAKeyFileIsAnErrorAtItsFirstBadByte() {
        let text = Array("-----BEGIN CERTIFICATE-----\ntest-cert-data\n-----END CERTIFICATE-----\n".utf8)
        let scan = KeyInspection.scan(text, mode: .keyFile)
        #expect(scan.failure == .malformed(block: 0, reason: "PEM block 'CERTIFICATE' body is not valid base64"))
        #expect(scan.failureOffset == 32)  // the '-' after "test"
        #expect(KeyInspection.scan(text, mode: .found).failure == .notKeyMaterial)
    }

    @Test func unterminatedKeyInAKeyFileIsAnErrorAtItsBeginLine() throws {
        var text = String(decoding: try Fixture.bytes("ed25519-pkcs8.pem"), as: UTF8.self)
        text = "# deploy key\n" + text.replacingOccurrences(of: "-----END PRIVATE KEY-----", with: "")
        let scan = KeyInspection.scan(Array(text.utf8), mode: .keyFile)
        #expect(scan.failure == .malformed(block: 0, reason: "PEM block 'PRIVATE KEY' has no END line"))
        #expect(scan.failureOffset == 13)
    }

    @Test func headerMentionedInALineDoesNotSwallowTheKeyAfterIt() throws {
        let key = String(decoding: try Fixture.bytes("ed25519-pkcs8.pem"), as: UTF8.self)
        let text = Array(("Paste it between -----BEGIN PRIVATE KEY----- and the END line:\n" + key).utf8)
        for mode in [KeyScanMode.found, .keyFile] {
            let scan = KeyInspection.scan(text, mode: mode)
            #expect(scan.failure == nil, "\(mode)")
            #expect(scan.objects.map(\.kind) == [.privateKey])
            #expect(scan.ignored.first?.reason == "PEM block 'PRIVATE KEY' has no END line (the header is inside a line)")
        }
    }

    @Test func aNULByteCannotHideAKey() throws {
        for fixture in ["ed25519-pkcs8.pem", "ssh/openssh-ed25519"] {
            let bytes = try Fixture.bytes(fixture) + [0x00]
            for mode in [KeyScanMode.found, .keyFile] {
                #expect(KeyInspection.scan(bytes, mode: mode).objects.map(\.kind) == [.privateKey], "\(fixture) \(mode)")
            }
        }
    }

    @Test func exampleKeyInProseIsNotKeyMaterialWhenFound() {
        let readme = Array("""
            Put your key in the secret:

            -----BEGIN RSA PRIVATE KEY-----
            ...
            -----END RSA PRIVATE KEY-----
            """.utf8)
        let scan = KeyInspection.scan(readme, mode: .found)
        #expect(scan.failure == .notKeyMaterial)
        #expect(scan.ignored.map(\.offset) == [29])
    }

    @Test func manyHeadersWithoutAnEndAreNotKeyMaterial() {
        // Quadratic, this was 100,000 searches of up to 1.8 MB each. Its speed is measured in the benchmark
        // (`pem-headers` in Benchmarks/generate_adversarial.py), never by a timed test.
        let bytes = Array((String(repeating: "-----BEGIN X-----\n", count: 100_000) + "-----END X-----\n").utf8)
        #expect(KeyInspection.scan(bytes, mode: .found).failure == .notKeyMaterial)
    }

    @Test func brokenDERIsAnErrorOnlyWhereNamedAsKeyMaterial() throws {
        let truncated = try Fixture.bytes("truncated-rsa2048-pkcs8.der")
        #expect(KeyInspection.scan(truncated, mode: .keyFile).failureOffset == 0)
        #expect(KeyInspection.scan(truncated, mode: .found).failure == .notKeyMaterial)
    }
}
