internal import COpenSSL

/// Message digests computed by OpenSSL.
public enum Digest {
    /// Lowercase hex SHA-256 of `bytes` (via `EVP_Digest`, with SHA-256 fetched once: the implicit fetch
    /// `EVP_sha256()` costs on each call was about half of hashing a finding's identity, once per SARIF result).
    public static func sha256(_ bytes: [UInt8]) -> String {
        if let hasher = sharedHasher, let hex = bytes.withUnsafeBytes({ hasher.hex($0) }) { return hex }
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = EVP_Digest(bytes, bytes.count, &output, &length, EVP_sha256(), nil)
        guard ok == 1, length == 32 else {
            let reason = OpenSSLErrorQueue.drain()
            preconditionFailure("EVP_Digest(SHA-256) failed: \(reason)")
        }
        return Hex.encode(output)
    }

    /// SHA-256 fetched from the default library context on first use; `nil` if the fetch fails (then each call
    /// takes the implicit fetch, which reports its own failure).
    static let sharedHasher: SHA256Hasher? = try? SHA256Hasher()
}
