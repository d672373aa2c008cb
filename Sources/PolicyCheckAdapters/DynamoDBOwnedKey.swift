/// Why a DynamoDB table's named key does not count, shared by the plan and template readers so both formats say it
/// alike: with server-side encryption not enabled a table is encrypted with an AWS owned key, whatever key is named —
/// "If disabled (false) or not specified, server-side encryption is set to AWS owned key"
/// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html).
enum DynamoDBOwnedKey {
    /// The note for a table whose switch (`flag`, as the input spells it) is false or not set while `key` names a key.
    static func keyIgnored(flag: String, stated: Bool, key: String) -> String {
        "\(flag) is \(stated ? "false" : "not set"), so DynamoDB uses an AWS owned key and ignores \(key)"
    }
}
