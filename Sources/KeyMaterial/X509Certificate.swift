internal import COpenSSL

/// Owns one `X509` and frees it on deinit.
final class X509Certificate {
    /// The owned certificate; valid for the lifetime of this object.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Parses exactly one DER certificate (`trusted`: with OpenSSL's trust auxiliary data appended).
    static func parse(_ der: UnsafeBufferPointer<UInt8>, trusted: Bool) -> X509Certificate? {
        guard let base = der.baseAddress else { return nil }
        var cursor: UnsafePointer<UInt8>? = base
        let parsed = trusted ? d2i_X509_AUX(nil, &cursor, der.count) : d2i_X509(nil, &cursor, der.count)
        guard let parsed else { return nil }
        let certificate = X509Certificate(owning: parsed)
        guard let cursor, cursor == base + der.count else { return nil }  // trailing bytes: not one certificate
        return certificate
    }

    /// The subject public key, with its own reference, if OpenSSL supports the algorithm.
    func publicKey() -> PKey? {
        guard let key = X509_get0_pubkey(pointer) else { return nil }
        return PKey(retaining: key)
    }

    deinit {
        X509_free(pointer)
    }
}
