/// An SSH public key blob: `ssh-rsa` and `ssh-dss` (RFC 4253 §6.6), `ecdsa-sha2-nistp256/384/521` (RFC 5656 §3.1),
/// `ssh-ed25519` (RFC 8709 §4) and OpenSSH's security-key types (`sk-…@openssh.com`, OpenSSH PROTOCOL.u2f).
///
/// Only public values are kept. OpenSSL 3.0 reads no SSH format, so the values are handed to it one by one
/// (`SSHKeyBuilder`) to learn the key's size, curve and SubjectPublicKeyInfo fingerprint as for any other key.
struct SSHPublicKey {
    /// The key type name, e.g. `ssh-ed25519`.
    var type: String
    /// The algorithm family, nil for a type this module does not know (then nothing more is read).
    var algorithm: KeyAlgorithm?
    /// Whether the key lives on a FIDO authenticator (`sk-…`): the file holds a handle, not the key itself.
    var isSecurityKey: Bool
    /// The public values in wire order after the type (for `ssh-rsa`: e, n; for ECDSA: curve, point).
    var values: [ArraySlice<UInt8>]

    init(blob: ArraySlice<UInt8>) throws(SSHWireError) {
        var reader = SSHWireReader(blob)
        type = try reader.name("public key type")
        isSecurityKey = type.hasPrefix("sk-")
        switch type {
        case "ssh-rsa":
            algorithm = .rsa
            values = [try reader.mpint("RSA exponent"), try reader.mpint("RSA modulus")]
        case "ssh-dss":
            algorithm = .dsa
            values = [try reader.mpint("DSA p"), try reader.mpint("DSA q"), try reader.mpint("DSA g"), try reader.mpint("DSA y")]
        case "ssh-ed25519", "sk-ssh-ed25519@openssh.com":
            algorithm = .ed25519
            values = [try reader.string("Ed25519 public key")]
            guard values[0].count == 32 else { throw SSHWireError("Ed25519 public key is not 32 bytes") }
            if isSecurityKey { values.append(try reader.string("security key application")) }
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ecdsa-sha2-nistp256@openssh.com":
            algorithm = .ec
            let curve = try reader.name("ECDSA curve")
            guard type.contains("-\(curve)"), Self.groups[curve] != nil else {
                throw SSHWireError("ECDSA curve does not match the key type")
            }
            values = [Array(curve.utf8)[...], try reader.string("ECDSA point")]
            if isSecurityKey { values.append(try reader.string("security key application")) }
        default:
            // A type OpenSSH may add later (or a made-up one): still a key, reported without its details.
            algorithm = nil
            values = []
            return
        }
        guard reader.isAtEnd else { throw SSHWireError("public key has bytes after its last field") }
    }

    /// OpenSSL's group names for the SSH curve names.
    static let groups: [String: String] = ["nistp256": "P-256", "nistp384": "P-384", "nistp521": "P-521"]

    /// The key as OpenSSL holds it (public part only), or nil for an unknown type; throws when OpenSSL rejects the
    /// values (a point off its curve).
    func openSSLKey() throws(SSHWireError) -> PKey? {
        let key: PKey?
        switch algorithm {
        case .rsa?: key = SSHKeyBuilder.rsa(exponent: values[0], modulus: values[1])
        case .dsa?: key = SSHKeyBuilder.dsa(p: values[0], q: values[1], g: values[2], y: values[3])
        case .ed25519?: key = SSHKeyBuilder.ed25519(values[0])
        case .ec?: key = SSHKeyBuilder.ec(group: Self.groups[String(decoding: values[0], as: UTF8.self)]!, point: values[1])
        default: return nil
        }
        guard let key else {
            throw SSHWireError("OpenSSL rejects its \(type) public key: " + OpenSSLErrorQueue.drain(fallback: "invalid public values"))
        }
        return key
    }

    /// Reads this key's entry in an unencrypted private key list (OpenSSH `sshkey_private_serialize`), after its type
    /// name: the public values it repeats must equal this blob's, and the private values are skipped unread.
    func skipPrivateEntry(_ reader: inout SSHWireReader) throws(SSHWireError) {
        let repeated: [ArraySlice<UInt8>]
        switch type {
        case "ssh-rsa":
            let modulus = try reader.mpint("RSA modulus"), exponent = try reader.mpint("RSA exponent")
            repeated = [exponent, modulus]
            for field in ["RSA d", "RSA iqmp", "RSA p", "RSA q"] { _ = try reader.mpint(field) }
        case "ssh-dss":
            repeated = [try reader.mpint("DSA p"), try reader.mpint("DSA q"), try reader.mpint("DSA g"), try reader.mpint("DSA y")]
            _ = try reader.mpint("DSA x")
        case "ssh-ed25519":
            repeated = [try reader.string("Ed25519 public key")]
            guard try reader.string("Ed25519 private key").count == 64 else {
                throw SSHWireError("Ed25519 private key is not 64 bytes")
            }
        case "sk-ssh-ed25519@openssh.com":
            repeated = [try reader.string("Ed25519 public key"), try reader.string("security key application")]
            try Self.skipSecurityKeyHandle(&reader)
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            repeated = [Array(try reader.name("ECDSA curve").utf8)[...], try reader.string("ECDSA point")]
            _ = try reader.mpint("ECDSA private scalar")
        case "sk-ecdsa-sha2-nistp256@openssh.com":
            repeated = [Array(try reader.name("ECDSA curve").utf8)[...], try reader.string("ECDSA point"),
                        try reader.string("security key application")]
            try Self.skipSecurityKeyHandle(&reader)
        default:
            throw SSHWireError("unknown key type")
        }
        guard repeated.elementsEqual(values, by: ==) else {
            throw SSHWireError("the private key does not match the public key stored beside it")
        }
    }

    private static func skipSecurityKeyHandle(_ reader: inout SSHWireReader) throws(SSHWireError) {
        _ = try reader.byte("security key flags")
        _ = try reader.string("security key handle")
        _ = try reader.string("security key reserved field")
    }
}
