import PolicyCheckModel
import PolicyCheckPolicy

/// What one waiver did in a run: it waived findings, it had expired, or it matched nothing (stale).
public struct WaiverStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// In force and waiving at least one finding.
        case active
        /// Past its expiry: it waives nothing, and the findings it would cover fail again.
        case expired
        /// In force but matching no finding: the exception may no longer be needed.
        case stale
    }

    public var waiver: Waiver
    public var state: State
    /// Findings the waiver covers (waived when active; no longer waived when expired).
    public var matched: Int

    public init(waiver: Waiver, state: State, matched: Int) {
        self.waiver = waiver
        self.state = state
        self.matched = matched
    }

    /// A one-line warning for standard error, or `nil` for an active waiver.
    public var warning: String? {
        let what = "rule '\(waiver.rule)', resource '\(waiver.resource)'"
        let position = "\(waiver.source):\(waiver.line):\(waiver.column)"
        switch state {
        case .active:
            return nil
        case .stale:
            return "\(position): warning: stale waiver (\(what)) matched no finding; remove it or fix its patterns"
        case .expired:
            let effect = matched == 0 ? "it matched no finding"
                : matched == 1 ? "1 finding is no longer waived" : "\(matched) findings are no longer waived"
            return "\(position): warning: waiver (\(what)) expired on \(waiver.expires); \(effect)"
        }
    }
}
