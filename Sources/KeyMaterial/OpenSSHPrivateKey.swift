/// An OpenSSH private key file (`-----BEGIN OPENSSH PRIVATE KEY-----`, the `openssh-key-v1` container that
/// `ssh-keygen` writes since OpenSSH 7.8), read as OpenSSH PROTOCOL.key describes it:
///
///     byte[] "openssh-key-v1\0"; string ciphername; string kdfname; string kdfoptions;
///     uint32 N; string publickey1 … publickeyN; string private list (encrypted unless the cipher is "none")
///
/// The public keys are stored in the clear, so an encrypted key still tells its type and size. For an unencrypted key
/// the private list is walked (`sshkey_private_deserialize`) to check that it is one — equal check integers, the
/// same keys as the public list, padding 1, 2, 3, … — but nothing of it is kept: never a private value, nor the
/// comment beside it.
struct OpenSSHPrivateKey {
    static let pemLabel = "OPENSSH PRIVATE KEY"
    private static let magic = Array("openssh-key-v1\0".utf8)

    /// The public keys, in file order (OpenSSH writes one).
    var publicKeys: [SSHPublicKey] = []
    /// Whether the private list is encrypted (a cipher other than `none`).
    var isEncrypted: Bool

    init(_ bytes: [UInt8]) throws(SSHWireError) {
        var reader = SSHWireReader(bytes[...])
        guard try reader.bytes(Self.magic.count, "openssh-key-v1 magic").elementsEqual(Self.magic) else {
            throw SSHWireError("not an openssh-key-v1 container")
        }
        let cipher = try reader.name("cipher name")
        let kdf = try reader.name("KDF name")
        let kdfOptions = try reader.string("KDF options")
        isEncrypted = cipher != "none"
        // As OpenSSH's sshkey_parse_private2: no cipher goes with no KDF, and a cipher needs one.
        guard isEncrypted == (kdf != "none"), isEncrypted || kdfOptions.isEmpty else {
            throw SSHWireError("cipher and KDF disagree")
        }
        let count = try reader.uint32("number of keys")
        guard count >= 1, count <= 64 else { throw SSHWireError("holds \(count) keys") }
        for _ in 0..<count { publicKeys.append(try SSHPublicKey(blob: try reader.string("public key"))) }
        let privateList = try reader.string("private key list")
        guard reader.isAtEnd else { throw SSHWireError("has bytes after the private key list") }
        guard !privateList.isEmpty else { throw SSHWireError("private key list is empty") }
        if !isEncrypted { try Self.checkPlainList(privateList, against: publicKeys) }
    }

    /// The unencrypted list: check integers, each key (matching its public key), its comment, then padding.
    private static func checkPlainList(_ list: ArraySlice<UInt8>, against keys: [SSHPublicKey]) throws(SSHWireError) {
        guard list.count % 8 == 0 else { throw SSHWireError("private key list is not padded to 8 bytes") }
        var reader = SSHWireReader(list)
        let check = try reader.uint32("check integer")
        guard try reader.uint32("check integer") == check else { throw SSHWireError("check integers differ") }
        for key in keys {
            guard try reader.name("private key type") == key.type else {
                throw SSHWireError("private key type differs from its public key's")
            }
            // A type not known here cannot be walked further: it was still recognised as a private key.
            guard key.algorithm != nil else { return }
            try key.skipPrivateEntry(&reader)
            _ = try reader.string("comment")
        }
        for (offset, byte) in reader.remaining.enumerated() where Int(byte) != (offset + 1) & 0xFF {
            throw SSHWireError("private key list has bad padding")
        }
    }
}
