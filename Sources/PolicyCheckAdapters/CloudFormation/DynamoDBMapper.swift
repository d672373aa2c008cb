import PolicyCheckModel

/// `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` become database stores, as Terraform's
/// `aws_dynamodb_table` does. DynamoDB always encrypts at rest, so there is no switch to judge; what varies is the
/// key. `SSESpecification.SSEEnabled` false or not set is an AWS owned key, true is the AWS-managed
/// `alias/aws/dynamodb` key unless a customer key is named: `SSESpecification.KMSMasterKeyId` on a table, each
/// replica's `SSESpecification.KMSMasterKeyId` on a global table (every replica has its own key; the worst decides)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-ssespecification.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-ssespecification.html).
enum DynamoDBMapper: ResourceMapper {
    static let types = ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let sse = properties.child("SSESpecification")
        let enabled = sse.child("SSEEnabled")
        let isTable = context.resource.type == "AWS::DynamoDB::Table"
        let keys = isTable
            ? [sse.child("KMSMasterKeyId")]
            : properties.child("Replicas").items().map { $0.child("SSESpecification", "KMSMasterKeyId") }
        // Where the key belongs when none is named: the table's key property, or the global table's switch.
        var origin = isTable ? keys[0].origin : enabled.origin
        var kmsKey: Located<Fact<String>>?
        switch enabled.bool(worse: false, absentMeans: false)?.value {
        case .known(true)?:
            let read = keys.map { ($0.origin, KMSKeyProperty.read($0, context: context, into: &deployment)) }
            if let worst = read.min(by: { rank($0.1) < rank($1.1) }) { (origin, kmsKey) = worst }
        case .unknown(let reason)?:
            kmsKey = Located(.unknown(reason: reason), at: enabled.origin)
        case .known(false)?, nil:
            kmsKey = nil  // an AWS owned key
        }
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: origin))
        store.encryption.atRest = Located(.known(true), at: origin)
        store.encryption.kmsKey = kmsKey
        deployment.dataStores.append(store)
    }

    /// How far a key is from a customer key: none (AWS manages it), an AWS-managed alias, unknown, a customer key.
    private static func rank(_ key: Located<Fact<String>>?) -> Int {
        guard let key else { return 0 }
        switch key.value {
        case .known(let text): return KeyReference.isAWSManaged(text) ? 1 : 3
        case .unknown: return 2
        }
    }
}
