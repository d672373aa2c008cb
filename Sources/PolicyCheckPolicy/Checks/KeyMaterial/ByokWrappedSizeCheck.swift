import KeyMaterial
import PolicyCheckModel

/// Encrypted key material must have the size the wrapping key and algorithm produce: the modulus size for
/// RSAES_OAEP_* (and the retired RSAES_PKCS1_V1_5), the modulus plus the AES-KW-wrapped key for RSA_AES_KEY_WRAP_*.
public struct ByokWrappedSizeCheck: Check {
    public static let name = "key-material.byok-wrapped-size"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ByokFiles.results(deployment) { material in
            guard let file = material.encryptedMaterialFile, file.secrets.isEmpty else { return [] }
            guard let wrapping = material.wrappingKeyFile?.objects.first(where: { $0.kind == .publicKey && $0.algorithm == .rsa }),
                  let bits = wrapping.bits,
                  let name = material.wrappingAlgorithm?.value, let algorithm = WrappingAlgorithm(rawValue: name) else {
                return []
            }
            let modulus = WrappedMaterial.modulusBytes(forBits: bits)
            guard !WrappedMaterial.sizeMatches(encryptedSize: file.size, modulusBytes: modulus, algorithm: algorithm) else {
                return []
            }
            let expected = WrappedMaterial.expectedSizes(modulusBytes: modulus, algorithm: algorithm).map(String.init)
                .joined(separator: " or ")
            return [Evidence(
                "encrypted key material '\(file.path)' is \(file.size) bytes; \(name) with a \(bits)-bit wrapping key produces \(expected) bytes",
                at: file.origin
            )]
        }
    }
}
