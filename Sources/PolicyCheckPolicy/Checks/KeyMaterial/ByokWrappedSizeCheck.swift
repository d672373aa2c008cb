import KeyMaterial
import PolicyCheckModel

/// Encrypted key material must have the size the wrapping key and algorithm produce for the key's material: the
/// modulus size for RSAES_OAEP_* (and the retired RSAES_PKCS1_V1_5); for RSA_AES_KEY_WRAP_*, the modulus plus the
/// material wrapped with AES key wrap with padding (RFC 5649, `8 × ⌈n / 8⌉ + 8` bytes) — exact for SYMMETRIC_DEFAULT
/// (32 bytes) and HMAC_* material, at least the smallest private key and a multiple of 8 for RSA_* and ECC_* keys,
/// whose PKCS#8 length varies (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html).
public struct ByokWrappedSizeCheck: Check {
    public static let name = "key-material.byok-wrapped-size"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ByokFiles.results(deployment) { key, material in
            guard let file = material.encryptedMaterialFile, file.secrets.isEmpty else { return [] }
            guard let wrapping = material.wrappingKeyFile?.objects.first(where: { $0.kind == .publicKey && $0.algorithm == .rsa }),
                  let bits = wrapping.bits,
                  let name = material.wrappingAlgorithm?.value, let algorithm = WrappingAlgorithm(rawValue: name) else {
                return []
            }
            let spec = key.keySpec?.value ?? "SYMMETRIC_DEFAULT"
            let imported = ImportedMaterialSize.forKeySpec(spec)
            let modulus = WrappedMaterial.modulusBytes(forBits: bits)
            guard let expected = WrappedMaterial.expectation(modulusBytes: modulus, algorithm: algorithm, material: imported),
                  !expected.admits(file.size) else {
                return []
            }
            let detail = algorithm.usesAESKeyWrap ? " for \(spec) key material (\(imported.summary))" : ""
            return [Evidence(
                "encrypted key material '\(file.path)' is \(file.size) bytes; \(name) with a \(bits)-bit wrapping key produces \(expected.summary)\(detail)",
                at: file.origin
            )]
        }
    }
}
