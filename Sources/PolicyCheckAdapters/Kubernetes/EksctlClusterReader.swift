import PolicyCheckModel
import PolicyCheckSyntax

/// eksctl's `ClusterConfig` (`eksctl.io/v1alpha5`): not applied to Kubernetes but turned by `eksctl create cluster`
/// into the CloudFormation of an EKS cluster, read as `AWS::EKS::Cluster` is (`ClusterMapper`): its region, its
/// Kubernetes secrets as a `secrets` store, its public API endpoint as an allowlist.
///
/// - `metadata.region` is the cluster's region (required by eksctl).
/// - eksctl's defaults (`pkg/apis/eksctl.io/v1alpha5/defaults.go`, `SetClusterEndpointAccessDefaults`) make the
///   endpoint public and not private; `vpc.publicAccessCIDRs` goes to `PublicAccessCidrs` as given
///   (`pkg/cfn/builder/cluster.go`), and EKS admits `0.0.0.0/0` when it is empty
///   (https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html).
/// - `secretsEncryption.keyARN` envelope-encrypts the secrets with that key; without it EKS encrypts them with an
///   AWS owned key from Kubernetes 1.28 (`EKSDefaultEncryption`), and eksctl's default version is later than that.
///
/// Node groups' SSH access is read (`readSSH`); their volumes, Fargate profiles and add-ons are not
/// (docs/kubernetes.md).
struct EksctlClusterReader {
    static let apiGroup = "eksctl.io"
    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        let root = object.root
        let component = "ClusterConfig/\(object.name)"
        let metadata = root.object("metadata")
        if let region = metadata?.string("region") {
            deployment.regions.append(RegionReference(region.value, at: region.origin, component: component,
                                                      role: "cluster region (metadata.region)"))
        }
        readSecrets(root, version: metadata?.string("version"), component: component, into: &deployment)
        readEndpoint(root.object("vpc"), component: component, into: &deployment)
        for key in ["nodeGroups", "managedNodeGroups"] {
            _ = root.forEachItem(key) { node, path in
                guard let group = root.reader.object(node, path: path) else { return }
                readSSH(group, component: component, into: &deployment)
            }
        }
    }

    /// A node group's `ssh`: allowed when `allow: true`, or when a key is given (`publicKeyName`, `publicKeyPath`,
    /// `publicKey`) and `allow` is not false (`setSSHDefaults`); then, without `sourceSecurityGroupIds`, eksctl
    /// opens port 22 to the VPC's CIDR with `privateNetworking: true`, else to `0.0.0.0/0` and `::/0`
    /// (`pkg/cfn/builder/managed_launch_template.go`, `makeSSHIngressRules`, for managed and unmanaged groups).
    private func readSSH(_ group: ObjectView, component: String, into deployment: inout Deployment) {
        guard let ssh = group.object("ssh") else { return }
        let allow = ssh.bool("allow")
        let key = ["publicKeyName", "publicKeyPath", "publicKey"].first(where: ssh.has)
        guard let origin = allow?.value == true ? allow?.origin : allow?.value != false ? key.map(ssh.origin(of:)) : nil
        else { return }
        guard ssh.strings("sourceSecurityGroupIds").isEmpty, group.bool("privateNetworking")?.value != true else { return }
        let name = group.string("name")?.value ?? "?"
        var list = Allowlist(kind: .securityGroupIngress, component: "\(component)/nodeGroup/\(name)", origin: origin,
                             internetFacing: true, hasDescriptionField: false)
        for cidr in ["0.0.0.0/0", "::/0"] {
            list.entries.append(AllowlistEntry(cidr: Located(.known(cidr), at: origin), description: nil, enabled: true,
                                               origin: origin, ports: PortRange(22, 22), ipProtocol: .tcp))
        }
        deployment.allowlists.append(list)
    }

    private func readSecrets(_ root: ObjectView, version: Located<String>?, component: String,
                             into deployment: inout Deployment) {
        let key = root.object("secretsEncryption")?.string("keyARN").flatMap { $0.value.isEmpty ? nil : $0 }
        let origin = key?.origin ?? Origin(offset: root.node.offset, path: root.childPath("secretsEncryption"))
        var store = DataStore(kind: .secrets, component: component, origin: origin, encryption: Encryption(origin: origin))
        if let key {
            store.encryption.atRest = Located(.known(true), at: key.origin)
            store.encryption.kmsKey = Located(.known(key.value), at: key.origin)
        } else {
            EKSDefaultEncryption.apply(version: version?.value, at: version?.origin ?? origin, to: &store)
        }
        deployment.dataStores.append(store)
    }

    /// A fully private cluster (`privateCluster.enabled`) has its public endpoint turned off by eksctl once it is
    /// created, and a control plane on Outposts has only a private one (`pkg/ctl/create/cluster.go`,
    /// `pkg/ctl/cmdutils/configfile.go`): eksctl refuses `clusterEndpoints` in either, so the file cannot say it.
    private func readEndpoint(_ vpc: ObjectView?, component: String, into deployment: inout Deployment) {
        let root = object.root
        if root.object("privateCluster")?.bool("enabled")?.value == true { return }
        if let outpost = root.object("outpost")?.string("controlPlaneOutpostARN"), !outpost.value.isEmpty { return }
        let endpoints = vpc?.object("clusterEndpoints")
        if endpoints?.bool("publicAccess")?.value == false { return }
        let cidrs = vpc?.strings("publicAccessCIDRs") ?? []
        let origin = vpc.map { $0.origin(of: "publicAccessCIDRs") }
            ?? Origin(offset: object.root.node.offset, path: object.root.childPath("vpc.publicAccessCIDRs"))
        var list = Allowlist(kind: .endpointPublicAccess, component: component, origin: origin, internetFacing: true,
                             hasDescriptionField: false)
        if cidrs.isEmpty {
            list.entries.append(AllowlistEntry(cidr: Located(.known("0.0.0.0/0"), at: origin), description: nil,
                                               enabled: true, origin: origin))
        }
        for cidr in cidrs {
            list.entries.append(AllowlistEntry(cidr: Located(.known(cidr.value), at: cidr.origin), description: nil,
                                               enabled: true, origin: cidr.origin))
        }
        deployment.allowlists.append(list)
    }
}
