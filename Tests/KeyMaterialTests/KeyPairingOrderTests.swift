@testable import KeyMaterial
import Testing

/// Pairing looks certificates up by public-key identity; these tests hold it to the scan it replaced: for each
/// private key, the first certificate in the bundle that `EVP_PKEY_eq` finds carries its public key.
struct KeyPairingOrderTests {
    /// The pairing as it was computed before the lookup.
    static func referencePairings(_ items: [DecodedItem]) -> [KeyCertificatePairing] {
        let certificates = items.filter { $0.object.kind == .certificate && $0.key != nil }
        guard !certificates.isEmpty else { return [] }
        return items.filter { $0.object.kind == .privateKey && $0.key != nil }.map { privateKey in
            let match = certificates.first { CertificateKeyIndex.carries($0, privateKey.key!) }
            return KeyCertificatePairing(privateKeyIndex: privateKey.object.index, certificateIndex: match?.object.index)
        }
    }

    static func decode(_ bytes: [UInt8]) throws -> [DecodedItem] {
        try InspectorPool.shared.withEngine { (engine) throws(KeyMaterialError) in try engine.decodeAll(bytes) }
    }

    /// The PEM blocks of `bundle-pairing-order.pem`: four certificates (P-256 with a compressed point, the same key
    /// uncompressed, RSA-3072, Ed25519), then seven private keys.
    static func blocks() throws -> [String] {
        let text = String(decoding: try Fixture.bytes("bundle-pairing-order.pem"), as: UTF8.self)
        return text.components(separatedBy: "-----BEGIN ").dropFirst().map { "-----BEGIN " + $0 }
    }

    @Test func eachKeyPairsWithTheFirstCertificateCarryingIt() throws {
        let report = try KeyVerifier.verify(Fixture.bytes("bundle-pairing-order.pem"))
        #expect(report.pairings == [
            .init(privateKeyIndex: 4, certificateIndex: 0), .init(privateKeyIndex: 5, certificateIndex: 2),
            .init(privateKeyIndex: 6, certificateIndex: nil), .init(privateKeyIndex: 7, certificateIndex: 3),
            .init(privateKeyIndex: 8, certificateIndex: 0), .init(privateKeyIndex: 9, certificateIndex: nil),
            .init(privateKeyIndex: 10, certificateIndex: nil),
        ])
    }

    /// The first certificate encodes the P-256 point compressed, so its SPKI fingerprint is not the key's: a lookup
    /// by fingerprint would have paired the key with the second certificate.
    @Test func aCompressedPointCertificateStillPairsFirst() throws {
        let objects = try KeyInspection.inspect(Fixture.bytes("bundle-pairing-order.pem"))
        #expect(objects[0].spkiSha256 != objects[4].spkiSha256)
        #expect(objects[1].spkiSha256 == objects[4].spkiSha256)
        #expect(KeyVerifier.pair(try Self.decode(Fixture.bytes("bundle-pairing-order.pem"))).first?.certificateIndex == 0)
    }

    /// Every key type of the bundle (EC, RSA, Ed25519, DSA) has an identity, so none falls back to the scan; the
    /// P-256 key has one identity however its point and container are encoded, and other keys have others.
    @Test func identitiesIgnoreTheEncodingButNotTheKey() throws {
        let items = try Self.decode(Fixture.bytes("bundle-pairing-order.pem"))
        let identities = items.map { $0.key.flatMap { PublicKeyIdentity.of($0.pointer) } }
        #expect(identities.count == 11 && identities.allSatisfy { $0 != nil })
        #expect(Set([0, 1, 4, 8].map { identities[$0] }).count == 1)
        #expect(Set(identities).count == 6, "six keys: P-256, RSA-3072, Ed25519, RSA-2048, P-384, DSA")
    }

    /// The same blocks reordered (keys first, reversed, interleaved) and repeated: the same pairings as the scan.
    @Test(arguments: 0..<6)
    func reorderedBundlesPairAsTheScanDid(_ arrangement: Int) throws {
        let blocks = try Self.blocks()
        let arranged: [String]
        switch arrangement {
        case 0: arranged = blocks
        case 1: arranged = blocks.reversed()
        case 2: arranged = Array(blocks[4...] + blocks[..<4])
        case 3: arranged = blocks.enumerated().sorted { ($0.offset % 3, $0.offset) < ($1.offset % 3, $1.offset) }.map(\.element)
        case 4: arranged = blocks + blocks.reversed() + blocks
        default: arranged = blocks.indices.map { blocks[($0 * 5) % blocks.count] } + blocks[..<4].reversed()
        }
        let items = try Self.decode(Array(arranged.joined().utf8))
        let pairings = KeyVerifier.pair(items)
        #expect(pairings.contains { $0.certificateIndex != nil })
        #expect(pairings == Self.referencePairings(items))
    }
}
