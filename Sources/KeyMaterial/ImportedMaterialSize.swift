/// How many bytes of plaintext key material AWS KMS imports into a key of a given key spec, before it is wrapped
/// ("Requirements for imported key material",
/// https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html): 256-bit symmetric key
/// material for SYMMETRIC_DEFAULT, HMAC key material from the hash's output size to its block size for HMAC_*, and the
/// private key as PKCS#8 DER for an asymmetric key pair (AWS derives the public key;
/// https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html).
public enum ImportedMaterialSize: Equatable, Sendable {
    /// A size within this range (a single size when the range has one element).
    case between(ClosedRange<Int>)
    /// A length that varies (PKCS#8 DER), but at least this many bytes.
    case atLeast(Int)

    /// The material a key of `keySpec` imports; SYMMETRIC_DEFAULT when the key names none (CreateKey's default).
    /// A key spec this table does not know is judged only by the structure of its wrapping (at least one byte).
    public static func forKeySpec(_ keySpec: String?) -> ImportedMaterialSize {
        let spec = keySpec ?? "SYMMETRIC_DEFAULT"
        if let size = fixed[spec] { return size }
        if let bits = rsaBits[spec] { return .atLeast(bits / 4) }
        if let scalar = eccScalarBytes[spec] { return .atLeast(scalar) }
        return .atLeast(1)
    }

    /// For messages: `32 bytes`, `32–64 bytes`, `at least 512 bytes`.
    public var summary: String {
        switch self {
        case .between(let range) where range.count == 1: "\(range.lowerBound) bytes"
        case .between(let range): "\(range.lowerBound)–\(range.upperBound) bytes"
        case .atLeast(let minimum): "at least \(minimum) bytes"
        }
    }

    /// SYMMETRIC_DEFAULT: 32 bytes (AWS imports only 256-bit symmetric encryption keys outside China Regions, where
    /// RSA_AES_KEY_WRAP_* is not offered). HMAC: at least the hash's output, at most its block size.
    private static let fixed: [String: ImportedMaterialSize] = [
        "SYMMETRIC_DEFAULT": .between(32...32),
        "HMAC_224": .between(28...64),
        "HMAC_256": .between(32...64),
        "HMAC_384": .between(48...128),
        "HMAC_512": .between(64...128),
    ]

    /// An RSA private key holds at least its modulus and its two primes: a quarter of the modulus bits, in bytes
    /// (a PKCS#8 RSA_2048 key is about 1,190–1,220 bytes; the bound only rules out what cannot be the key).
    private static let rsaBits: [String: Int] = ["RSA_2048": 2048, "RSA_3072": 3072, "RSA_4096": 4096]

    /// The smallest PKCS#8 `PrivateKeyInfo` (RFC 5208) that holds an EC private key (RFC 5915's `ECPrivateKey` with
    /// its version and scalar only): version 3 bytes, the algorithm identifier (the `id-ecPublicKey` OID and the
    /// curve's), and the key in an OCTET STRING — 67 bytes for P-256 (and SM2, whose curve OID is as long), 80 for
    /// P-384, 98 for P-521, 64 for secp256k1. Counting the scalar alone (32 bytes for P-256) let a wrapped 32-byte
    /// symmetric key pass as P-256 material (tester, round 35); OpenSSL writes 138 bytes for P-256 with the public
    /// key, so the bound only rules out what cannot be the key.
    private static let eccScalarBytes: [String: Int] = [
        "ECC_NIST_P256": 67, "ECC_NIST_P384": 80, "ECC_NIST_P521": 98, "ECC_SECG_P256K1": 64, "SM2": 67,
    ]
}
