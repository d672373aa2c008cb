internal import COpenSSL

/// Reads public facts (algorithm, size, curve, exponent, SPKI fingerprint) from an `EVP_PKEY`.
enum KeyDescriber {
    /// The public facts of a key.
    struct Facts {
        var algorithm: KeyAlgorithm?
        var bits: Int?
        var curve: String?
        var rsaPublicExponent: String?
        var spkiSha256: String?
    }

    /// Facts of `key`; `spkiDER` overrides how the SubjectPublicKeyInfo is serialised (certificates).
    static func facts(of key: OpaquePointer, hasher: SHA256Hasher) -> Facts {
        var facts = Facts()
        facts.algorithm = algorithm(of: key)
        let bits = EVP_PKEY_get_bits(key)
        facts.bits = bits > 0 ? Int(bits) : nil
        if facts.algorithm == .ec { facts.curve = curveName(of: key) }
        if facts.algorithm == .rsa { facts.rsaPublicExponent = publicExponent(of: key) }
        facts.spkiSha256 = spkiSha256(of: key, hasher: hasher)
        OpenSSLErrorQueue.clear()
        return facts
    }

    /// The algorithm family, from the key's base type.
    static func algorithm(of key: OpaquePointer) -> KeyAlgorithm? {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: .rsa
        case EVP_PKEY_EC: .ec
        case EVP_PKEY_ED25519: .ed25519
        case EVP_PKEY_ED448: .ed448
        case EVP_PKEY_X25519: .x25519
        case EVP_PKEY_X448: .x448
        case EVP_PKEY_DSA: .dsa
        default: nil
        }
    }

    /// `P-256`/`P-384`/`P-521` for the NIST prime curves, otherwise OpenSSL's group name.
    static func curveName(of key: OpaquePointer) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(key, "group", &buffer, buffer.count, &length) == 1 else { return nil }
        let name = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch name {
        case "prime256v1", "secp256r1", "P-256": return "P-256"
        case "secp384r1", "P-384": return "P-384"
        case "secp521r1", "P-521": return "P-521"
        default: return name
        }
    }

    /// The RSA public exponent in decimal.
    static func publicExponent(of key: OpaquePointer) -> String? {
        var exponent: OpaquePointer?
        guard EVP_PKEY_get_bn_param(key, "e", &exponent) == 1, let exponent else { return nil }
        defer { BN_free(exponent) }
        guard let decimal = BN_bn2dec(exponent) else { return nil }
        defer { pc_openssl_free(decimal) }
        return String(cString: decimal)
    }

    /// SHA-256 of `i2d_PUBKEY(key)`: the same bytes as `openssl pkey -pubout -outform DER`.
    static func spkiSha256(of key: OpaquePointer, hasher: SHA256Hasher) -> String? {
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &der)
        guard length > 0, let der else { return nil }
        defer { pc_openssl_free(der) }
        return hasher.hex(UnsafeRawBufferPointer(start: der, count: Int(length)))
    }
}
