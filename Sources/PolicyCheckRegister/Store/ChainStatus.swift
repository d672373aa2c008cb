/// A run's place in its repository/ref chain, judged from the link its bundle records (`previous`) against the
/// runs in the register (docs/audit.md, "Chain").
public enum ChainStatus: String, Sendable, Hashable, CaseIterable {
    /// No previous link, and no earlier run of the chain is known: the chain starts here.
    case start
    /// The previous run is in the register and its evidence.json has the recorded SHA-256.
    case linked
    /// No previous link although earlier runs of the chain exist: the chain was restarted (a break).
    case unchained
    /// The previous run is not in the register: a gap (a run never pushed, or lost).
    case missingPredecessor = "missing-predecessor"
    /// The previous run is in the register with different bytes: its bundle was altered or replaced.
    case hashMismatch = "hash-mismatch"
    /// The previous run belongs to another repository or ref.
    case otherChain = "other-chain"
    /// The previous run was generated after this one: a link back in time. A run's time is its
    /// `SOURCE_DATE_EPOCH` when set — usually its commit's time, which the commit's author sets — so a backdated run
    /// named a later run as its previous one and was filed in an earlier period as "linked" (tester round 31).
    case backwards

    /// Whether this status is a break in the chain the auditor must look at.
    public var isBreak: Bool { self != .start && self != .linked }

    /// The predecessor as the register knows it.
    public struct Predecessor: Sendable, Hashable {
        public var evidenceSHA256: String
        public var repository: String
        public var ref: String
        /// When the predecessor says it was generated (`run.generatedAt`), if known.
        public var generatedAt: Int64? = nil
    }

    /// Judges a link: `predecessor` is the stored run the link names (nil when absent or no link);
    /// `hasEarlierRuns` says whether the chain has runs before this one (only asked when there is no link).
    /// `generatedAt` is the run's own time, when known: a predecessor generated after it is a link back in time.
    public static func judge(previousRunId: String?, previousSHA256: String?, repository: String, ref: String,
                             predecessor: Predecessor?, hasEarlierRuns: Bool, generatedAt: Int64? = nil) -> ChainStatus {
        guard previousRunId != nil else { return hasEarlierRuns ? .unchained : .start }
        guard let predecessor else { return .missingPredecessor }
        if predecessor.repository != repository || predecessor.ref != ref { return .otherChain }
        guard predecessor.evidenceSHA256 == previousSHA256 else { return .hashMismatch }
        if let before = predecessor.generatedAt, let generatedAt, before > generatedAt { return .backwards }
        return .linked
    }
}
