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
        let expiry = max(now, expiringAt ?? now)
        let inForce = min(now, inForceAt ?? now)
        var matched = Array(repeating: 0, count: file.waivers.count)
        // The waivers that can cover a finding: among those whose rule (an id or a glob) matches its rule id (found
        // once per rule id; a run's findings have a few dozen), those whose resource pattern can match its resource
        // (an index per rule id, so waivers naming the resource for other rules are never visited). Each finding
        // meets them in file order, so the first waiver in force still wins (matching every waiver on every finding
        // made 1,000 waivers over 100,000 findings take a minute; filtering by rule after the resource made 100,000
        // waivers naming one resource for other rules, over 100,000 findings of it, take 95 s).
        let rules = WaiverRuleIndex(file.waivers.map(\.rule))
        let keys = file.waivers.map { WaiverResourceKey($0.resource) }
        // By the rule id's bytes: `String` equality would merge canonically equivalent ids `fnmatch` tells apart.
        var byRule: [[UInt8]: RuleWaivers] = [:]
        var resourceGlobs = file.waivers.map { WaiverGlob($0.resource) }
        let filePatterns = file.waivers.map { $0.file.map(Glob.Pattern.init) }
        for index in findings.indices {
            var expiredCover: Waiver?
            var waived = false
            let ruleId = Array(findings[index].ruleId.utf8)
            if byRule[ruleId] == nil {
                let members = rules.positions(for: findings[index].ruleId)
                byRule[ruleId] = RuleWaivers(members: members, resources: WaiverResourceIndex(keys: members.map { keys[$0] }))
            }
            let rule = byRule[ruleId]!
            var candidates = rule.resources.candidates(for: findings[index].resource)
            if !rule.resources.everywhere.isEmpty {
                candidates += rule.resources.everywhere
                candidates.sort()
            }
            // A waiver approved after the evaluation time is not in force (the file reader rejects it too).
            for member in candidates {
                let position = rule.members[member]
                guard file.waivers[position].approvedOn <= inForce, resourceGlobs[position].matches(findings[index].resource),
                      filePatterns[position]?.matches(findings[index].file) ?? true
                else { continue }
                let waiver = file.waivers[position]
                matched[position] += 1
                if waiver.isExpired(at: expiry) {
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
            let state: WaiverStatus.State = waiver.isExpired(at: expiry) ? .expired : matched[position] == 0 ? .stale : .active
            return WaiverStatus(waiver: waiver, state: state, matched: matched[position])
        }
    }
}

extension WaiverApplication {
    /// The waivers of one rule id: their positions in the file, in file order, and an index of their resource
    /// patterns whose positions are indices into `members`.
    private struct RuleWaivers {
        var members: [Int]
        var resources: WaiverResourceIndex
    }
}
