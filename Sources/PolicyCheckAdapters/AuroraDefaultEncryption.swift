import PolicyCheckModel

/// Aurora encrypts every new cluster at rest: "All new database clusters created on or after February 18, 2026, in
/// Amazon Aurora are encrypted at rest", with "an AWS-owned key by default" when no key is named
/// (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html). So an Aurora cluster
/// (engine `aurora`, `aurora-mysql`, `aurora-postgresql`) that leaves its storage encryption unstated is encrypted,
/// and only MMC-ENC-002 (a customer-managed key) asks more of it, as for EKS from 1.28 (`EKSDefaultEncryption`).
/// A cluster stating encryption off is judged by what it states; Multi-AZ DB clusters of other engines, RDS
/// instances, DocumentDB and Neptune are not covered by that change. Before round 36 such a cluster was a critical
/// "no encryption at rest is declared" (tester).
enum AuroraDefaultEncryption {
    static let keyNote = "Aurora encrypts a new cluster with an AWS owned key when none is named"

    /// Whether an engine (as written; `nil` when not set and the provider's default applies) is an Aurora engine.
    static func isAurora(engine: String?, absentMeansAurora: Bool) -> Bool {
        guard let engine else { return absentMeansAurora }
        return engine.lowercased().hasPrefix("aurora")
    }

    /// Why a member of a global database leaving its encryption unstated cannot be verified: storage encryption is
    /// a setting of the global database (`CreateGlobalCluster` takes its `StorageEncrypted`,
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html), and one made before
    /// February 2026 may be unencrypted (regression tester, round 36: such a member passed as encrypted).
    static let memberReason = "a cluster joining a global database is encrypted as the global database is, which may predate Aurora's default encryption"

    /// Marks a member of a global database whose encryption is not stated: cannot be verified.
    static func member(at origin: Origin, to store: inout DataStore) {
        guard store.encryption.atRest == nil else { return }
        store.encryption.atRest = Located(.unknown(reason: memberReason), at: origin)
    }

    /// Marks a store whose encryption is not stated as encrypted at `origin`, with the AWS owned key's note.
    static func apply(at origin: Origin, to store: inout DataStore) {
        guard store.encryption.atRest == nil else { return }
        store.encryption.atRest = Located(.known(true), at: origin)
        if store.encryption.kmsKey == nil { store.encryption.keyNote = keyNote }
    }
}
