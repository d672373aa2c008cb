import PolicyCheckModel

/// What the plan and template readers say alike of an AWS DMS replication instance (`aws_dms_replication_instance`,
/// `AWS::DMS::ReplicationInstance`): it holds the data it migrates, always encrypted — "If you don't specify a value
/// for the KmsKeyId parameter, AWS DMS uses your default encryption key" — and public unless told otherwise:
/// `PubliclyAccessible` "The default value is true"
/// (https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html).
enum DMSReplicationInstance {
    static func publicByDefault(_ name: String) -> String {
        "\(name) is not set, and DMS gives a replication instance a public IP address by default"
    }
}
