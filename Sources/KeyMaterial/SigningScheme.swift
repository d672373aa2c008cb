internal import COpenSSL

/// The one signature scheme this module uses for a key, chosen from the key alone.
///
/// RSA uses RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (PSS has a security proof
/// and is what modern evidence formats expect; PKCS#1 v1.5 is not offered). RSA keys below 3072
/// bits are refused. ECDSA uses the curve's matching hash: P-256/SHA-256, P-384/SHA-384.
/// Ed25519 signs the message directly (no separate digest).
struct SigningScheme {
    /// Public name, e.g. `ed25519`, `ecdsa-p256-sha256`, `rsa-pss-sha256`.
    var name: String
    /// OpenSSL digest name, nil for Ed25519.
    var digest: String?
    /// Whether PSS padding must be configured.
    var usesPSS: Bool

    static let minimumRSABits = 3072

    /// The scheme for `key`, or a typed refusal for weak or unsupported keys.
    static func forKey(_ key: OpaquePointer) throws(KeyMaterialError) -> SigningScheme {
        switch KeyDescriber.algorithm(of: key) {
        case .ed25519:
            return SigningScheme(name: "ed25519", digest: nil, usesPSS: false)
        case .ec:
            switch KeyDescriber.curveName(of: key) {
            case "P-256": return SigningScheme(name: "ecdsa-p256-sha256", digest: "SHA256", usesPSS: false)
            case "P-384": return SigningScheme(name: "ecdsa-p384-sha384", digest: "SHA384", usesPSS: false)
            case let curve: throw .unsupported("ECDSA signing supports P-256 and P-384, not \(curve ?? "an unnamed curve")")
            }
        case .rsa:
            let bits = Int(EVP_PKEY_get_bits(key))
            guard bits >= minimumRSABits else {
                throw .weakKey("RSA-\(bits) is below the \(minimumRSABits)-bit minimum for signing")
            }
            return SigningScheme(name: "rsa-pss-sha256", digest: "SHA256", usesPSS: true)
        case let algorithm:
            throw .unsupported("signing with \(algorithm?.rawValue ?? "this key type") keys")
        }
    }

    /// Applies PSS parameters to a signing or verifying context.
    func configure(_ context: OpaquePointer?) throws(KeyMaterialError) {
        guard usesPSS else { return }
        guard let context,
              EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1,
              EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_DIGEST) == 1
        else {
            throw .openssl(reason: "cannot configure RSA-PSS: " + OpenSSLErrorQueue.drain())
        }
    }
}
