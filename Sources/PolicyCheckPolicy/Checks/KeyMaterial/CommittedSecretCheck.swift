import PolicyCheckModel

/// Unencrypted private keys and plaintext symmetric keys must not lie in the checked tree: they are secrets.
public struct CommittedSecretCheck: Check {
    public static let name = "key-material.committed-secret"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keyFiles.filter { $0.role == .inTree }.map { file in
            let evidence = file.secrets.map { object in
                Evidence(KeyFileObjects.block(object, in: file)
                         + "the file holds \(object.summary) in plain text: a secret committed to the tree; remove it and rotate the key",
                         at: KeyFileObjects.place(object, in: file))
            }
            return CheckResult(file.path, .from(evidence))
        }
    }
}
