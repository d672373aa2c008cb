import PolicyCheckModel
import PolicyCheckSyntax

/// The volumes of the nodes Karpenter launches for an `EC2NodeClass` (`karpenter.k8s.aws`): each mapping of
/// `spec.blockDeviceMappings` is a volume every node gets, encrypted at rest as its `ebs.encrypted` says, under its
/// `ebs.kmsKeyID`. Karpenter writes the mappings into the node's launch template as given
/// (https://karpenter.sh/docs/concepts/nodeclasses/#specblockdevicemappings), so a mapping that leaves `encrypted` out
/// is left to EC2, where the snapshot and the account's EBS encryption by default decide it — which the manifest
/// does not show. Without mappings Karpenter uses its AMI family's defaults, which are encrypted; those are not
/// recorded.
struct NodeClassVolumesReader {
    static let group = "karpenter.k8s.aws"
    static let undeclared = "the mapping does not say encrypted, so the snapshot and the account's EBS encryption by default decide it"

    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec else { return }
        let component = "EC2NodeClass/\(object.name)"
        _ = spec.forEachItem("blockDeviceMappings") { mapping, path in
            guard let ebs = object.reader.object(mapping, path: path)?.object("ebs") else { return }
            var encryption = Encryption(origin: ebs.origin(of: "encrypted"))
            if let flag = ebs.bool("encrypted") {
                encryption.atRest = Located(.known(flag.value), at: flag.origin)
            } else {
                encryption.undeclared = Self.undeclared
            }
            if let key = ebs.string("kmsKeyID"), !key.value.isEmpty {
                encryption.kmsKey = Located(.known(key.value), at: key.origin)
            }
            deployment.dataStores.append(DataStore(kind: .volume, component: component, origin: ebs.origin,
                                                   encryption: encryption))
        }
    }
}
