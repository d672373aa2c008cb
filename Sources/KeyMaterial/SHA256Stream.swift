internal import COpenSSL

/// SHA-256 of bytes given in pieces, so that a large file is hashed without holding it in memory (each evidence
/// bundle hashes the running executable, about 100 MB, which was read whole, then copied, to hash it).
public final class SHA256Stream {
    private let context: OpaquePointer
    /// Set when OpenSSL refuses an update; `finish` then answers nil rather than a digest of part of the bytes.
    private var failed = false

    /// A stream with no bytes yet; nil if OpenSSL cannot start a digest.
    public init?() {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_MD_CTX_new() else { return nil }
        let started = Digest.sharedHasher?.start(context) ?? (EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1)
        guard started else {
            EVP_MD_CTX_free(context)
            OpenSSLErrorQueue.clear()
            return nil
        }
        self.context = context
    }

    /// Adds `bytes` to what is hashed.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if EVP_DigestUpdate(context, base, bytes.count) != 1 {
            failed = true
            OpenSSLErrorQueue.clear()
        }
    }

    /// Lowercase hex SHA-256 of every byte given, the same as `Digest.sha256` of them all at once; nil if OpenSSL
    /// failed. Call once.
    public func finish() -> String? {
        guard !failed else { return nil }
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = output.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard ok == 1, length == 32 else {
            failed = true
            OpenSSLErrorQueue.clear()
            return nil
        }
        return Hex.encode(output)
    }

    deinit {
        EVP_MD_CTX_free(context)
    }
}
