import PolicyCheckModel

/// `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain` become database stores, as Terraform's
/// `aws_opensearch_domain` and `aws_elasticsearch_domain` do: `EncryptionAtRestOptions.Enabled` (not set: not
/// declared) and `EncryptionAtRestOptions.KmsKeyId` (not set: the AWS-managed `aws/es` key)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-encryptionatrestoptions.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticsearch-domain-encryptionatrestoptions.html);
/// `DomainEndpointOptions.EnforceHTTPS`, `NodeToNodeEncryptionOptions.Enabled` and
/// `DomainEndpointOptions.TLSSecurityPolicy` for MMC-ENC-003.
enum SearchDomainMapper: ResourceMapper {
    static let types = ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let options = context.properties.child("EncryptionAtRestOptions")
        SwitchedStore.map(context, kind: .database, flag: options.child("Enabled"), key: options.child("KmsKeyId"),
                          into: &deployment)
        // HTTPS: `DomainEndpointOptions.EnforceHTTPS` ("True to require that all traffic to the domain arrive over
        // HTTPS", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-domainendpointoptions.html).
        // False (or a branch of it) accepts plain HTTP; not set (or a branch without it) cannot be verified, as AWS
        // documents no default (`SearchDomainDefaults.httpsUnset`). Between nodes:
        // `NodeToNodeEncryptionOptions.Enabled`, off when not set (`SearchDomainDefaults`). Both must hold.
        let index = deployment.dataStores.count - 1
        deployment.dataStores[index].storageType = Located(DataStore.searchDomainStorageType, at: context.modelOrigin)
        let enforce = context.properties.child("DomainEndpointOptions", "EnforceHTTPS")
        let https = enforce.bool(worse: false).map { stated in
            StoreSetting(stated, note: stated.value.known == false ? "EnforceHTTPS is false" : nil)
        }
        let unset = enforce.possibleValues.contains(where: \.isAbsent)
            ? StoreSetting<Bool>(.unknown(reason: SearchDomainDefaults.httpsUnset("DomainEndpointOptions.EnforceHTTPS")),
                                 at: enforce.origin)
            : nil
        deployment.dataStores[index].transitEncryption = StoreSetting.worst([https, unset, nodeToNode(context.properties)])
        // The oldest TLS version: `DomainEndpointOptions.TLSSecurityPolicy` where stated, at its worst (the TLS 1.0
        // policy in any branch); not stated is not judged (`SearchDomainDefaults`).
        let policy = context.properties.child("DomainEndpointOptions", "TLSSecurityPolicy")
        deployment.dataStores[index].transitTLSMinimum = policy
            .string(worst: { $0 == SearchDomainDefaults.tls10Policy ? 1 : 0 }, dominates: { $0 == SearchDomainDefaults.tls10Policy })
            .map { stated in
                switch stated.value {
                case .known(let text):
                    var setting = SearchDomainDefaults.tlsPolicy(text, name: "DomainEndpointOptions.TLSSecurityPolicy", at: stated.origin)
                    if setting.value == .known(false), policy.possibleValues.contains(where: { $0.scalarText != text }) {
                        setting.note = policy.worstCaseNote(worst: text)
                    }
                    return setting
                case .unknown(let reason):
                    return StoreSetting(.unknown(reason: reason), at: stated.origin)
                }
            }
        deployment.dataStores[index].publicAccess = publicEndpoint(context.properties)
    }

    /// Whether the domain has a public endpoint: it has one unless `VPCOptions` places it in a VPC
    /// (`SearchDomainDefaults`), judged at its worst — a branch that leaves `VPCOptions` out is public.
    static func publicEndpoint(_ properties: PropertyValue) -> Located<Fact<Bool>> {
        let vpc = properties.child("VPCOptions")
        var unknown: Fact<Bool>?
        for alternative in vpc.possibleValues {
            switch alternative {
            case .absent: return Located(.known(true), at: vpc.origin)
            case .mapping: continue
            default: unknown = unknown ?? .unknown(reason: alternative.unknownReason(expected: "a mapping"))
            }
        }
        return Located(unknown ?? .known(false), at: vpc.origin)
    }

    /// Whether the domain's nodes encrypt what they send each other, judged at its worst: a branch that leaves
    /// `Enabled` out is off.
    static func nodeToNode(_ properties: PropertyValue) -> StoreSetting<Bool> {
        let enabled = properties.child("NodeToNodeEncryptionOptions", "Enabled")
        let name = "NodeToNodeEncryptionOptions.Enabled"
        guard !enabled.isAbsent, let stated = enabled.bool(worse: false, absentMeans: false) else {
            return StoreSetting(.known(false), at: enabled.origin, note: SearchDomainDefaults.nodeToNodeUnset(name))
        }
        guard stated.value == .known(false) else { return StoreSetting(stated) }
        return StoreSetting(stated, note: enabled.worstCaseNote(worse: false, absentMeans: false)
            ?? SearchDomainDefaults.nodeToNodeOff(name))
    }
}
