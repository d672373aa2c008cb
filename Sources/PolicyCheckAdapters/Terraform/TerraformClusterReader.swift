import PolicyCheckModel

/// Reads `aws_eks_cluster`: Kubernetes secrets as a data store (envelope-encrypted with a KMS key only when
/// `encryption_config` covers `secrets`), and the public API endpoint's `public_access_cidrs` as an allowlist; and
/// `aws_eks_node_group`'s `remote_access`, the SSH port EKS opens to everyone without source security groups
/// (`NodeGroupRemoteAccess`).
struct TerraformClusterReader {
    /// What AWS allows when the endpoint is public and no CIDRs are given.
    static let defaultPublicAccessCIDR = "0.0.0.0/0"

    let input: any TerraformResourceGraph
    /// The plan's keys by identifier, built once per plan and shared by the readers that resolve key references.
    let keys: TerraformKeyReference

    func read(into deployment: inout Deployment) {
        for cluster in input.resources(ofType: ["aws_eks_cluster"]) {
            readSecrets(cluster, into: &deployment)
            readEndpoint(cluster, into: &deployment)
        }
        for group in input.resources(ofType: ["aws_eks_node_group"]) {
            readRemoteAccess(group, into: &deployment)
        }
    }

    // MARK: - Node groups' remote access

    private func readRemoteAccess(_ group: TerraformResource, into deployment: inout Deployment) {
        let access = group["remote_access"]
        guard let block = access.items.first else {
            if access.isUnknown, !access.isProviderDefault {
                deployment.allowlists.append(NodeGroupRemoteAccess.allowlist(
                    component: group.address, at: access.origin, isWindows: false, unknown: access.unknownReason))
            }
            return
        }
        let key = block.child("ec2_ssh_key")
        let groups = block.child("source_security_group_ids")
        let isWindows = NodeGroupRemoteAccess.isWindows(amiType: group["ami_type"].knownString)
        let keyUnknown = key.isUnknown && !key.isProviderDefault
        guard keyUnknown || key.knownString?.isEmpty == false else { return }
        let groupsUnknown = groups.isUnknown && !groups.isProviderDefault
        guard groupsUnknown || groups.items.isEmpty else { return }
        let reason = keyUnknown ? "ec2_ssh_key is known only after apply (\(key.unknownReason)), and with a key and no source security groups EKS opens the port to everyone"
            : groupsUnknown ? "source_security_group_ids is known only after apply (\(groups.unknownReason)); without source groups EKS opens the port to everyone" : nil
        deployment.allowlists.append(NodeGroupRemoteAccess.allowlist(
            component: group.address, at: keyUnknown || !groupsUnknown ? key.origin : groups.origin,
            isWindows: isWindows, unknown: reason))
    }

    // MARK: - Secrets

    /// Without an `encryption_config` for `secrets`, EKS envelope-encrypts them with an AWS owned key on Kubernetes
    /// 1.28 and later (`EKSDefaultEncryption`): encrypted at rest, with no customer key; an older `version` leaves
    /// encryption at rest unstated.
    private func readSecrets(_ cluster: TerraformResource, into deployment: inout Deployment) {
        let configs = cluster["encryption_config"]
        var store = DataStore(kind: .secrets, component: cluster.address, origin: cluster.origin,
                              encryption: Encryption(origin: configs.fieldOrigin))
        if configs.isUnknown && !configs.isProviderDefault {
            // The whole block, key included, is known only after apply.
            store.encryption.atRest = Located(.unknown(reason: configs.unknownReason), at: configs.origin)
            store.encryption.kmsKey = Located(.unknown(reason: configs.unknownReason), at: configs.origin)
        } else if let config = configs.items.first(where: { covers($0.child("resources"), "secrets") })
                    ?? configs.items.first(where: { $0.child("resources").isUnknown }) {
            let resources = config.child("resources")
            let key = config.child("provider").child(0).child("key_arn")
            store.encryption.atRest = resources.isUnknown
                ? Located(.unknown(reason: resources.unknownReason), at: resources.origin)
                : Located(.known(true), at: resources.origin)
            store.encryption.kmsKey = keys.kmsKey(key, of: cluster, into: &deployment)
        } else {
            let version = cluster["version"]
            EKSDefaultEncryption.apply(version: version.knownString,
                                       at: version.node == nil ? configs.fieldOrigin : version.origin, to: &store)
        }
        deployment.dataStores.append(store)
    }

    /// Whether a list attribute holds a value.
    private func covers(_ list: TerraformAttribute, _ value: String) -> Bool {
        list.items.contains { $0.knownString == value }
    }

    // MARK: - Public endpoint

    /// The endpoint is public unless `endpoint_public_access` is false (AWS's default is public); a public endpoint
    /// without `public_access_cidrs` admits `0.0.0.0/0`. A private-only endpoint has no internet allowlist.
    private func readEndpoint(_ cluster: TerraformResource, into deployment: inout Deployment) {
        let vpc = cluster["vpc_config"].child(0)
        let publicFlag = vpc.child("endpoint_public_access")
        if publicFlag.bool()?.value.known == false { return }
        let cidrs = vpc.child("public_access_cidrs")
        var allowlist = Allowlist(kind: .endpointPublicAccess, component: cluster.address, origin: cidrs.fieldOrigin,
                                  internetFacing: true, hasDescriptionField: false)
        let values = cidrs.node?.items != nil || (cidrs.unknown?.items != nil) ? cidrs.items : [cidrs]
        for value in values {
            guard let cidr = value.string(), cidr.value.known?.isEmpty != true else { continue }
            allowlist.entries.append(AllowlistEntry(cidr: cidr, description: nil, enabled: true, origin: value.origin))
        }
        if allowlist.entries.isEmpty {
            // Not set (or left to the provider): AWS opens the public endpoint to everyone.
            let origin = cidrs.fieldOrigin
            allowlist.entries = [AllowlistEntry(cidr: Located(.known(Self.defaultPublicAccessCIDR), at: origin),
                                                description: nil, enabled: true, origin: origin)]
        }
        deployment.allowlists.append(allowlist)
    }
}

extension TerraformClusterReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
