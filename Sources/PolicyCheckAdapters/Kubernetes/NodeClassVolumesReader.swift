import PolicyCheckModel
import PolicyCheckSyntax

/// The volumes of the nodes Karpenter launches for an `EC2NodeClass` (`karpenter.k8s.aws`): each mapping of
/// `spec.blockDeviceMappings` is a volume every node gets, encrypted at rest as its `ebs.encrypted` says, under its
/// `ebs.kmsKeyID`. Karpenter writes the mappings into the node's launch template as given
/// (https://karpenter.sh/docs/concepts/nodeclasses/#specblockdevicemappings), so a mapping that leaves `encrypted` out
/// is left to EC2, where the snapshot and the account's EBS encryption by default decide it — which the manifest
/// does not show. Without mappings Karpenter uses its AMI family's defaults, which are encrypted; those are not
/// recorded — except the `Custom` family's, which are none: "The `Custom` AMIFamily ships without any default
/// `blockDeviceMappings`" (https://karpenter.sh/docs/concepts/nodeclasses/#custom), so EC2 launches the nodes with
/// the AMI's own mappings ("By default, the block devices specified in the block device mapping for the AMI are
/// used", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html), whose snapshots
/// and the account's EBS encryption by default decide encryption. That is one volume the manifest does not
/// declare, named at `spec.blockDeviceMappings`, as an instance without a root mapping is.
struct NodeClassVolumesReader {
    static let group = "karpenter.k8s.aws"
    static let undeclared = "the mapping does not say encrypted, so the snapshot and the account's EBS encryption by default decide it"
    static let customFamilyUndeclared = "the Custom AMI family has no default block device mappings and the class gives none, so the AMI's own mappings, their snapshots and the account's EBS encryption by default decide it"

    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec else { return }
        let component = "EC2NodeClass/\(object.name)"
        let mappings = spec.forEachItem("blockDeviceMappings") { mapping, path in
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
        // Karpenter falls back to the family's defaults when the list is absent or empty; `spec.amiFamily` wins
        // over an `alias` in amiSelectorTerms, and the family names are case-sensitive enum values.
        // The finding names `spec.blockDeviceMappings`, where encryption would be stated, at the empty list or, when
        // there is none, at the family that leaves the volumes to the AMI.
        if (mappings ?? 0) == 0, let family = spec.string("amiFamily"), family.value == "Custom" {
            let place = Origin(offset: spec.field("blockDeviceMappings")?.offset ?? family.origin.offset,
                               path: spec.childPath("blockDeviceMappings"))
            var encryption = Encryption(origin: place)
            encryption.undeclared = Self.customFamilyUndeclared
            deployment.dataStores.append(DataStore(kind: .volume, component: component, origin: place,
                                                   encryption: encryption))
        }
    }
}
