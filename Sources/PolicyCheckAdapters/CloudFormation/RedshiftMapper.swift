import PolicyCheckModel
import PolicyCheckSyntax

/// `AWS::Redshift::Cluster` and `AWS::RedshiftServerless::Namespace` become database stores, as Terraform's
/// `aws_redshift_cluster` and `aws_redshiftserverless_namespace` do.
///
/// A provisioned cluster: `Encrypted` stated false (in any branch) is off. Not set, AWS encrypts it — "your database
/// is encrypted by default", with an AWS owned key unless a customer managed one is named
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html) — unless the cluster is
/// restored from a snapshot (`SnapshotIdentifier`, `SnapshotArn`), whose encryption it inherits: cannot be verified.
/// `KmsKeyId` names the key, `PubliclyAccessible` says whether it is reachable from the internet (not set: not
/// judged), and TLS is the `require_ssl` parameter of the `AWS::Redshift::ClusterParameterGroup` that
/// `ClusterParameterGroupName` names (by `Ref` or by name): only a value the group states is judged, since AWS's
/// default for clusters on the default group changed with the security defaults of January 2025 and no AWS page we
/// can cite states it (docs/cloudformation.md).
///
/// A serverless namespace is always encrypted: "Amazon Redshift Serverless uses AWS KMS key encryption automatically
/// to encrypt both your Amazon Redshift Serverless resources and snapshots"
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-workgroups-and-namespaces-rotate-kms-key.html);
/// `KmsKeyId` names its key.
enum RedshiftMapper: ResourceMapper {
    static let types = ["AWS::Redshift::Cluster", "AWS::RedshiftServerless::Namespace"]

    /// Properties that restore the cluster from a snapshot, whose encryption it inherits when `Encrypted` is not set.
    static let inheritedFrom = ["SnapshotIdentifier", "SnapshotArn"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        let key = properties.child("KmsKeyId")
        guard context.resource.type == "AWS::Redshift::Cluster" else {
            let namespace = SwitchedStore.alwaysEncrypted(context, kind: .database, key: key, into: &deployment)
            deployment.dataStores.append(namespace)
            return
        }
        let encrypted = properties.child("Encrypted")
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: encrypted.origin))
        store.storageType = Located(DataStore.redshiftStorageType, at: context.modelOrigin)
        let (atRest, inherited) = atRest(encrypted, properties: properties)
        store.encryption.atRest = atRest
        store.encryption.kmsKey = KMSKeyProperty.read(key, context: context, into: &deployment)
        if inherited, store.encryption.kmsKey == nil, case .unknown(let reason)? = atRest?.value {
            // Restored from a snapshot without a key of its own: the snapshot's key, as its encryption.
            store.encryption.kmsKey = Located(.unknown(reason: reason), at: key.origin)
        }
        store.publicAccess = properties.child("PubliclyAccessible").bool(worse: true)
        store.transitEncryption = requireSSL(properties.child("ClusterParameterGroupName"), context: context)
        deployment.dataStores.append(store)
    }

    /// Whether the cluster is encrypted, at its worst: a branch that states false is off; a branch that leaves it
    /// out is AWS's default (on), or its snapshot's (unknown) when restored from one — and whether it is that.
    private static func atRest(_ encrypted: PropertyValue, properties: PropertyValue) -> (Located<Fact<Bool>>?, Bool) {
        let inherited = SwitchedStore.inheritedEncryption(properties, from: inheritedFrom)
        if encrypted.isAbsent { return inherited.map { ($0, true) } ?? (Located(.known(true), at: encrypted.origin), false) }
        let stated = encrypted.bool(worse: false, absentMeans: true)
        if let inherited, stated?.value != .known(false), encrypted.alternatives.contains(where: \.isAbsent) {
            return (inherited, true)
        }
        return (stated, false)
    }
}

// MARK: - Parameter group

extension RedshiftMapper {
    /// `require_ssl` as the named groups of the template state it, judged at its worst over the alternatives: a
    /// group that turns it off decides; then one whose value is unknown; `nil` when no group states it (the default
    /// group, a group outside the template, or one that leaves it unset are not judged).
    static func requireSSL(_ groupName: PropertyValue, context: ResourceContext) -> StoreSetting<Bool>? {
        var settings: [StoreSetting<Bool>] = []
        for alternative in groupName.alternatives {
            let logicalID: String?
            switch alternative {
            case .resource(let id, "AWS::Redshift::ClusterParameterGroup", _): logicalID = id
            case .string(let name): logicalID = context.relations?.redshiftParameterGroups[name.lowercased()]
            default: logicalID = nil
            }
            guard let logicalID, let group = context.template.resource(logicalID) else { continue }
            let parameters = ResourceContext(resource: group, template: context.template, resolver: context.resolver)
                .properties.child("Parameters")
            for parameter in parameters.items() where parameter.child("ParameterName").knownText?.lowercased() == "require_ssl" {
                let value = parameter.child("ParameterValue")
                guard let stated = value.string(worst: { $0.lowercased() == "true" ? 0 : 1 }) else { continue }
                switch stated.value {
                case .known(let text):
                    let on = text.lowercased() == "true"
                    settings.append(StoreSetting(.known(on), at: stated.origin,
                                                 note: on ? nil : "require_ssl is '\(Excerpt.quote(text))' in \(logicalID)"))
                case .unknown(let reason):
                    settings.append(StoreSetting(.unknown(reason: reason), at: stated.origin))
                }
            }
        }
        return StoreSetting.worst(settings)
    }
}
