import PolicyCheckModel
import PolicyCheckPolicy

/// Applies a waiver file to a run's findings at the evaluation time.
public enum WaiverApplication {
    /// Marks covered findings as waived (the first active waiver in file order wins) and says, in the message of a
    /// finding only an expired waiver covers, when that waiver expired. Returns each waiver's status, in file order.
    /// A waiver is judged expired at `expiringAt` when that is later than `now` (the clock, when `now` is an earlier
    /// `SOURCE_DATE_EPOCH`: a backdated commit does not bring an expired waiver back), and in force from its
    /// approval at `inForceAt` when that is earlier than `now` (the clock, when `now` is a later one).
    public static func apply(_ file: WaiverFile, to findings: inout [Finding], at now: Timestamp,
                             expiringAt: Timestamp? = nil, inForceAt: Timestamp? = nil) -> [WaiverStatus] {
        var applier = WaiverApplier(file, at: now, expiringAt: expiringAt, inForceAt: inForceAt)
        applier.apply(to: &findings)
        return applier.statuses
    }
}
