import PolicyCheckModel

/// `AWS::AmazonMQ::Broker` becomes a data stream store (a broker keeps messages for its consumers), as Terraform's
/// `aws_mq_broker` does.
///
/// "Amazon MQ encrypts messages at rest" with an AWS KMS key — an AWS owned key unless `EncryptionOptions` name a
/// customer managed one in `KmsKeyId` (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html),
/// so the store is encrypted and its key is the customer's only with `KmsKeyId` (MMC-ENC-002). Clients reach a broker
/// over TLS only (every endpoint Amazon MQ gives is `ssl://`, `amqps://`, `wss://`, … on the same page), so transit is
/// not judged. `PubliclyAccessible: true` gives the broker an endpoint reachable from the internet
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-amazonmq-broker.html).
/// A RabbitMQ broker takes no customer managed key (`RabbitMQKey`).
enum MessageBrokerMapper: ResourceMapper {
    static let types = ["AWS::AmazonMQ::Broker"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let key = properties.child("EncryptionOptions", "KmsKeyId")
        var store = SwitchedStore.alwaysEncrypted(context, kind: .stream, key: key, into: &deployment)
        store.storageType = Located(DataStore.messageBrokerStorageType, at: context.modelOrigin)
        store.publicAccess = properties.child("PubliclyAccessible").bool(worse: true)
        if RabbitMQKey.isRabbitMQ(properties.child("EngineType").knownText) {
            store.encryption.keyNote = RabbitMQKey.note
        }
        deployment.dataStores.append(store)
    }
}
