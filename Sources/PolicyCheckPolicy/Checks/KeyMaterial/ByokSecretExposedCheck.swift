import PolicyCheckModel

/// Where a BYOK material expects a public wrapping key or wrapped (encrypted) key material, a private key or a
/// plaintext symmetric key is a leaked secret.
public struct ByokSecretExposedCheck: Check {
    public static let name = "key-material.byok-secret-exposed"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ByokFiles.results(deployment) { material in
            var evidence: [Evidence] = []
            for file in [material.wrappingKeyFile, material.encryptedMaterialFile].compactMap({ $0 }) {
                let expected = file.role == .wrappingPublicKey ? "a public wrapping key" : "encrypted (wrapped) key material"
                for secret in file.secrets {
                    evidence.append(Evidence(
                        "'\(file.path)' holds \(secret.summary) where \(expected) belongs: the secret is exposed; rotate it and supply \(expected)",
                        at: file.origin
                    ))
                }
            }
            return evidence
        }
    }
}

/// The BYOK materials of a deployment that reference files.
enum ByokFiles {
    static func results(_ deployment: Deployment, _ judge: (KeyMaterialDeclaration) -> [Evidence]) -> [CheckResult] {
        results(deployment) { _, material in judge(material) }
    }

    /// The same, for a judge that needs the key too (its key spec decides what the material is).
    static func results(_ deployment: Deployment,
                        _ judge: (KeyDeclaration, KeyMaterialDeclaration) -> [Evidence]) -> [CheckResult] {
        deployment.keys.compactMap { key in
            let materials = key.materials.filter { $0.wrappingKeyFile != nil || $0.encryptedMaterialFile != nil }
            guard !materials.isEmpty else { return nil }
            return CheckResult(key.component, .from(materials.flatMap { judge(key, $0) }))
        }
    }
}
