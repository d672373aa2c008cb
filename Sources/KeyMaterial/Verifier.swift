internal import COpenSSL

/// Verifies signatures made by `Signer`; the scheme follows from the key.
public enum Verifier {
    /// Whether `signature` over `message` verifies with the first public key, certificate or private key in `publicKeyPEM`.
    ///
    /// Returns false for a wrong or malformed signature; throws for unusable keys (weak, unsupported, none).
    public static func verify(message: [UInt8], signature: [UInt8], publicKeyPEM: [UInt8]) throws(KeyMaterialError) -> Bool {
        let items = try InspectorPool.shared.withEngine { (engine) throws(KeyMaterialError) in
            try engine.decodeAll(publicKeyPEM)
        }
        guard let key = items.first(where: { $0.key != nil })?.key else {
            throw .unsupported("no public key to verify with")
        }
        let scheme = try SigningScheme.forKey(key.pointer)
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard let context = EVP_MD_CTX_new() else { throw .openssl(reason: "cannot allocate digest context") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit_ex(context, &keyContext, scheme.digest, nil, nil, key.pointer, nil) == 1 else {
            throw .openssl(reason: "cannot start verification: " + OpenSSLErrorQueue.drain())
        }
        try scheme.configure(keyContext)
        return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
    }
}
