/// AWS KMS wrapping algorithms for importing key material (`WrappingAlgorithm` in GetParametersForImport).
public enum WrappingAlgorithm: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// RSA-OAEP with SHA-1.
    case rsaesOaepSha1 = "RSAES_OAEP_SHA_1"
    /// RSA-OAEP with SHA-256.
    case rsaesOaepSha256 = "RSAES_OAEP_SHA_256"
    /// RSA PKCS#1 v1.5 encryption.
    case rsaesPkcs1V15 = "RSAES_PKCS1_V1_5"
    /// RSA-OAEP-SHA-1 wrapped ephemeral AES key followed by AES key wrap of the material.
    case rsaAesKeyWrapSha1 = "RSA_AES_KEY_WRAP_SHA_1"
    /// RSA-OAEP-SHA-256 wrapped ephemeral AES key followed by AES key wrap of the material.
    case rsaAesKeyWrapSha256 = "RSA_AES_KEY_WRAP_SHA_256"

    /// Whether the output has an AES key wrap part after the RSA part.
    public var usesAESKeyWrap: Bool {
        self == .rsaAesKeyWrapSha1 || self == .rsaAesKeyWrapSha256
    }
}
