internal import COpenSSL

/// Message digests computed by OpenSSL.
public enum Digest {
    /// Lowercase hex SHA-256 of `bytes` (via `EVP_Digest` with `EVP_sha256()`).
    public static func sha256(_ bytes: [UInt8]) -> String {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = EVP_Digest(bytes, bytes.count, &output, &length, EVP_sha256(), nil)
        guard ok == 1, length == 32 else {
            let reason = OpenSSLErrorQueue.drain()
            preconditionFailure("EVP_Digest(SHA-256) failed: \(reason)")
        }
        return Hex.encode(output)
    }
}
