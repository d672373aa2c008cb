/// SSH private keys, which OpenSSL 3.0 cannot read: OpenSSH's `openssh-key-v1` container and PuTTY's `.ppk` files.
/// Both store the public key in the clear, so type, size and fingerprint are known even for an encrypted key; the
/// private part is never handed to OpenSSL.
extension InspectorEngine {
    /// The keys of one `OPENSSH PRIVATE KEY` block (its base64 decoded).
    func decodeOpenSSH(_ container: [UInt8], index: Int) throws(KeyMaterialError) -> [DecodedItem] {
        let key: OpenSSHPrivateKey
        do throws(SSHWireError) {
            key = try OpenSSHPrivateKey(container)
        } catch {
            throw .malformed(block: index, reason: "OpenSSH private key: \(error.reason)")
        }
        var items: [DecodedItem] = []
        for publicKey in key.publicKeys {
            items.append(try privateKeyItem(publicKey, encrypted: key.isEncrypted, index: index, encoding: .pem,
                                            format: "openssh"))
        }
        return items
    }

    /// A PuTTY key file; broken, it is an error unless `mode` is `.found`.
    func readPuTTY(_ bytes: UnsafeBufferPointer<UInt8>, mode: KeyScanMode) -> Outcome {
        do throws(KeyMaterialError) {
            let key: PuTTYPrivateKey
            do throws(SSHWireError) {
                key = try PuTTYPrivateKey(bytes)
            } catch {
                throw .malformed(block: 0, reason: "PuTTY private key: \(error.reason)")
            }
            return Outcome(items: [try privateKeyItem(key.publicKey, encrypted: key.isEncrypted, index: 0,
                                                      encoding: .base64, format: "ppk")])
        } catch {
            return mode == .found ? .failed(.notKeyMaterial) : .failed(error, at: 0)
        }
    }

    /// A private key described by its public half. The item carries no OpenSSL key: OpenSSL's private-key checks
    /// (`keys verify`) need the private half, which is never decoded.
    private func privateKeyItem(_ key: SSHPublicKey, encrypted: Bool, index: Int, encoding: KeyEncoding,
                                format: String) throws(KeyMaterialError) -> DecodedItem {
        let openSSLKey: PKey?
        do throws(SSHWireError) {
            openSSLKey = try key.openSSLKey()
        } catch {
            throw .malformed(block: index, reason: "\(format == "ppk" ? "PuTTY" : "OpenSSH") private key: \(error.reason)")
        }
        let facts = openSSLKey.map { KeyDescriber.facts(of: $0.pointer, hasher: hasher) }
        var container = format
        if key.isSecurityKey { container += "-sk" }
        if encrypted { container += "-encrypted" }
        return DecodedItem(object: KeyObject(
            index: index, kind: encrypted ? .encryptedPrivateKey : .privateKey, algorithm: key.algorithm,
            bits: facts?.bits, curve: facts?.curve, encoding: encoding, container: container,
            spkiSha256: facts?.spkiSha256, rsaPublicExponent: facts?.rsaPublicExponent))
    }
}
