import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckSyntax

/// Private keys carried inside YAML and JSON files rather than key files: a PEM block in a Kubernetes `Secret`'s `data`
/// (base64) or `stringData`, the `private_key` of a cloud service-account JSON file (GCP's
/// `"type": "service_account"`), and a private key in any string of any YAML or JSON file policycheck reads — a Helm
/// chart's `values.yaml` (`tls.key: |` and a PEM block), an application's `config.json` (`"key": "-----BEGIN …\n…"`),
/// a `ConfigMap`, a CloudFormation parameter's default — written as PEM or as base64 of PEM (`LS0tLS1CRUdJTi…`), or
/// in a comment. Each becomes an in-tree key file, so MMC-KM-001 (critical) flags it at the value's place — and like
/// every key file only its type, size and SPKI fingerprint are kept, never the bytes. A file that is no manifest but
/// holds such a key is checked for it rather than skipped, as a secret scanner (gitleaks, detect-secrets) reads every
/// file. Kubernetes: https://kubernetes.io/docs/concepts/configuration/secret/ ; GCP service-account keys:
/// https://cloud.google.com/iam/docs/keys-create-delete
enum EmbeddedKeyScan {
    /// Only values that carry a PEM header are inspected: other short secrets (passwords, tokens) would look like
    /// raw AES keys and are not what this rule is about.
    private static let pemMarker = Array("-----BEGIN ".utf8)

    static func keyFiles(in documents: [SourceNode], source: SourceFile) -> [KeyFile] {
        var found = Found(source: source)
        // Where keys are expected, every value is read whatever the text looks like (YAML folds a label's line at
        // its space, and an escape can spell any of its bytes).
        for document in documents where document.entries != nil {
            if document["kind"]?.string == "Secret" {
                // A Secret's `data` holds base64 of any bytes: decoded whatever it starts with.
                for entry in document["data"]?.entries ?? [] {
                    guard let text = entry.value.string else { continue }
                    let decoded = decodeBase64(text)
                    found.add(decoded, path: "data.\(entry.key)", offset: entry.value.offset)
                    JSONWebKeys.find(inText: decoded, path: "data.\(entry.key)", into: &found.files, source: source,
                                     at: entry.value.offset)
                }
                for entry in document["stringData"]?.entries ?? [] {
                    guard let text = entry.value.string else { continue }
                    found.add(Array(text.utf8), path: "stringData.\(entry.key)", offset: entry.value.offset)
                }
            }
            if document["type"]?.string == "service_account", let key = document["private_key"], let text = key.string {
                found.add(Array(text.utf8), path: "private_key", offset: key.offset)
            }
        }
        // Every other string is read only when the text may spell a private key, so a large manifest without one
        // materialises nothing.
        guard mayMentionPrivateKey(source.bytes) else { return found.files }
        for document in documents {
            walk(document, path: "", into: &found)
        }
        // A key outside every string (in a YAML comment, say) is still committed: the text itself is read.
        if found.files.isEmpty { found.addText() }
        return found.files
    }

    /// The private keys in a text that could not be parsed, its PEM blocks read without their indentation, comment
    /// marks and quotes (`EmbeddedPEMText`).
    static func keyFiles(inText source: SourceFile) -> [KeyFile] {
        guard contains(source.bytes, privateKeyLabel) else { return [] }
        var found = Found(source: source)
        found.addText()
        return found.files
    }

    /// The key files found so far, one per value.
    private struct Found {
        let source: SourceFile
        var files: [KeyFile] = []
        var offsets: Set<Int> = []

        /// The text's PEM blocks, placed at the line of the first private key label.
        mutating func addText() {
            let label = firstIndex(of: privateKeyLabel, in: source.bytes, from: 0)
            add(EmbeddedPEMText.blocks(in: source.bytes), path: "",
                offset: label.flatMap { lineStart(before: $0, in: source.bytes) } ?? 0, lenient: true)
        }

        mutating func add(_ bytes: [UInt8], path: String, offset: Int, lenient: Bool = false) {
            guard !offsets.contains(offset), contains(bytes, pemMarker) || contains(bytes, puttyHeader) else { return }
            let objects: [KeyObject]
            if lenient {
                objects = KeyInspection.scan(bytes, mode: .found).objects
            } else if let strict = try? KeyInspection.inspect(bytes),
                      !(contains(bytes, puttyHeader) && !strict.contains { $0.kind == .privateKey || $0.kind == .symmetricKey }) {
                // (A PuTTY key after a public PEM block is read as found below, where its later header is looked for.)
                objects = strict
            } else {
                // A key inside prose (a script that writes it out, a README in a ConfigMap) is read as openssl finds one.
                objects = KeyInspection.scan(bytes, mode: .found).objects
            }
            let label = path.isEmpty ? source.path : "\(source.path) (\(path))"
            let file = KeyFile(path: label, origin: Origin(offset: offset, path: path), role: .inTree, size: bytes.count,
                               objects: objects)
            guard !file.secrets.isEmpty else { return }
            offsets.insert(offset)
            files.append(file)
        }
    }

    /// Every string below `node`, by its path (`ingress.tls.key`, `items[0].data.key`).
    private static func walk(_ node: SourceNode, path: String, into found: inout Found) {
        if let entries = node.entries {
            // A JSON Web Key with its private member, alone or in a key set (`{"keys": [...]}`) or any mapping.
            if let object = JSONWebKeys.privateKey(node) {
                found.files.append(JSONWebKeys.keyFile(object, path: path, offset: node.offset, source: found.source))
                return
            }
            for entry in entries {
                walk(entry.value, path: path.isEmpty ? entry.key : "\(path).\(entry.key)", into: &found)
            }
        } else if let items = node.items {
            for (index, item) in items.enumerated() {
                walk(item, path: "\(path)[\(index)]", into: &found)
            }
        } else if let text = node.string {
            let bytes = Array(text.utf8)
            // A JWKS held as JSON text (a Secret's `jwks.json`).
            if contains(bytes, jwkType) {
                JSONWebKeys.find(inText: bytes, path: path, into: &found.files, source: found.source, at: node.offset)
            }
            if contains(bytes, privateKeyLabel) || contains(bytes, puttyHeader) {
                found.add(bytes, path: path, offset: node.offset)
            } else if contains(bytes, base64Dashes) {
                // Base64 wrapped over lines (`base64 -w76` in a block scalar) is one run once blanks are taken out.
                let joined = bytes.filter { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }
                if joined.allSatisfy(isBase64), base64PEMHeaders.contains(where: { contains(joined, $0) }) {
                    // The whole value is base64 of a PEM file, whatever comes before the block (a blank line, a
                    // certificate) shifting how `-----BEGIN` is spelt.
                    found.add(decodeBase64(String(decoding: joined, as: UTF8.self)), path: path, offset: node.offset)
                } else if let run = base64Runs(after: base64PEMHeader, in: joined).first {
                    found.add(decodeBase64(String(decoding: run, as: UTF8.self)), path: path, offset: node.offset)
                }
            }
        }
    }

    /// Whether the text may spell a private key label or base64 of a PEM file in one of its strings: `PRIVATE`
    /// (YAML folds a line only at a space, so the word stays whole), base64 of `-----`, or an escape that could
    /// spell a letter or dash of a label (`\x..`, `\u002D`, `\u0041`–`\u005A`, `\U000000..` — not the `\u003c`,
    /// `\u003e` and `\u0026` Terraform writes for `<`, `>` and `&`).
    private static func mayMentionPrivateKey(_ bytes: [UInt8]) -> Bool {
        spellingMarkers.contains { contains(bytes, $0) }
    }
    private static let spellingMarkers = ["PRIVATE", "PuTTY-User-Key-File-", "kty", "LS0t", #"\x"#, #"\u002"#, #"\u004"#,
                                          #"\u005"#, #"\U000000"#].map { Array($0.utf8) }
    /// A JSON Web Key's type member, which every JWK has.
    private static let jwkType = Array("kty".utf8)
    /// PuTTY's key file header (`PuTTY-User-Key-File-3: ssh-ed25519`): a `.ppk` file's text in a value.
    private static let puttyHeader = Array("PuTTY-User-Key-File-".utf8)

    /// The offset where the line holding `offset` starts.
    private static func lineStart(before offset: Int, in bytes: [UInt8]) -> Int? {
        (bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
    }

    /// Whether a text file (a `.tf`, `.tfvars` or `.tf.json` file, or what `file()` read) holds an unencrypted private
    /// key, however it is written: a PEM block in a heredoc, the same with `\n` escapes in a JSON or HCL string, or
    /// base64 of a PEM file (`base64decode("LS0t…")`). Its digest would be a check value for the key, so none is
    /// recorded. The text markers only say where to look: a key is withheld for only when OpenSSL reads one there,
    /// so a comment that merely spells a marker cannot take a module's digest out of the evidence.
    static func holdsPrivateKey(_ bytes: [UInt8]) -> Bool {
        if contains(bytes, privateKeyLabel), isSecret(bytes) || isSecret(EmbeddedPEMText.unescaped(bytes)) { return true }
        return base64Runs(after: base64PEMHeader, in: bytes).contains { isSecret(decodeBase64(String(decoding: $0, as: UTF8.self))) }
    }

    /// `… PRIVATE KEY`, how every private key's PEM label ends (PKCS #1, #8, SEC 1, OpenSSH) or nearly (OpenPGP's
    /// `PGP PRIVATE KEY BLOCK`).
    private static let privateKeyLabel = Array("PRIVATE KEY".utf8)
    /// `-----BEGIN` in base64, as a base64-encoded PEM file starts.
    private static let base64PEMHeader = Array("LS0tLS1CRUdJT".utf8)
    /// `-----BEGIN` in base64 after none, one or two bytes (the spelling depends on where it falls in a group of
    /// three), without the characters the bytes before it change.
    private static let base64PEMHeaders = ["LS0tLS1CRUdJT", "LS0tQkVHSU4", "LS0tLUJFR0lO"].map { Array($0.utf8) }
    /// `---` in base64: what every spelling of `-----BEGIN` holds.
    private static let base64Dashes = Array("LS0t".utf8)

    private static func isBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): true
        default: false
        }
    }

    private static func isSecret(_ bytes: [UInt8]) -> Bool {
        guard let objects = try? KeyInspection.inspect(bytes) else { return false }
        return objects.contains { $0.kind == .privateKey || $0.kind == .symmetricKey }
    }

    /// Each run of base64 characters that starts with `marker`.
    private static func base64Runs(after marker: [UInt8], in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
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

    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        ByteSearch.firstIndex(of: marker, in: bytes, from: start)
    }
}
