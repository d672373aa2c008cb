internal import COpenSSL

/// Builds OpenSSL public keys from the values of SSH public key blobs: OpenSSL 3.0 reads no SSH format, but with the
/// key in hand it reports size, curve and SubjectPublicKeyInfo fingerprint as for a key read from PEM or DER.
/// Only public values ever pass through here.
enum SSHKeyBuilder {
    static func rsa(exponent: ArraySlice<UInt8>, modulus: ArraySlice<UInt8>) -> PKey? {
        fromData("RSA") { $0.number("n", modulus) && $0.number("e", exponent) }
    }

    static func dsa(p: ArraySlice<UInt8>, q: ArraySlice<UInt8>, g: ArraySlice<UInt8>, y: ArraySlice<UInt8>) -> PKey? {
        fromData("DSA") { $0.number("p", p) && $0.number("q", q) && $0.number("g", g) && $0.number("pub", y) }
    }

    /// `group` is OpenSSL's name (`P-256`); `point` the SEC 1 encoded public point.
    static func ec(group: String, point: ArraySlice<UInt8>) -> PKey? {
        fromData("EC") { $0.text("group", group) && $0.octets("pub", point) }
    }

    static func ed25519(_ publicKey: ArraySlice<UInt8>) -> PKey? {
        OpenSSLErrorQueue.clear()
        let key = publicKey.withUnsafeBufferPointer { buffer in
            EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, buffer.baseAddress, buffer.count)
        }
        return key.map(PKey.init(owning:))
    }

    private static func fromData(_ type: String, _ push: (ParameterBuilder) -> Bool) -> PKey? {
        OpenSSLErrorQueue.clear()
        guard let parameters = ParameterBuilder(), push(parameters), let list = OSSL_PARAM_BLD_to_param(parameters.builder)
        else { return nil }
        defer { OSSL_PARAM_free(list) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata_init(context) == 1,
              EVP_PKEY_fromdata(context, &key, pc_selection_public_key(), list) == 1, let key
        else { return nil }
        return PKey(owning: key)
    }
}

/// One `OSSL_PARAM_BLD` and every C value it points at: the builder keeps pointers to names, strings, buffers and
/// numbers (not copies) until `OSSL_PARAM_BLD_to_param`, so they are owned here and freed with it.
private final class ParameterBuilder {
    let builder: OpaquePointer
    private var buffers: [UnsafeMutableRawPointer] = []
    private var numbers: [OpaquePointer] = []

    init?() {
        guard let builder = OSSL_PARAM_BLD_new() else { return nil }
        self.builder = builder
    }

    deinit {
        OSSL_PARAM_BLD_free(builder)
        numbers.forEach { BN_free($0) }
        buffers.forEach { free($0) }
    }

    func number(_ name: String, _ value: ArraySlice<UInt8>) -> Bool {
        guard let number = value.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }) else {
            return false
        }
        numbers.append(number)
        return OSSL_PARAM_BLD_push_BN(builder, cString(name), number) == 1
    }

    func text(_ name: String, _ value: String) -> Bool {
        OSSL_PARAM_BLD_push_utf8_string(builder, cString(name), cString(value), 0) == 1
    }

    func octets(_ name: String, _ value: ArraySlice<UInt8>) -> Bool {
        guard let buffer = malloc(max(value.count, 1)) else { return false }
        buffers.append(buffer)
        value.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(buffer), byteCount: $0.count) }
        return OSSL_PARAM_BLD_push_octet_string(builder, cString(name), buffer, value.count) == 1
    }

    private func cString(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        buffers.append(UnsafeMutableRawPointer(copy))
        return copy
    }
}
