import PolicyCheckModel

/// Which wrapping algorithms AWS KMS accepts for a key spec's material (GetParametersForImport, `WrappingAlgorithm`,
/// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html; "Step 3: Encrypt the key
/// material", https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html):
/// RSAES_OAEP_* wrap every type of material except an RSA private key, which must use RSA_AES_KEY_WRAP_*; and
/// ECC_NIST_P521 material cannot be wrapped with RSAES_OAEP_* under an RSA_2048 wrapping key.
enum WrappingAlgorithmKeySpec {
    /// Why AWS KMS refuses `algorithm` for the key's material and what it requires instead; `nil` when it accepts it.
    static func refusal(keySpec: String, algorithm: String, wrappingKeyBits: Int?) -> String? {
        guard algorithm.hasPrefix("RSAES_OAEP_") else { return nil }
        if keySpec.hasPrefix("RSA_") {
            return "AWS KMS imports an RSA private key only with RSA_AES_KEY_WRAP_SHA_256 or RSA_AES_KEY_WRAP_SHA_1; "
                + "download a wrapping public key and import token for RSA_AES_KEY_WRAP_SHA_256 (GetParametersForImport) and wrap the private key again"
        }
        if keySpec == "ECC_NIST_P521", wrappingKeyBits == 2048 {
            return "AWS KMS does not accept ECC_NIST_P521 key material wrapped with RSAES_OAEP_* under an RSA_2048 wrapping key; "
                + "download an RSA_3072 or RSA_4096 wrapping key, or choose RSA_AES_KEY_WRAP_SHA_256, and wrap the key material again"
        }
        return nil
    }
}
