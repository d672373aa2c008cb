import PolicyCheckModel

/// `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` become database stores, as Terraform's
/// `aws_dynamodb_table` does. DynamoDB always encrypts at rest, so there is no switch to judge; what varies is the
/// key. `SSESpecification.SSEEnabled` false or not set is an AWS owned key, true is the AWS-managed
/// `alias/aws/dynamodb` key unless a customer key is named: `SSESpecification.KMSMasterKeyId` on a table, each
/// replica's `SSESpecification.KMSMasterKeyId` on a global table (every replica has its own key; the worst decides)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-ssespecification.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-ssespecification.html).
///
/// Point-in-time recovery (MMC-AVL-005, `DynamoDBRecovery`): a table's `PointInTimeRecoverySpecification`, each
/// replica's on a global table (every replica is a table of its own; the worst decides).
///
/// SAM's `AWS::Serverless::SimpleTable` is the `AWS::DynamoDB::Table` the SAM transform makes of it: its
/// `SSESpecification` and `PointInTimeRecoverySpecification` are "passed directly" to the table's
/// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html), so
/// it is judged as that table — it passed unjudged. A SimpleTable without an `SSESpecification` of its own takes the
/// template's `Globals.SimpleTable.SSESpecification`, as the SAM transform gives it
/// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html:
/// SimpleTable's supported global is `SSESpecification`); one of its own is merged over it by SAM, and judged alone
/// here.
enum DynamoDBMapper: ResourceMapper {
    static let types = ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let sse = sseSpecification(context)
        let enabled = sse.child("SSEEnabled")
        let isTable = context.resource.type != "AWS::DynamoDB::GlobalTable"
        let keys = isTable
            ? [sse.child("KMSMasterKeyId")]
            : properties.child("Replicas").items().map { $0.child("SSESpecification", "KMSMasterKeyId") }
        // Where the key belongs when none is named: the table's key property, or the global table's switch.
        var origin = isTable ? keys[0].origin : enabled.origin
        var kmsKey: Located<Fact<String>>?
        var keyNote: String?
        switch enabled.bool(worse: false, absentMeans: false)?.value {
        case .known(true)?:
            let read = keys.map { ($0.origin, KMSKeyProperty.read($0, context: context, into: &deployment)) }
            if let worst = read.min(by: { rank($0.1) < rank($1.1) }) { (origin, kmsKey) = worst }
        case .unknown(let reason)?:
            kmsKey = Located(.unknown(reason: reason), at: enabled.origin)
        case .known(false)?, nil:
            kmsKey = nil  // an AWS owned key
            // A key named beside a switch not on is ignored: the switch is what to change when stated.
            if isTable, !keys[0].isAbsent {
                keyNote = DynamoDBOwnedKey.keyIgnored(flag: "SSESpecification.SSEEnabled", stated: !enabled.isAbsent,
                                                      key: "SSESpecification.KMSMasterKeyId")
                if !enabled.isAbsent { origin = enabled.origin }
            }
        }
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: origin))
        store.encryption.keyNote = keyNote
        store.encryption.atRest = Located(.known(true), at: origin)
        store.encryption.kmsKey = kmsKey
        store.backupRetentionDays = isTable
            ? recovery(properties.child("PointInTimeRecoverySpecification"))
            : worst(properties.child("Replicas").items().map { recovery($0.child("PointInTimeRecoverySpecification")) })
        deployment.dataStores.append(store)
    }

    /// The table's `SSESpecification`, or for a SAM SimpleTable without one, the template's global one.
    private static func sseSpecification(_ context: ResourceContext) -> PropertyValue {
        let own = context.properties.child("SSESpecification")
        guard context.resource.type == "AWS::Serverless::SimpleTable", own.isAbsent,
              let global = context.template.root["Globals"]?["SimpleTable"]?["SSESpecification"] else { return own }
        return PropertyValue(path: "Globals.SimpleTable.SSESpecification", offset: global.offset,
                             alternatives: context.resolver.resolve(global), resolver: context.resolver)
    }

    /// How many days a table can be restored back: `RecoveryPeriodInDays` (not set: 35) when
    /// `PointInTimeRecoveryEnabled` is true in every case, 0 when it is false or not set in any (a condition's branch
    /// that leaves it out is off).
    static func recovery(_ specification: PropertyValue) -> StoreSetting<Int> {
        let enabled = specification.child("PointInTimeRecoveryEnabled")
        switch enabled.bool(worse: false, absentMeans: false)?.value {
        case .known(true)?:
            return specification.child("RecoveryPeriodInDays")
                .days(absent: DynamoDBRecovery.defaultDays, absentNote: DynamoDBRecovery.periodUnset("RecoveryPeriodInDays"))
        case .unknown(let reason)?:
            return StoreSetting(.unknown(reason: reason), at: enabled.origin)
        case .known(false)?, nil:
            let note = enabled.isAbsent
                ? DynamoDBRecovery.unset("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")
                : enabled.worstCaseNote(worse: false, absentMeans: false).map { "point-in-time recovery is off: \($0)" }
                    ?? DynamoDBRecovery.statedOff("PointInTimeRecoveryEnabled")
            return StoreSetting(.known(0), at: enabled.origin, note: note)
        }
    }

    /// The worst replica's: one that is off, else one not known, else the shortest period; `nil` without replicas.
    private static func worst(_ replicas: [StoreSetting<Int>]) -> StoreSetting<Int>? {
        replicas.first { $0.value == .known(0) }
            ?? replicas.first { $0.value.known == nil }
            ?? replicas.min { ($0.value.known ?? 0) < ($1.value.known ?? 0) }
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
