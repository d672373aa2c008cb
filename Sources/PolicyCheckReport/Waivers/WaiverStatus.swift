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

/// Applies a waiver file to a run's findings at the evaluation time.
public enum WaiverApplication {
    /// Marks covered findings as waived (the first active waiver in file order wins) and says, in the message of a
    /// finding only an expired waiver covers, when that waiver expired. Returns each waiver's status, in file order.
    public static func apply(_ file: WaiverFile, to findings: inout [Finding], at now: Timestamp) -> [WaiverStatus] {
        var matched = Array(repeating: 0, count: file.waivers.count)
        // The waivers that can cover a finding: those whose resource pattern can match its resource (an index
        // built once), among those whose rule (an id or a glob) matches its rule id (found once per rule id; a
        // run's findings have a few dozen rules). Each finding meets them in file order, so the first waiver in
        // force still wins (matching every waiver on every finding made 1,000 waivers over 100,000 findings take a
        // minute).
        let resources = WaiverResourceIndex(file.waivers.map(\.resource))
        var rulesMatched: [String: (waivers: [Bool], everywhere: [Int])] = [:]
        let filePatterns = file.waivers.map { $0.file.map(Glob.Pattern.init) }
        for index in findings.indices {
            var expiredCover: Waiver?
            var waived = false
            let ruleId = findings[index].ruleId
            if rulesMatched[ruleId] == nil {
                let matches = file.waivers.map { Waiver.matches($0.rule, ruleId) }
                rulesMatched[ruleId] = (matches, resources.everywhere.filter { matches[$0] })
            }
            let rule = rulesMatched[ruleId]!
            var candidates = resources.candidates(for: findings[index].resource).filter { rule.waivers[$0] }
            if !rule.everywhere.isEmpty {
                candidates += rule.everywhere
                candidates.sort()
            }
            // A waiver approved after the evaluation time is not in force (the file reader rejects it too).
            for position in candidates {
                guard file.waivers[position].approvedOn <= now,
                      file.waivers[position].coversResourceAndFile(of: findings[index], filePattern: filePatterns[position])
                else { continue }
                let waiver = file.waivers[position]
                matched[position] += 1
                if waiver.isExpired(at: now) {
                    if expiredCover == nil { expiredCover = waiver }
                } else if !waived {
                    waived = true
                    findings[index].suppression = Suppression(kind: .waiver, justification: waiver.reason, location: waiver.location)
                }
            }
            if !waived, let expired = expiredCover {
                findings[index].message += " (waiver \(expired.location) expired on \(expired.expires))"
            }
        }
        return file.waivers.enumerated().map { position, waiver in
            let state: WaiverStatus.State = waiver.isExpired(at: now) ? .expired : matched[position] == 0 ? .stale : .active
            return WaiverStatus(waiver: waiver, state: state, matched: matched[position])
        }
    }
}
