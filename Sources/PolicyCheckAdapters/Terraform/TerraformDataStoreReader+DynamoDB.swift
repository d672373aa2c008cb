import PolicyCheckModel

extension TerraformDataStoreReader {
    /// What a DynamoDB table's `server_side_encryption.enabled` makes of its key, when not the key `kms_key_arn`
    /// names: with `enabled` false or not set the table uses an AWS owned key whatever `kms_key_arn` says
    /// (`DynamoDBOwnedKey`; the provider: "If enabled is false then server-side encryption is set to AWS-owned key",
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#server_side_encryption),
    /// so no customer key, located at `enabled`, with a note when a key is named; a value that cannot be known is
    /// the key's too. `nil` when enabled: the key named, or AWS's `alias/aws/dynamodb` when none is.
    /// CloudFormation's `DynamoDBMapper` reads `SSEEnabled` the same way.
    static func tableKeyOverride(of table: TerraformResource)
        -> (key: Located<Fact<String>>?, origin: Origin, note: String?)? {
        let encryption = table["server_side_encryption"].child(0)
        let enabled = encryption.child("enabled")
        let flag = enabled.bool()
        switch flag?.value {
        case .known(true)?:
            return nil
        case .unknown(let reason)?:
            return (Located(.unknown(reason: reason), at: enabled.origin), enabled.origin, nil)
        case .known(false)?, nil:
            let key = encryption.child("kms_key_arn")
            let named = key.knownString != nil || (key.isUnknown && !key.isProviderDefault)
            let note = named ? DynamoDBOwnedKey.keyIgnored(flag: "server_side_encryption.enabled",
                                                           stated: flag != nil, key: "kms_key_arn") : nil
            // Stated false, the switch is what to change; not set, the finding stays where the key belongs.
            return (nil, flag == nil ? key.fieldOrigin : enabled.fieldOrigin, note)
        }
    }
}
