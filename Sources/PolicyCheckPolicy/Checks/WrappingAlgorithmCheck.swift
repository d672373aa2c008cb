import KeyMaterial
import PolicyCheckModel

/// Imported key material must be wrapped with an algorithm AWS KMS accepts, and one it accepts for the key's material:
/// an RSA private key only with RSA_AES_KEY_WRAP_* (`WrappingAlgorithmKeySpec`).
public struct WrappingAlgorithmCheck: Check {
    public static let name = "byok.wrapping-algorithm"

    let allowed: [String]
    let retired: [String]

    public init(parameters: CheckParameters) {
        allowed = parameters.strings("allowed", default: [
            "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256",
        ])
        retired = parameters.strings("retired", default: ["RSAES_PKCS1_V1_5"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            let evidence = key.materials.compactMap { material -> Evidence? in
                guard let algorithm = material.wrappingAlgorithm else { return nil }
                let name = KeyMaterialWindow.name(material)
                guard !allowed.contains(algorithm.value) else {
                    return Self.keySpecRefusal(key: key, material: material, name: name, algorithm: algorithm)
                }
                if retired.contains(algorithm.value) {
                    return Evidence("key material \(name) is wrapped with \(algorithm.value), which AWS KMS no longer accepts; use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256",
                                    at: algorithm.origin)
                }
                return Evidence("wrapping algorithm '\(algorithm.value)' is not one AWS KMS accepts; expected one of \(allowed.joined(separator: ", "))"
                                    + Suggestion.clause(for: algorithm.value, among: allowed),
                                at: algorithm.origin)
            }
            return CheckResult(key.component, .from(evidence))
        }
    }

    /// An accepted algorithm AWS KMS still refuses for this key's material (an RSA private key under RSAES_OAEP_*).
    private static func keySpecRefusal(key: KeyDeclaration, material: KeyMaterialDeclaration, name: String,
                                       algorithm: Located<String>) -> Evidence? {
        guard let spec = key.keySpec?.value else { return nil }
        let wrappingKeyBits = material.wrappingKeyFile?.objects.first { $0.kind == .publicKey && $0.algorithm == .rsa }?.bits
        guard let reason = WrappingAlgorithmKeySpec.refusal(keySpec: spec, algorithm: algorithm.value,
                                                            wrappingKeyBits: wrappingKeyBits) else { return nil }
        return Evidence("key material \(name) of this \(spec) key is wrapped with \(algorithm.value), but \(reason)",
                        at: algorithm.origin)
    }
}
