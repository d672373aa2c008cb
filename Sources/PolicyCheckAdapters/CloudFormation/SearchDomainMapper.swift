import PolicyCheckModel

/// `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain` become database stores, as Terraform's
/// `aws_opensearch_domain` and `aws_elasticsearch_domain` do: `EncryptionAtRestOptions.Enabled` (not set: not
/// declared) and `EncryptionAtRestOptions.KmsKeyId` (not set: the AWS-managed `aws/es` key)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-encryptionatrestoptions.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticsearch-domain-encryptionatrestoptions.html).
enum SearchDomainMapper: ResourceMapper {
    static let types = ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let options = context.properties.child("EncryptionAtRestOptions")
        SwitchedStore.map(context, kind: .database, flag: options.child("Enabled"), key: options.child("KmsKeyId"),
                          into: &deployment)
        // HTTPS: `DomainEndpointOptions.EnforceHTTPS` ("True to require that all traffic to the domain arrive over
        // HTTPS", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-domainendpointoptions.html).
        // Only a stated value is judged: false (or a branch of it) accepts plain HTTP.
        let index = deployment.dataStores.count - 1
        deployment.dataStores[index].storageType = Located(DataStore.searchDomainStorageType, at: context.modelOrigin)
        let https = context.properties.child("DomainEndpointOptions", "EnforceHTTPS")
        if let stated = https.bool(worse: false) {
            deployment.dataStores[index].transitEncryption = StoreSetting(stated, note: stated.value.known == false ? "EnforceHTTPS is false" : nil)
        }
    }
}
