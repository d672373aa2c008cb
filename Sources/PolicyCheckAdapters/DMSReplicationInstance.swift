import PolicyCheckModel

/// What the plan and template readers say alike of an AWS DMS replication instance (`aws_dms_replication_instance`,
/// `AWS::DMS::ReplicationInstance`): it holds the data it migrates, always encrypted — "If you don't specify a value
/// for the KmsKeyId parameter, AWS DMS uses your default encryption key" — and public when told so. Unset, the API
/// makes it public: `PubliclyAccessible` "The default value is true"
/// (https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html), as a template that
/// leaves it out gets; Terraform's provider sends false for an unset `publicly_accessible` ("Optional, Default:
/// false"), so there it is private (review, round 34).
enum DMSReplicationInstance {
    static func publicByDefault(_ name: String) -> String {
        "\(name) is not set, and DMS gives a replication instance a public IP address by default"
    }
}
