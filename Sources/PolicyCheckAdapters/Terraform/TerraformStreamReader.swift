import PolicyCheckModel

/// Reads data streams: `aws_kinesis_stream`, `aws_msk_cluster` and `aws_mq_broker` become data stream stores, as
/// CloudFormation's streams, MSK clusters and Amazon MQ brokers do (`KinesisStreamMapper`, `KafkaClusterMapper`,
/// `MessageBrokerMapper`).
///
/// A Kinesis stream is encrypted at rest only when `encryption_type` is `KMS` (the provider's default, also when not
/// set in source, is `NONE`), with the key in `kms_key_id`
/// (https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html). "Amazon MSK always encrypts your data at
/// rest", with the key in `encryption_info.encryption_at_rest_kms_key_arn` or else an AWS managed key; clients and
/// brokers speak TLS only unless `encryption_info.encryption_in_transit.client_broker` is `TLS_PLAINTEXT` or
/// `PLAINTEXT` (default `TLS`), and brokers encrypt between themselves unless `in_cluster` is false
/// (https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html).
/// `broker_node_group_info.connectivity_info.public_access.type` `SERVICE_PROVIDED_EIPS` makes the brokers reachable
/// from the internet (https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html).
struct TerraformStreamReader {
    let input: any TerraformResourceGraph
    /// The plan's keys by identifier, built once per plan and shared by the readers that resolve key references.
    let keys: TerraformKeyReference

    static let types: Set<String> = ["aws_kinesis_stream", "aws_msk_cluster", "aws_mq_broker"]

    func read(into deployment: inout Deployment) {
        for resource in input.resources(ofType: Self.types) {
            if resource.type == "aws_mq_broker" {
                deployment.dataStores.append(broker(resource, into: &deployment))
                continue
            }
            let isKinesis = resource.type == "aws_kinesis_stream"
            let encryption = resource["encryption_info"].child(0)
            let key = isKinesis ? resource["kms_key_id"] : encryption.child("encryption_at_rest_kms_key_arn")
            let type = resource["encryption_type"]
            var store = DataStore(kind: .stream, component: resource.address, origin: resource.rawOrigin,
                                  encryption: Encryption(origin: (isKinesis ? type : key).fieldOrigin))
            store.rawNode = resource.valuesNode
            store.replacedAt = resource.replacedAt
            store.encryption.kmsKey = keys.kmsKey(key, of: resource, into: &deployment)
            if isKinesis {
                store.encryption.atRest = type.choice("encryption_type", on: ["KMS"], absent: "NONE")
                    .map { Located($0.value, at: $0.origin) }
            } else {
                readKafka(resource, encryption: encryption, key: key, into: &store)
            }
            deployment.dataStores.append(store)
        }
    }

    /// An Amazon MQ broker: always encrypted at rest, with an AWS owned key unless `encryption_options` name a
    /// customer managed one (`kms_key_id`, with `use_aws_owned_key = false`); reachable from the internet with
    /// `publicly_accessible` (default false). As CloudFormation's (`MessageBrokerMapper`, which cites AWS).
    private func broker(_ resource: TerraformResource, into deployment: inout Deployment) -> DataStore {
        let options = resource["encryption_options"].child(0)
        let key = options.child("kms_key_id")
        var store = DataStore(kind: .stream, component: resource.address, origin: resource.rawOrigin,
                              encryption: Encryption(origin: key.fieldOrigin))
        store.rawNode = resource.valuesNode
        store.replacedAt = resource.replacedAt
        store.storageType = Located(DataStore.messageBrokerStorageType, at: resource.rawOrigin)
        store.encryption.atRest = Located(.known(true), at: key.origin)
        // Without `kms_key_id` the AWS owned key (the provider's default `use_aws_owned_key = true`); AWS refuses
        // a key beside `use_aws_owned_key = true`.
        store.encryption.kmsKey = keys.kmsKey(key, of: resource, into: &deployment)
        if RabbitMQKey.isRabbitMQ(resource["engine_type"].knownString) {
            store.encryption.keyNote = RabbitMQKey.note
        }
        if let access = resource["publicly_accessible"].bool() {
            store.publicAccess = Located(access.value, at: access.origin)
        }
        return store
    }

    /// An MSK cluster: always encrypted at rest; TLS between clients and brokers and between brokers; public access.
    private func readKafka(_ cluster: TerraformResource, encryption: TerraformAttribute, key: TerraformAttribute,
                           into store: inout DataStore) {
        store.storageType = Located(DataStore.kafkaStorageType, at: cluster.rawOrigin)
        store.encryption.atRest = Located(.known(true), at: key.origin)
        let transit = encryption.child("encryption_in_transit").child(0)
        let inCluster = transit.child("in_cluster")
        store.transitEncryption = StoreSetting.worst([
            transit.child("client_broker").choice("client_broker", on: ["TLS"], absent: "TLS"),
            inCluster.bool().map { stated in
                StoreSetting(stated, note: stated.value.known == false ? "in_cluster is false: brokers replicate in plaintext" : nil)
            },
        ])
        let access = cluster["broker_node_group_info"].child(0).child("connectivity_info").child(0)
            .child("public_access").child(0).child("type")
        if let privateOnly = access.choice("public_access.type", on: ["DISABLED"], absent: nil) {
            switch privateOnly.value {
            case .known(let isPrivate): store.publicAccess = Located(.known(!isPrivate), at: privateOnly.origin)
            case .unknown(let reason): store.publicAccess = Located(.unknown(reason: reason), at: privateOnly.origin)
            }
        }
    }
}

extension TerraformStreamReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
