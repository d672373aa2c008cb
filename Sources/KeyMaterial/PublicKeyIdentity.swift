internal import COpenSSL

/// The public value `EVP_PKEY_eq` compares, as text, so that keys can be looked up instead of compared pairwise.
///
/// Keys that `EVP_PKEY_eq` calls equal always have the same identity; keys with the same identity may still differ
/// (an identity leaves out curve and PSS parameters), so a lookup only finds candidates and `EVP_PKEY_eq` decides.
/// The SPKI fingerprint cannot serve: it hashes the encoding, and one EC key encodes its point compressed in one
/// certificate and uncompressed in another (or its curve by name in one and explicitly in another).
enum PublicKeyIdentity {
    /// The identity of `key`, or nil for a key type without one here (such keys are compared with every
    /// certificate, as before the lookup).
    static func of(_ key: OpaquePointer) -> String? {
        defer { OpenSSLErrorQueue.clear() }
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS:
            // RSA keys match on modulus and exponent.
            return number(key, "n").map { "rsa:" + $0 }
        case EVP_PKEY_EC, EVP_PKEY_SM2:
            // EC keys match on the curve and the point; the affine coordinates do not depend on how the point or
            // the curve was encoded.
            guard let x = number(key, "qx"), let y = number(key, "qy") else { return nil }
            return "ec:\(x):\(y)"
        case EVP_PKEY_DSA, EVP_PKEY_DH, EVP_PKEY_DHX:
            return number(key, "pub").map { "dsa-dh:" + $0 }
        case EVP_PKEY_ED25519, EVP_PKEY_ED448, EVP_PKEY_X25519, EVP_PKEY_X448:
            return rawPublicKey(key).map { "ecx:" + $0 }
        default:
            return nil
        }
    }

    /// A big-number parameter of `key` in hex.
    private static func number(_ key: OpaquePointer, _ name: String) -> String? {
        var value: OpaquePointer?
        guard EVP_PKEY_get_bn_param(key, name, &value) == 1, let value else { return nil }
        defer { BN_free(value) }
        guard let hex = BN_bn2hex(value) else { return nil }
        defer { pc_openssl_free(hex) }
        return String(cString: hex)
    }

    /// The raw public key of an Edwards or Montgomery curve key, in hex.
    private static func rawPublicKey(_ key: OpaquePointer) -> String? {
        var length = 0
        guard EVP_PKEY_get_raw_public_key(key, nil, &length) == 1, length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_raw_public_key(key, &bytes, &length) == 1 else { return nil }
        return Hex.encode(bytes.prefix(length))
    }
}
