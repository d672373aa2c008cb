import PolicyCheckModel

/// `AWS::MSK::Cluster` becomes a data stream store, as Terraform's `aws_msk_cluster` does.
///
/// "Amazon MSK always encrypts your data at rest", with the key in
/// `EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId` or else an AWS managed key; in transit, clients and brokers
/// speak TLS only (`EncryptionInfo.EncryptionInTransit.ClientBroker` `TLS`, the default) unless `TLS_PLAINTEXT` or
/// `PLAINTEXT` lets plaintext in, and brokers encrypt between themselves unless `InCluster` is false
/// (https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html). Either way in plaintext is MMC-ENC-003.
/// `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type` `SERVICE_PROVIDED_EIPS` makes the brokers reachable from
/// the internet (`DISABLED`, the default, does not)
/// (https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html).
enum KafkaClusterMapper: ResourceMapper {
    static let types = ["AWS::MSK::Cluster"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let encryption = properties.child("EncryptionInfo")
        let key = encryption.child("EncryptionAtRest", "DataVolumeKMSKeyId")
        var store = SwitchedStore.alwaysEncrypted(context, kind: .stream, key: key, into: &deployment)
        store.storageType = Located(DataStore.kafkaStorageType, at: context.modelOrigin)
        let transit = encryption.child("EncryptionInTransit")
        let inCluster = transit.child("InCluster")
        store.transitEncryption = StoreSetting<Bool>.worst([
            transit.child("ClientBroker").choice(on: ["TLS"], absent: "TLS"),
            inCluster.bool(worse: false, absentMeans: true).map { stated in
                StoreSetting(stated, note: stated.value.known == false ? "InCluster is false: brokers replicate in plaintext" : nil)
            },
        ])
        let access = properties.child("BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type")
        if !access.isAbsent, let privateOnly = access.choice(on: ["DISABLED"], absent: "DISABLED") {
            switch privateOnly.value {
            case .known(let isPrivate): store.publicAccess = Located(.known(!isPrivate), at: privateOnly.origin)
            case .unknown(let reason): store.publicAccess = Located(.unknown(reason: reason), at: privateOnly.origin)
            }
        }
        deployment.dataStores.append(store)
    }
}
