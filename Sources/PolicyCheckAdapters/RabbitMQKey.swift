/// An Amazon MQ for RabbitMQ broker takes no customer managed KMS key: the broker's encryption options "Does not apply
/// to RabbitMQ brokers", which always use an AWS owned key
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-amazonmq-broker-encryptionoptions.html;
/// the MQ API's `EncryptionOptions` likewise). MMC-ENC-002 still fails such a broker when the policy asks for customer
/// keys — the data is on a key the customer does not hold — but its message says so, rather than ask for a key AWS
/// would not use: the remedy is an ActiveMQ broker on a customer key, or a waiver.
enum RabbitMQKey {
    static let note = "an Amazon MQ for RabbitMQ broker takes no customer key: its encryption options apply to "
        + "ActiveMQ brokers only, so it needs an ActiveMQ broker with a customer key, or a waiver"

    /// Whether the engine type, as written, is RabbitMQ (AWS takes `RABBITMQ`; the provider `RabbitMQ`, in any case).
    static func isRabbitMQ(_ engineType: String?) -> Bool {
        engineType?.lowercased() == "rabbitmq"
    }
}
