import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckSyntax

/// Private keys carried inside manifests rather than key files: a PEM block in a Kubernetes `Secret`'s `data`
/// (base64) or `stringData`, and the `private_key` of a cloud service-account JSON file (GCP's
/// `"type": "service_account"`). Each becomes an in-tree key file, so MMC-KM-001 (critical) flags it at the value's
/// place — and like every key file only its type, size and SPKI fingerprint are kept, never the bytes.
/// Kubernetes: https://kubernetes.io/docs/concepts/configuration/secret/ ; GCP service-account keys:
/// https://cloud.google.com/iam/docs/keys-create-delete
enum EmbeddedKeyScan {
    /// Only values that carry a PEM header are inspected: other short secrets (passwords, tokens) would look like
    /// raw AES keys and are not what this rule is about.
    private static let pemMarker = Array("-----BEGIN ".utf8)

    static func keyFiles(in documents: [SourceNode], source: SourceFile) -> [KeyFile] {
        var files: [KeyFile] = []
        for document in documents where document.entries != nil {
            if document["kind"]?.string == "Secret" {
                for section in ["data", "stringData"] {
                    for entry in document[section]?.entries ?? [] {
                        guard let text = entry.value.string else { continue }
                        let bytes = section == "data" ? decodeBase64(text) : Array(text.utf8)
                        files += keyFile(bytes, source: source, path: "\(section).\(entry.key)", offset: entry.value.offset)
                    }
                }
            }
            if document["type"]?.string == "service_account", let key = document["private_key"] {
                files += keyFile(key.string.map { Array($0.utf8) } ?? [], source: source, path: "private_key", offset: key.offset)
            }
        }
        return files
    }

    private static func keyFile(_ bytes: [UInt8], source: SourceFile, path: String, offset: Int) -> [KeyFile] {
        guard contains(bytes, pemMarker), let objects = try? KeyInspection.inspect(bytes) else { return [] }
        let file = KeyFile(path: "\(source.path) (\(path))", origin: Origin(offset: offset, path: path), role: .inTree,
                           size: bytes.count, objects: objects)
        return file.secrets.isEmpty ? [] : [file]
    }

    /// Whether a text file (a `.tf`, `.tfvars` or `.tf.json` file, or what `file()` read) holds an unencrypted private
    /// key, however it is written: a PEM block in a heredoc, the same with `\n` escapes in a JSON or HCL string, or
    /// base64 of a PEM file (`base64decode("LS0t…")`). Its digest would be a check value for the key, so none is
    /// recorded. The text markers only say where to look: a key is withheld for only when OpenSSL reads one there,
    /// so a comment that merely spells a marker cannot take a module's digest out of the evidence.
    static func holdsPrivateKey(_ bytes: [UInt8]) -> Bool {
        if contains(bytes, privateKeyLabel), isSecret(bytes) || isSecret(unescaped(bytes)) { return true }
        return base64Runs(after: base64PEMHeader, in: bytes).contains { isSecret(decodeBase64(String(decoding: $0, as: UTF8.self))) }
    }

    /// `… PRIVATE KEY-----`, the end of every PEM private key label (PKCS #1, #8, SEC 1, OpenSSH).
    private static let privateKeyLabel = Array("PRIVATE KEY-----".utf8)
    /// `-----BEGIN` in base64, as a base64-encoded PEM file starts.
    private static let base64PEMHeader = Array("LS0tLS1CRUdJT".utf8)

    private static func isSecret(_ bytes: [UInt8]) -> Bool {
        guard let objects = try? KeyInspection.inspect(bytes) else { return false }
        return objects.contains { $0.kind == .privateKey || $0.kind == .symmetricKey }
    }

    /// The text with string escapes a PEM block may carry undone: `\n`, `\r` and `\/`.
    private static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                switch bytes[index + 1] {
                case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n")); index += 2; continue
                case UInt8(ascii: "r"): result.append(UInt8(ascii: "\r")); index += 2; continue
                case UInt8(ascii: "/"): result.append(UInt8(ascii: "/")); index += 2; continue
                default: break
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    /// Each run of base64 characters that starts with `marker`.
    private static func base64Runs(after marker: [UInt8], in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        func isBase64(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): true
            default: false
            }
        }
        var runs: [ArraySlice<UInt8>] = []
        var start = 0
        while let found = firstIndex(of: marker, in: bytes, from: start) {
            var end = found
            while end < bytes.count, isBase64(bytes[end]) { end += 1 }
            runs.append(bytes[found..<end])
            start = end
        }
        return runs
    }

    private static func decodeBase64(_ text: String) -> [UInt8] {
        Data(base64Encoded: text, options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
    }

    private static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        firstIndex(of: marker, in: bytes, from: 0) != nil
    }

    /// Where `marker` first occurs at or after `start`: `memchr` for its first byte, then `memcmp`, as the generic
    /// slice comparison cost about 30 instructions a byte, 3% of a check of terraform-aws-security-group (callgrind).
    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !marker.isEmpty, bytes.count >= marker.count, start <= bytes.count - marker.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            marker.withUnsafeBufferPointer { needle in
                let base = buffer.baseAddress!
                let last = buffer.count - needle.count
                var index = start
                while index <= last {
                    guard let hit = memchr(base + index, Int32(needle[0]), last - index + 1) else { return nil }
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, needle.baseAddress!, needle.count) == 0 { return position }
                    index = position + 1
                }
                return nil
            }
        }
    }
}
