internal import COpenSSL

/// SHA-256 with an explicitly fetched `EVP_MD`, so repeated hashing skips the implicit fetch.
///
/// `@unchecked Sendable`: the only state is the fetched `EVP_MD`, which is never changed after the fetch, and
/// OpenSSL allows a fetched method to be used from several threads at once (openssl-threads(7)); each `hex` call
/// makes its own digest context inside `EVP_Digest`.
final class SHA256Hasher: @unchecked Sendable {
    private let digest: OpaquePointer

    /// Fetches SHA-256 from the default library context.
    init() throws(KeyMaterialError) {
        OpenSSLErrorQueue.clear()
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else {
            throw .openssl(reason: "cannot fetch SHA256: " + OpenSSLErrorQueue.drain())
        }
        self.digest = digest
    }

    /// Lowercase hex SHA-256 of `bytes`, or nil if OpenSSL fails.
    func hex(_ bytes: UnsafeRawBufferPointer) -> String? {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = output.withUnsafeMutableBufferPointer { out in
            EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress, &length, digest, nil)
        }
        guard ok == 1, length == 32 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return Hex.encode(output)
    }

    /// Starts `context` (an `EVP_MD_CTX`) on SHA-256, for hashing in pieces; false if OpenSSL refuses.
    func start(_ context: OpaquePointer) -> Bool {
        EVP_DigestInit_ex(context, digest, nil) == 1
    }

    deinit {
        EVP_MD_free(digest)
    }
}
