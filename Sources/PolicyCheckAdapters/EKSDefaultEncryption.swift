import PolicyCheckModel
import PolicyCheckSyntax

/// What an EKS cluster's secrets are encrypted with when no encryption configuration names a key, shared by the plan
/// and template readers so both formats judge a cluster alike.
///
/// "Amazon EKS provides default envelope encryption for all Kubernetes API data in EKS clusters running Kubernetes
/// version 1.28 or higher", with an AWS owned KMS key; an encryption configuration with a customer managed key makes
/// that key the key-encryption key (https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html). So a
/// cluster on 1.28 or later is encrypted at rest without one, and only MMC-ENC-002 (a customer-managed key) asks for
/// it. A cluster whose version is not set, or known only at apply, gets EKS's default version, which is later than
/// 1.28 (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html, `version`: "If you don't specify
/// a value here, the default version available in Amazon EKS is used"). Only a version known to be older keeps its
/// secrets unencrypted by default.
enum EKSDefaultEncryption {
    /// The first Kubernetes version EKS envelope-encrypts by default.
    static let firstVersion = (major: 1, minor: 28)

    /// The version a known `version`/`Version` names when it is older than 1.28; `nil` when EKS encrypts the cluster
    /// by default (later, not set, unknown until apply, or not a version EKS reads).
    static func olderVersion(_ text: String?) -> String? {
        guard let text else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor) < firstVersion ? text : nil
    }

    /// Applies the default to a store that no encryption configuration covers: encrypted at rest at the version
    /// (or, not set, where the configuration belongs); for an older cluster, the note its finding gives.
    static func apply(version text: String?, at origin: Origin, to store: inout DataStore) {
        if let older = olderVersion(text) {
            store.encryption.undeclared = "EKS envelope-encrypts Kubernetes API data by default only from Kubernetes "
                + "1.28, and this cluster runs \(older)"
        } else {
            store.encryption.atRest = Located(.known(true), at: origin)
        }
    }
}
