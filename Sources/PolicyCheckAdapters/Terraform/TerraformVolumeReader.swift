import PolicyCheckModel

/// Reads the EBS volumes an `aws_instance`, `aws_launch_configuration` or `aws_launch_template` attaches: one volume
/// data store per device, named by the resource's address, with the device's place in the plan as its origin.
struct TerraformVolumeReader {
    let input: any TerraformResourceGraph
    /// The plan's keys by identifier, built once per plan and shared by the readers that resolve key references.
    let keys: TerraformKeyReference

    func read(into deployment: inout Deployment) {
        for resource in input.resources(ofType: ["aws_instance", "aws_launch_configuration", "aws_launch_template"]) {
            // A launch configuration states its volumes as an instance does (`root_block_device`, `ebs_block_device`).
            if resource.type != "aws_launch_template" {
                readInstance(resource, into: &deployment)
            } else {
                for mapping in resource["block_device_mappings"].items where !mapping.child("ebs").items.isEmpty {
                    deployment.dataStores.append(volume(mapping.child("ebs").child(0), device: mapping, of: resource,
                                                        into: &deployment))
                }
            }
        }
    }

    /// An instance (or a launch configuration's instance) always has a root volume: without a `root_block_device` block its encryption is left to the
    /// account's EBS default, which the plan does not state.
    private func readInstance(_ instance: TerraformResource, into deployment: inout Deployment) {
        let root = instance["root_block_device"]
        if let device = root.items.first {
            deployment.dataStores.append(volume(device, device: device, of: instance, into: &deployment))
        } else {
            var store = DataStore(kind: .volume, component: instance.address, origin: root.fieldOrigin,
                                  encryption: Encryption(origin: root.fieldOrigin))
            if root.isUnknown && !root.isProviderDefault {
                store.encryption.atRest = Located(.unknown(reason: root.unknownReason), at: root.origin)
            } else if instance.type == "aws_instance", !instance["launch_template"].items.isEmpty {
                // Its volumes are the launch template's, judged there, or the AMI's.
                let template = instance["launch_template"]
                let reason = EncryptedElsewhere.launchTemplateRoot
                store.encryption.atRest = Located(.unknown(reason: reason), at: template.origin)
                store.encryption.kmsKey = Located(.unknown(reason: reason), at: template.origin)
            }
            deployment.dataStores.append(store)
        }
        for device in instance["ebs_block_device"].items {
            deployment.dataStores.append(volume(device, device: device, of: instance, into: &deployment))
        }
    }

    /// One device: `encrypted` and `kms_key_id` in `settings`, located at `device`. A volume made from a snapshot
    /// without an `encrypted` flag inherits the snapshot's encryption, which the plan cannot tell.
    private func volume(_ settings: TerraformAttribute, device: TerraformAttribute, of resource: TerraformResource,
                        into deployment: inout Deployment) -> DataStore {
        let flag = settings.child("encrypted")
        var store = DataStore(kind: .volume, component: resource.address, origin: device.origin,
                              encryption: Encryption(origin: flag.fieldOrigin))
        let key = settings.child("kms_key_id")
        store.encryption.atRest = flag.bool()
        store.encryption.kmsKey = keys.kmsKey(key, of: resource, into: &deployment)
        if store.encryption.atRest == nil, let snapshot = settings.child("snapshot_id").knownString {
            let inherited = Fact<Bool>.unknown(reason: "inherited from snapshot '\(snapshot)'")
            store.encryption.atRest = Located(inherited, at: flag.fieldOrigin)
            if store.encryption.kmsKey == nil {
                store.encryption.kmsKey = Located(.unknown(reason: "inherited from snapshot '\(snapshot)'"), at: key.fieldOrigin)
            }
        }
        return store
    }
}

extension TerraformVolumeReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
