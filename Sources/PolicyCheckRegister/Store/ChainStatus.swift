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

    /// Whether this status is a break in the chain the auditor must look at.
    public var isBreak: Bool { self != .start && self != .linked }

    /// The predecessor as the register knows it.
    public struct Predecessor: Sendable, Hashable {
        public var evidenceSHA256: String
        public var repository: String
        public var ref: String
    }

    /// Judges a link: `predecessor` is the stored run the link names (nil when absent or no link);
    /// `hasEarlierRuns` says whether the chain has runs before this one (only asked when there is no link).
    public static func judge(previousRunId: String?, previousSHA256: String?, repository: String, ref: String,
                             predecessor: Predecessor?, hasEarlierRuns: Bool) -> ChainStatus {
        guard previousRunId != nil else { return hasEarlierRuns ? .unchained : .start }
        guard let predecessor else { return .missingPredecessor }
        if predecessor.repository != repository || predecessor.ref != ref { return .otherChain }
        return predecessor.evidenceSHA256 == previousSHA256 ? .linked : .hashMismatch
    }
}
