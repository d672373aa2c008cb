import PolicyCheckModel

/// `AWS::Kinesis::Stream` becomes a data stream store, as Terraform's `aws_kinesis_stream` does.
///
/// Kinesis Data Streams encrypts records at rest only with server-side encryption turned on:
/// `StreamEncryption.EncryptionType` `KMS`, with the key in `StreamEncryption.KeyId` (`alias/aws/kinesis` is the
/// AWS managed key); without `StreamEncryption` the stream is not encrypted — "removing this property ... disables
/// encryption" (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html,
/// https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html). Not set, or `NONE` in any branch, is off (as a
/// Terraform plan states it: the provider's default `encryption_type` is `NONE`).
enum KinesisStreamMapper: ResourceMapper {
    static let types = ["AWS::Kinesis::Stream"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let encryption = context.properties.child("StreamEncryption")
        let type = encryption.child("EncryptionType")
        var store = DataStore(kind: .stream, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: type.origin))
        if let stated = type.choice(on: ["KMS"], absent: "NONE") {
            store.encryption.atRest = Located(stated.value, at: stated.origin)
        }
        store.encryption.kmsKey = KMSKeyProperty.read(encryption.child("KeyId"), context: context, into: &deployment)
        deployment.dataStores.append(store)
    }
}
