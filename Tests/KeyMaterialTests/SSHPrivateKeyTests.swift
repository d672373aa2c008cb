import Foundation
import KeyMaterial
import Testing

/// OpenSSH (`openssh-key-v1`) and PuTTY private keys, which OpenSSL 3.0 cannot read: recognised from their public
/// half, encrypted or not, and their containers checked without keeping a private byte.
struct SSHPrivateKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var algorithm: KeyAlgorithm
        var bits: Int
        var curve: String?
        var exponent: String?
        var testDescription: String { fixture }
    }

    static let unencrypted: [Case] = [
        Case(fixture: "ssh/openssh-ed25519", algorithm: .ed25519, bits: 256),
        Case(fixture: "ssh/openssh-rsa3072", algorithm: .rsa, bits: 3072, exponent: "65537"),
        Case(fixture: "ssh/openssh-rsa1024", algorithm: .rsa, bits: 1024, exponent: "65537"),
        Case(fixture: "ssh/openssh-ecdsa-p256", algorithm: .ec, bits: 256, curve: "P-256"),
        Case(fixture: "ssh/openssh-ecdsa-p384", algorithm: .ec, bits: 384, curve: "P-384"),
        Case(fixture: "ssh/openssh-ecdsa-p521", algorithm: .ec, bits: 521, curve: "P-521"),
        Case(fixture: "ssh/openssh-dsa1024", algorithm: .dsa, bits: 1024),
    ]

    @Test("an unencrypted OpenSSH private key is a private key with its type and size", arguments: unencrypted)
    func unencryptedOpenSSHKeyIsAPrivateKey(_ expected: Case) throws {
        let object = try Fixture.single(expected.fixture)
        #expect(object.kind == .privateKey)
        #expect(object.algorithm == expected.algorithm)
        #expect(object.bits == expected.bits)
        #expect(object.curve == expected.curve)
        #expect(object.rsaPublicExponent == expected.exponent)
        #expect(object.encoding == .pem)
        #expect(object.container == "openssh")
    }

    @Test(arguments: ["ssh/openssh-ed25519-encrypted", "ssh/openssh-rsa3072-encrypted"])
    func encryptedOpenSSHKeyIsRecognisedButNotASecret(_ fixture: String) throws {
        let object = try Fixture.single(fixture)
        #expect(object.kind == .encryptedPrivateKey)
        #expect(object.container == "openssh-encrypted")
        // The public half is stored in the clear: the type and size are known without the passphrase.
        #expect(object.algorithm != nil)
        #expect(object.bits != nil)
    }

    static let fingerprinted: [String] = (try? Fixture.expectedFingerprints("ssh/expected-fingerprints.txt").keys.sorted()) ?? []

    @Test("SPKI SHA-256 of an SSH key equals the CLIs' (ssh-keygen -e -m PKCS8 | openssl)", arguments: fingerprinted)
    func spkiFingerprintMatchesTheCLIs(_ name: String) throws {
        let expected = try #require(try Fixture.expectedFingerprints("ssh/expected-fingerprints.txt")[name])
        #expect(try Fixture.single("ssh/" + name).spkiSha256 == expected)
    }

    @Test func expectationsCoverEverySSHKey() {
        #expect(Self.fingerprinted.count == 10)
    }

    @Test func traditionalRSAKeyWithoutAnExtensionIsAPKCS1PrivateKey() throws {
        let object = try Fixture.single("ssh/pkcs1-rsa2048-no-extension")
        #expect(object.kind == .privateKey)
        #expect(object.algorithm == .rsa)
        #expect(object.bits == 2048)
        #expect(object.container == "pkcs1")
    }

    @Test func puttyKeyFilesAreRecognisedFromTheirPublicLines() throws {
        let plain = try Fixture.single("ssh/putty-ed25519.ppk")
        #expect(plain.kind == .privateKey)
        #expect(plain.algorithm == .ed25519)
        #expect(plain.container == "ppk")
        let encrypted = try Fixture.single("ssh/putty-ed25519-encrypted.ppk")
        #expect(encrypted.kind == .encryptedPrivateKey)
        #expect(encrypted.container == "ppk-encrypted")
    }

    @Test func aKeyTypeNotKnownHereIsStillAPrivateKey() throws {
        var container = try OpenSSHContainer(fixture: "ssh/openssh-ed25519")
        container.publicKeys = [SSHWire.string("ssh-future@example.com") + SSHWire.string([1, 2, 3])]
        container.privateList = SSHWire.uint32(7) + SSHWire.uint32(7) + SSHWire.string("ssh-future@example.com")
        container.privateList += Array(repeating: 0, count: 8 - container.privateList.count % 8)
        let objects = try KeyInspection.inspect(container.pem)
        #expect(objects.map(\.kind) == [.privateKey])
        #expect(objects.first?.algorithm == nil)
    }

    // MARK: - Broken containers

    struct Damage: Sendable, CustomTestStringConvertible {
        var name: String
        var reason: String
        var apply: @Sendable (inout OpenSSHContainer) throws -> Void
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "wrong magic", reason: "not an openssh-key-v1 container") { $0.magic[0] ^= 0x20 },
        Damage(name: "check integers differ", reason: "check integers differ") { $0.privateList[4] ^= 1 },
        Damage(name: "public key of another key", reason: "does not match the public key stored beside it") {
            $0.publicKeys = try OpenSSHContainer(fixture: "ssh/openssh-ed25519-encrypted").publicKeys
        },
        Damage(name: "bad padding", reason: "bad padding") { $0.privateList[$0.privateList.count - 1] ^= 0x40 },
        Damage(name: "no cipher but a KDF", reason: "cipher and KDF disagree") { $0.kdf = "bcrypt" },
        Damage(name: "bytes after the list", reason: "has bytes after the private key list") { $0.trailing = [0] },
        Damage(name: "list not padded", reason: "not padded to 8 bytes") { $0.privateList.removeLast() },
        Damage(name: "no keys", reason: "holds 0 keys") { $0.publicKeys = [] },
        Damage(name: "truncated", reason: "is truncated") { $0.truncate = 10 },
        Damage(name: "point off its curve", reason: "OpenSSL rejects its ecdsa-sha2-nistp256 public key") {
            $0 = try OpenSSHContainer(fixture: "ssh/openssh-ecdsa-p256")
            // The point's last byte, in the public key and in the private entry that repeats it.
            $0.publicKeys[0][$0.publicKeys[0].count - 1] ^= 1
            $0.privateList[8 + 23 + 12 + 4 + 65 - 1] ^= 1
        },
    ]

    @Test(arguments: damages)
    func brokenOpenSSHContainerIsMalformedWithAOneLineReason(_ damage: Damage) throws {
        var container = try OpenSSHContainer(fixture: "ssh/openssh-ed25519")
        try damage.apply(&container)
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(container.pem) }
        #expect(error.description.hasPrefix("malformed key material in block 0: OpenSSH private key: "), "\(error)")
        #expect(error.description.contains(damage.reason), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func damagedPuTTYFileIsMalformed() throws {
        var text = String(decoding: try Fixture.bytes("ssh/putty-ed25519.ppk"), as: UTF8.self)
        text = text.replacingOccurrences(of: "Public-Lines: 2", with: "Public-Lines: 9")
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(Array(text.utf8)) }
        #expect(error == .malformed(block: 0, reason: "PuTTY private key: PuTTY key has no Public-Lines"))
    }

    /// Every byte of a container damaged in turn, and lengths made huge: a one-line error or a key, never a trap.
    @Test(arguments: ["ssh/openssh-ed25519", "ssh/openssh-ecdsa-p256", "ssh/openssh-dsa1024", "ssh/openssh-rsa1024"])
    func everyDamagedByteIsAnErrorOrAKey(_ fixture: String) throws {
        let container = try OpenSSHContainer(fixture: fixture)
        var plain = container.magic + SSHWire.string(container.cipher) + SSHWire.string(container.kdf)
        plain += SSHWire.string(container.kdfOptions) + SSHWire.uint32(container.publicKeys.count)
        plain += container.publicKeys.flatMap(SSHWire.string) + SSHWire.string(container.privateList)
        for offset in plain.indices {
            for value: UInt8 in [0x00, 0xFF, plain[offset] ^ 0x01] {
                var damaged = plain
                damaged[offset] = value
                let body = Data(damaged).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
                let pem = Array("-----BEGIN OPENSSH PRIVATE KEY-----\n\(body)\n-----END OPENSSH PRIVATE KEY-----\n".utf8)
                let scan = KeyInspection.scan(pem, mode: .keyFile)
                if let failure = scan.failure { #expect(!failure.description.contains("\n")) }
            }
        }
    }

    @Test func noPartOfTheContainerReachesAMessage() throws {
        var container = try OpenSSHContainer(fixture: "ssh/openssh-rsa3072")
        container.privateList[4] ^= 1
        let pem = String(decoding: container.pem, as: UTF8.self)
        let error = try #require(throws: KeyMaterialError.self) { try KeyInspection.inspect(container.pem) }
        SecretHygieneTests.expectNoSecret(in: error.description, from: SecretHygieneTests.bodyLines(pem), "error")
        for object in try KeyInspection.inspect(Fixture.bytes("ssh/openssh-rsa3072")) {
            let lines = SecretHygieneTests.bodyLines(String(decoding: try Fixture.bytes("ssh/openssh-rsa3072"), as: UTF8.self))
            SecretHygieneTests.expectNoSecret(in: String(reflecting: object), from: lines, "description")
        }
    }
}

/// The SSH wire encoding (RFC 4251 §5), for building containers in tests.
enum SSHWire {
    static func uint32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func string(_ bytes: [UInt8]) -> [UInt8] { uint32(bytes.count) + bytes }
    static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
}

/// An `openssh-key-v1` container taken apart field by field from a fixture, to damage one field at a time.
struct OpenSSHContainer: Sendable {
    var magic: [UInt8] = []
    var cipher = ""
    var kdf = ""
    var kdfOptions: [UInt8] = []
    var publicKeys: [[UInt8]] = []
    var privateList: [UInt8] = []
    var trailing: [UInt8] = []
    /// Bytes cut from the end of the whole container.
    var truncate = 0

    init(fixture: String) throws {
        let text = String(decoding: try Fixture.bytes(fixture), as: UTF8.self)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let bytes = try #require(Data(base64Encoded: body).map { [UInt8]($0) })
        var cursor = 15
        func take(_ count: Int) -> [UInt8] { defer { cursor += count }; return Array(bytes[cursor..<cursor + count]) }
        func string() -> [UInt8] {
            let length = take(4).reduce(0) { $0 << 8 | Int($1) }
            return take(length)
        }
        magic = Array(bytes[0..<15])
        cipher = String(decoding: string(), as: UTF8.self)
        kdf = String(decoding: string(), as: UTF8.self)
        kdfOptions = string()
        let count = take(4).reduce(0) { $0 << 8 | Int($1) }
        publicKeys = (0..<count).map { _ in string() }
        privateList = string()
    }

    /// The container as a PEM file.
    var pem: [UInt8] {
        var bytes = magic + SSHWire.string(cipher) + SSHWire.string(kdf) + SSHWire.string(kdfOptions)
        bytes += SSHWire.uint32(publicKeys.count) + publicKeys.flatMap(SSHWire.string) + SSHWire.string(privateList) + trailing
        bytes.removeLast(truncate)
        let body = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return Array("-----BEGIN OPENSSH PRIVATE KEY-----\n\(body)\n-----END OPENSSH PRIVATE KEY-----\n".utf8)
    }
}
