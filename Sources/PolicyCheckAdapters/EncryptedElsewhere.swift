/// Why a store's encryption cannot be verified on its own settings: AWS takes it from elsewhere. Shared by the plan
/// and template readers, which judge the same resources the same way.
enum EncryptedElsewhere {
    /// An ElastiCache global datastore's secondary is encrypted as the datastore is, fixed by its primary.
    static let globalSecondary = "a secondary of a global datastore is encrypted as the datastore's primary is (judged on the primary where the input holds it)"
    /// An instance launched from a launch template takes its volumes from the template, or from its AMI.
    static let launchTemplateRoot = "the instance's root volume is set by its launch template or its AMI, which are judged apart"
    /// A root volume no mapping states is restored from the AMI's snapshot, encrypted only as that snapshot is or
    /// when the account's EBS encryption by default is on in the Region (`RootVolume`).
    static let rootVolumeFromAMI = "no mapping states the root volume, so the AMI's snapshot and the account's EBS encryption by default decide its encryption"
    /// An EKS managed node group without a launch template of its own gets one EKS makes, which "does NOT enforce
    /// encryption of the root volumes" (aws-ia/terraform-aws-eks-blueprints#138; EKS's
    /// https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html): the AMI's snapshot and the account's
    /// EBS encryption by default decide, as for an instance whose root volume no mapping states.
    static let nodeGroupDefaultTemplate = "the node group names no launch template, so EKS launches its nodes from one that states no volume encryption: the AMI's snapshot and the account's EBS encryption by default decide it"
    /// DAX encrypts with its single service default key, an AWS managed key, and takes no customer key
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html): MMC-ENC-002 says
    /// so, as it does for scratch FSx for Lustre (tester, round 36: it asked for a key DAX cannot take).
    static let daxKeyNote = "DAX takes no customer key: it encrypts at rest with an AWS managed key"
}
