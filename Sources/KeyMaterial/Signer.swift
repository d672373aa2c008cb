internal import COpenSSL

/// Signs evidence with a private key (Ed25519, ECDSA P-256/P-384, RSA-PSS ≥ 3072 bits).
public enum Signer {
    /// Signs `message` with the single unencrypted private key in `privateKeyPEM` (PEM or DER).
    public static func sign(message: [UInt8], privateKeyPEM: [UInt8]) throws(KeyMaterialError)
        -> (signature: [UInt8], publicKeySPKISha256: String, algorithm: String)
    {
        let items = try InspectorPool.shared.withEngine { (engine) throws(KeyMaterialError) in
            try engine.decodeAll(privateKeyPEM)
        }
        let privateKeys = items.filter { $0.object.kind == .privateKey && $0.key != nil }
        guard privateKeys.count == 1, let item = privateKeys.first, let key = item.key else {
            if privateKeys.isEmpty, items.contains(where: { $0.object.kind == .encryptedPrivateKey }) {
                throw .unsupported("encrypted private keys are never decrypted; supply an unencrypted signing key")
            }
            throw .unsupported(privateKeys.isEmpty ? "no private key to sign with" : "more than one private key; supply exactly one")
        }
        let scheme = try SigningScheme.forKey(key.pointer)
        guard let fingerprint = item.object.spkiSha256 else {
            throw .openssl(reason: "cannot fingerprint the signing key")
        }
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard let context = EVP_MD_CTX_new() else { throw .openssl(reason: "cannot allocate digest context") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit_ex(context, &keyContext, scheme.digest, nil, nil, key.pointer, nil) == 1 else {
            throw .openssl(reason: "cannot start signing: " + OpenSSLErrorQueue.drain())
        }
        try scheme.configure(keyContext)
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw .openssl(reason: "cannot size signature: " + OpenSSLErrorQueue.drain())
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw .openssl(reason: "signing failed: " + OpenSSLErrorQueue.drain())
        }
        signature.removeSubrange(length...)
        return (signature, fingerprint, scheme.name)
    }
}
