import PolicyCheckModel

/// `AWS::SecretsManager::Secret` becomes a `secrets` store. Secrets Manager always encrypts a secret; without
/// `KmsKeyId` it uses the AWS-managed `aws/secretsmanager` key
/// (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
enum SecretMapper: ResourceMapper {
    static let types = ["AWS::SecretsManager::Secret"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let key = context.properties.child("KmsKeyId")
        let store = SwitchedStore.alwaysEncrypted(context, kind: .secrets, key: key, into: &deployment)
        deployment.dataStores.append(store)
    }
}
