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

    /// Whether a text file (a `.tf`, `.tfvars` or `.tf.json` file, or what `file()` read) may hold a private key,
    /// judged on its text rather than by parsing: a PEM private key's label however its line breaks are written (a
    /// heredoc, or `\n` escapes in a JSON or HCL string), or the base64 of a PEM header (`base64decode("LS0t…")`).
    /// Its digest would be a check value for the key, so none is recorded; a false alarm only withholds a digest.
    static func mayHoldPrivateKey(_ bytes: [UInt8]) -> Bool {
        contains(bytes, privateKeyLabel) || contains(bytes, base64PEMHeader)
    }

    /// `… PRIVATE KEY-----`, the end of every PEM private key label (PKCS #1, #8, SEC 1, OpenSSH).
    private static let privateKeyLabel = Array("PRIVATE KEY-----".utf8)
    /// `-----BEGIN` in base64, as a base64-encoded PEM file starts.
    private static let base64PEMHeader = Array("LS0tLS1CRUdJT".utf8)

    private static func decodeBase64(_ text: String) -> [UInt8] {
        Data(base64Encoded: text, options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
    }

    private static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        guard bytes.count >= marker.count else { return false }
        return (0...(bytes.count - marker.count)).contains { bytes[$0] == marker[0] && bytes[$0..<$0 + marker.count].elementsEqual(marker) }
    }
}
