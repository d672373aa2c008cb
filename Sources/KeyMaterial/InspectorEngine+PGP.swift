/// OpenPGP secret keys, which OpenSSL does not read: the primary key's public values are handed to OpenSSL one by one
/// (`SSHKeyBuilder`, as for SSH keys) to learn its size, curve and SubjectPublicKeyInfo fingerprint; the secret part
/// is never decoded, and a passphrase-protected key is reported as encrypted.
extension InspectorEngine {
    /// The primary key of one `PGP PRIVATE KEY BLOCK` (its armoured body).
    func decodeOpenPGP(_ body: UnsafeBufferPointer<UInt8>, label: String, index: Int) throws(KeyMaterialError) -> [DecodedItem] {
        let key: OpenPGPSecretKey
        do throws(SSHWireError) {
            key = try OpenPGPSecretKey(armouredBody: body)
        } catch {
            // A public key block is not key material unless it holds a secret key.
            if label == "PGP PUBLIC KEY BLOCK" { return [] }
            throw .malformed(block: index, reason: "OpenPGP secret key: \(error.reason)")
        }
        let algorithm: KeyAlgorithm?
        let openSSLKey: PKey?
        var bits: Int?
        var curve: String?
        switch key.values {
        case let .rsa(modulus, exponent):
            (algorithm, openSSLKey) = (.rsa, SSHKeyBuilder.rsa(exponent: exponent, modulus: modulus))
        case let .dsa(p, q, g, y):
            (algorithm, openSSLKey) = (.dsa, SSHKeyBuilder.dsa(p: p, q: q, g: g, y: y))
        case let .ec(group, point):
            (algorithm, openSSLKey) = (.ec, SSHKeyBuilder.ec(group: group, point: point))
        case let .ed25519(point):
            (algorithm, openSSLKey) = (.ed25519, SSHKeyBuilder.ed25519(point))
        case let .other(family, size, name):
            (algorithm, openSSLKey, bits, curve) = (family, nil, size, name)
        }
        if case .other = key.values {} else if openSSLKey == nil {
            throw .malformed(block: index, reason: "OpenPGP secret key: OpenSSL rejects its public values: "
                             + OpenSSLErrorQueue.drain(fallback: "invalid public values"))
        }
        let facts = openSSLKey.map { KeyDescriber.facts(of: $0.pointer, hasher: hasher) }
        return [DecodedItem(object: KeyObject(
            index: index, kind: key.isEncrypted ? .encryptedPrivateKey : .privateKey, algorithm: algorithm,
            bits: facts?.bits ?? bits, curve: facts?.curve ?? curve, encoding: .pem,
            container: key.isEncrypted ? "openpgp-encrypted" : "openpgp", spkiSha256: facts?.spkiSha256,
            rsaPublicExponent: facts?.rsaPublicExponent))]
    }
}
