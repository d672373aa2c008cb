import Foundation
import KeyMaterial

/// What a file's name says about key material in a directory walk. Names are compared without case and without
/// their leading dots, so `.Deploy.PEM`, `ID_RSA` and `.id_ed25519` are key files as `deploy.pem`, `id_rsa` and
/// `id_ed25519` are. A name only decides how strictly a file is read: files no name marks are still read when their
/// first bytes hold a private key (`KeyFileSniffer`).
enum KeyFileName {
    /// Endings of files that hold keys as PEM, DER or SSH text: a broken key block there is an error.
    static let keyEndings: Set<String> = ["pem", "der", "key", "crt", "cer", "cert", "p8", "pk8", "pub", "spki", "ppk"]
    /// Endings of opaque data that may be raw, hex or base64 AES keys or wrapped key material — or anything else (a
    /// protobuf `.bin`), so a PEM header inside is never an error.
    static let dataEndings: Set<String> = ["bin", "raw", "hex", "b64", "base64"]
    /// OpenSSH's own names for private keys (`ssh-keygen`'s defaults; `ssh_host_*_key` for host keys).
    static let sshKeyNames: Set<String> = [
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", "id_xmss", "identity",
    ]

    /// The last path component, lowercased, without leading dots.
    static func normalized(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        return String(name.drop { $0 == "." })
    }

    /// The ending after the last dot of the normalized name, or nil when it has none (`id_ed25519`, `.pem`).
    static func ending(_ path: String) -> String? {
        let name = normalized(path)
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return String(name[name.index(after: dot)...])
    }

    static func isSSHKeyName(_ path: String) -> Bool {
        let name = normalized(path)
        return sshKeyNames.contains(name) || (name.hasPrefix("ssh_host_") && name.hasSuffix("_key"))
    }

    /// Whether the name alone makes a walked file a key material input.
    static func marksKeyMaterial(_ path: String) -> Bool {
        guard let ending = ending(path) else { return isSSHKeyName(path) }
        return keyEndings.contains(ending) || dataEndings.contains(ending)
    }

    /// How strictly a walked file is read: as a key file when its name says it holds keys, else as found (opaque
    /// data, or a file found by its content), where a PEM header that begins no key is not an error.
    static func scanMode(_ path: String) -> KeyScanMode {
        if isSSHKeyName(path) { return .keyFile }
        return ending(path).map(keyEndings.contains) == true ? .keyFile : .found
    }
}
