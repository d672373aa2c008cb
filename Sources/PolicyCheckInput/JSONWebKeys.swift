import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckSyntax

/// Private JSON Web Keys (RFC 7517) in any YAML or JSON file — a JWKS of signing keys committed beside an OIDC or JWT
/// service, a `.jwk` file: a mapping whose `kty` is `RSA`, `EC` or `OKP` and which holds the private member `d`
/// (RFC 7518 §6.2.2.1, §6.3.2.1; RFC 8037 §2), or whose `kty` is `oct` with its key `k` (RFC 7518 §6.4.1). Each is an
/// in-tree key file, so MMC-KM-001 flags it at the key and no digest of its file is published; only its type and size
/// are kept, read from its public members (`n`, `crv`), never the private ones. Before round 35 such keys passed
/// unseen (tester, round 35).
enum JSONWebKeys {
    /// Used for a JSON text parsed out of a value (`find(inText:)`); a file's own documents are walked by
    /// `EmbeddedKeyScan`, which asks `privateKey(_:)` of each mapping. `at`: where findings go.
    static func find(_ node: SourceNode, path: String, into files: inout [KeyFile], source: SourceFile,
                     at fixedOffset: Int? = nil, depth: Int = 0) {
        guard depth < 64 else { return }
        if let entries = node.entries {
            if let object = privateKey(node) {
                files.append(keyFile(object, path: path, offset: fixedOffset ?? node.offset, source: source))
                return
            }
            for entry in entries {
                find(entry.value, path: path.isEmpty ? entry.key : "\(path).\(entry.key)", into: &files, source: source,
                     at: fixedOffset, depth: depth + 1)
            }
        } else if let items = node.items {
            for (index, item) in items.enumerated() {
                find(item, path: "\(path)[\(index)]", into: &files, source: source, at: fixedOffset, depth: depth + 1)
            }
        }
    }

    /// The in-tree key file a private JWK at `path` is, placed at `offset`.
    static func keyFile(_ object: KeyObject, path: String, offset: Int, source: SourceFile) -> KeyFile {
        KeyFile(path: path.isEmpty ? source.path : "\(source.path) (\(path))", origin: Origin(offset: offset, path: path),
                role: .inTree, size: 0, objects: [object])
    }

    /// The private keys of a JSON text held in a value (a Kubernetes Secret's `jwks.json`, as `stringData` or
    /// base64 `data`), placed at the value (review, round 35: a JWKS deployed in a Secret passed).
    static func find(inText bytes: [UInt8], path: String, into files: inout [KeyFile], source: SourceFile, at offset: Int) {
        guard ByteSearch.firstIndex(of: Array("kty".utf8), in: bytes) != nil,
              let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
              let document = try? JSONReader().read(bytes) else { return }
        find(document, path: path, into: &files, source: source, at: offset)
    }

    /// The key a JWK mapping holds when it is a private (or symmetric) one: its type and size only.
    static func privateKey(_ node: SourceNode) -> KeyObject? {
        guard let type = node["kty"]?.string else { return nil }
        switch type {
        case "RSA":
            guard isSet(node["d"]) else { return nil }
            let bits = node["n"]?.string.flatMap(decodedCount).map { $0 * 8 }
            return KeyObject(index: 0, kind: .privateKey, algorithm: .rsa, bits: bits, encoding: .jwk, container: "jwk")
        case "EC":
            guard isSet(node["d"]) else { return nil }
            let curve = node["crv"]?.string
            let bits = ["P-256": 256, "P-384": 384, "P-521": 521, "secp256k1": 256][curve ?? ""]
            return KeyObject(index: 0, kind: .privateKey, algorithm: .ec, bits: bits, curve: curve, encoding: .jwk,
                             container: "jwk")
        case "OKP":
            guard isSet(node["d"]) else { return nil }
            let algorithms: [String: (KeyAlgorithm, Int)] = ["Ed25519": (.ed25519, 256), "Ed448": (.ed448, 456),
                                                             "X25519": (.x25519, 253), "X448": (.x448, 448)]
            let known = algorithms[node["crv"]?.string ?? ""]
            return KeyObject(index: 0, kind: .privateKey, algorithm: known?.0, bits: known?.1, encoding: .jwk, container: "jwk")
        case "oct":
            guard isSet(node["k"]) else { return nil }
            let bits = node["k"]?.string.flatMap(decodedCount).map { $0 * 8 }
            return KeyObject(index: 0, kind: .symmetricKey, bits: bits, encoding: .jwk, container: "jwk")
        default:
            return nil
        }
    }

    /// A member holding key bytes: base64url text of at least 8 characters. A placeholder (`${JWT_D}`, `<set me>`)
    /// is none (review, round 35: reported as a 48-bit RSA key).
    private static func isSet(_ node: SourceNode?) -> Bool {
        guard let text = node?.string, text.utf8.count >= 8 else { return false }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): true
            default: false
            }
        }
    }

    /// The byte count base64url text decodes to, without decoding it.
    private static func decodedCount(_ text: String) -> Int? {
        let length = text.utf8.filter { $0 != UInt8(ascii: "=") }.count
        guard length > 0 else { return nil }
        return length * 3 / 4
    }
}
