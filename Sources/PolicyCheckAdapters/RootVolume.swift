import PolicyCheckModel

/// Whether the block device mappings an instance, a launch configuration or a launch template states cover the root
/// volume that every instance has, on the device its AMI names. Shared by the plan and template readers, which judge
/// the same resources the same way.
///
/// A mapping given at launch overrides the AMI's mapping of the same device; without one, the root volume is restored
/// from the AMI's snapshot and keeps its encryption, unless the account's EBS encryption by default is on in the
/// Region ("a RunInstances action maintains the existing encryption state of an AMI's source snapshots",
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html;
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html;
/// https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html). Neither is in the input.
enum RootVolume {
    /// The device names AMIs give their root volume (`/dev/xvda` on Amazon Linux, `/dev/sda1` on Ubuntu and Windows,
    /// https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html): a mapping of another device leaves the
    /// root volume to the AMI and the account's EBS default, as when no device is mapped.
    static let deviceNames: Set<String> = ["/dev/xvda", "/dev/sda1", "/dev/sda", "xvda", "sda1", "sda"]

    /// What the input's mappings say of the root device.
    enum Mapping {
        /// A mapping with an EBS volume names a root device: that mapping is the root volume, judged as a volume.
        case mapped
        /// A mapping may name it: its device name (or the mappings as a whole) is known only at deployment.
        case unknown(reason: String, at: Origin)
        /// No mapping names it: the AMI and the account's default decide.
        case unmapped

        /// A mapping of the device `name`: the root volume's when it is a root device name.
        static func device(_ name: String) -> Mapping { deviceNames.contains(name) ? .mapped : .unmapped }

        /// Of two mappings in one list, the better: one that covers the root device is enough.
        func or(_ other: Mapping) -> Mapping {
            switch (self, other) {
            case (.mapped, _), (_, .mapped): return .mapped
            case (.unknown, _): return self
            default: return other
            }
        }

        /// Of two alternatives (an `!If`'s branches, a parameter's allowed values), the worse: each rule judges the
        /// worse one.
        func worse(_ other: Mapping) -> Mapping {
            switch (self, other) {
            case (.unmapped, _), (_, .unmapped): return .unmapped
            case (.unknown, _): return self
            default: return other
            }
        }
    }

    /// Why a root volume's encryption cannot be verified: whether a mapping covers it cannot be told, because `what`
    /// (a device name, the mappings) is unknown for `reason`.
    static func unknownReason(of what: String, _ reason: String) -> String {
        "whether a mapping covers the root device cannot be told (\(what): \(reason))"
    }

    /// The root volume's store when the mappings leave it to the AMI (encryption not declared, with the reason the
    /// message gives) or cannot tell; `nil` when a mapping covers it. `origin` is where the mappings are written or
    /// belong.
    static func store(_ mapping: Mapping, component: String, origin: Origin) -> DataStore? {
        var encryption = Encryption(origin: origin)
        switch mapping {
        case .mapped:
            return nil
        case .unmapped:
            encryption.undeclared = EncryptedElsewhere.rootVolumeFromAMI
        case .unknown(let reason, let at):
            encryption.atRest = Located(.unknown(reason: reason), at: at)
            encryption.kmsKey = Located(.unknown(reason: reason), at: at)
        }
        return DataStore(kind: .volume, component: component, origin: origin, encryption: encryption)
    }
}
