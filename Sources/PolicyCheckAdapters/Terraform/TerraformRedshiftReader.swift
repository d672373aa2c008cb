import PolicyCheckModel
import PolicyCheckSyntax

/// Reads Amazon Redshift: `aws_redshift_cluster` and `aws_redshiftserverless_namespace` become database stores, as
/// CloudFormation's clusters and namespaces do (`RedshiftMapper`).
///
/// A provisioned cluster is judged on `encrypted`, `kms_key_id` and `publicly_accessible` as the plan holds them: the
/// provider fills both flags in (before AWS provider 6.0, `encrypted` false and `publicly_accessible` true; from
/// 6.0, true and false, following AWS's defaults since January 2025: "your database is encrypted by default",
/// https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html). A flag not set in source is
/// the provider's default, which depends on the provider version source does not pin: cannot be verified, never a
/// silent pass. TLS is the `require_ssl` parameter of the `aws_redshift_parameter_group` that
/// `cluster_parameter_group_name` names (by reference, else by name): only a value the group states is judged.
///
/// A serverless namespace is always encrypted: "Amazon Redshift Serverless uses AWS KMS key encryption automatically"
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-workgroups-and-namespaces-rotate-kms-key.html);
/// `kms_key_id` names its key.
struct TerraformRedshiftReader {
    let input: any TerraformResourceGraph
    /// The plan's keys by identifier, built once per plan and shared by the readers that resolve key references.
    let keys: TerraformKeyReference

    static let types: Set<String> = ["aws_redshift_cluster", "aws_redshiftserverless_namespace"]
    static let parameterGroupType = "aws_redshift_parameter_group"

    /// Why a flag not set in source cannot be verified: the provider's default for it changed in 6.0.
    static func providerDefault(_ attribute: String, before: String, from: String) -> String {
        "\(attribute) is not set, and the AWS provider then makes it \(before) before version 6.0 and \(from) from 6.0"
    }

    func read(into deployment: inout Deployment) {
        let clusters = input.resources(ofType: Self.types)
        guard !clusters.isEmpty else { return }
        var groupsByName: [String: TerraformResource] = [:]
        for group in input.resources(ofType: [Self.parameterGroupType]) {
            if let name = group["name"].knownString?.lowercased(), groupsByName[name] == nil { groupsByName[name] = group }
        }
        for resource in clusters {
            let key = resource["kms_key_id"]
            let flag = resource["encrypted"]
            let isCluster = resource.type == "aws_redshift_cluster"
            var store = DataStore(kind: .database, component: resource.address, origin: resource.rawOrigin,
                                  encryption: Encryption(origin: (isCluster ? flag : key).fieldOrigin))
            store.rawNode = resource.valuesNode
            store.replacedAt = resource.replacedAt
            store.encryption.kmsKey = keys.kmsKey(key, of: resource, into: &deployment)
            guard isCluster else {
                store.encryption.atRest = Located(.known(true), at: key.origin)
                deployment.dataStores.append(store)
                continue
            }
            store.storageType = Located(DataStore.redshiftStorageType, at: resource.rawOrigin)
            store.encryption.atRest = flag.bool() ?? Located(
                .unknown(reason: Self.providerDefault("encrypted", before: "false", from: "true")), at: flag.fieldOrigin)
            let access = resource["publicly_accessible"]
            store.publicAccess = access.bool() ?? Located(
                .unknown(reason: Self.providerDefault("publicly_accessible", before: "true", from: "false")),
                at: access.fieldOrigin)
            store.transitEncryption = requireSSL(of: resource, groupsByName: groupsByName)
            deployment.dataStores.append(store)
        }
    }

    /// `require_ssl` as the cluster's parameter group states it; `nil` when the group is not in the input or does not
    /// state it (the default group's value is not judged).
    private func requireSSL(of cluster: TerraformResource, groupsByName: [String: TerraformResource]) -> StoreSetting<Bool>? {
        let name = cluster["cluster_parameter_group_name"]
        guard let group = input.referenced(by: name, of: cluster, types: [Self.parameterGroupType])
                ?? name.knownString.flatMap({ groupsByName[$0.lowercased()] }) else { return nil }
        for parameter in group["parameter"].items where parameter.child("name").knownString?.lowercased() == "require_ssl" {
            let value = parameter.child("value")
            if let text = value.knownString {
                let on = text.lowercased() == "true"
                return StoreSetting(.known(on), at: value.origin,
                                    note: on ? nil : "require_ssl is '\(Excerpt.quote(text))' in \(group.address)")
            }
            if value.isUnknown { return StoreSetting(.unknown(reason: value.unknownReason), at: value.origin) }
        }
        return nil
    }
}

extension TerraformRedshiftReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
