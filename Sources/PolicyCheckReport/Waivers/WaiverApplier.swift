import PolicyCheckModel
import PolicyCheckPolicy

/// A waiver file applied to a run's findings a list at a time (`WaiverApplication.apply` gives it the whole run; a
/// streamed report, each file as it is written): each finding is judged alone, and each waiver's use is counted
/// over every list it was given, for its status.
public struct WaiverApplier: Sendable {
    private let waivers: [Waiver]
    private let expiry: Timestamp
    private let inForce: Timestamp
    private var matched: [Int]
    // The waivers that can cover a finding: among those whose rule (an id or a glob) matches its rule id (found
    // once per rule id; a run's findings have a few dozen), those whose resource pattern can match its resource
    // (an index per rule id, so waivers naming the resource for other rules are never visited). Each finding
    // meets them in file order, so the first waiver in force still wins (matching every waiver on every finding
    // made 1,000 waivers over 100,000 findings take a minute; filtering by rule after the resource made 100,000
    // waivers naming one resource for other rules, over 100,000 findings of it, take 95 s).
    private let rules: WaiverRuleIndex
    private let keys: [WaiverResourceKey]
    /// By the rule id's bytes: `String` equality would merge canonically equivalent ids `fnmatch` tells apart.
    private var byRule: [[UInt8]: RuleWaivers] = [:]
    private var resourceGlobs: [WaiverGlob]
    private let filePatterns: [Glob.Pattern?]

    /// See `WaiverApplication.apply` for the times.
    public init(_ file: WaiverFile, at now: Timestamp, expiringAt: Timestamp? = nil, inForceAt: Timestamp? = nil) {
        waivers = file.waivers
        expiry = max(now, expiringAt ?? now)
        inForce = min(now, inForceAt ?? now)
        matched = Array(repeating: 0, count: file.waivers.count)
        rules = WaiverRuleIndex(file.waivers.map(\.rule))
        keys = file.waivers.map { WaiverResourceKey($0.resource) }
        resourceGlobs = file.waivers.map { WaiverGlob($0.resource) }
        filePatterns = file.waivers.map { $0.file.map(Glob.Pattern.init) }
    }

    /// Marks covered findings as waived (the first active waiver in file order wins) and says, in the message of a
    /// finding only an expired waiver covers, when that waiver expired.
    public mutating func apply(to findings: inout [Finding]) {
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
                guard waivers[position].approvedOn <= inForce, resourceGlobs[position].matches(findings[index].resource),
                      filePatterns[position]?.matches(findings[index].file) ?? true
                else { continue }
                let waiver = waivers[position]
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
    }

    /// Each waiver's status, in file order, from the findings it was given.
    public var statuses: [WaiverStatus] {
        waivers.enumerated().map { position, waiver in
            let state: WaiverStatus.State = waiver.isExpired(at: expiry) ? .expired : matched[position] == 0 ? .stale : .active
            return WaiverStatus(waiver: waiver, state: state, matched: matched[position])
        }
    }

    /// The waivers of one rule id: their positions in the file, in file order, and an index of their resource
    /// patterns whose positions are indices into `members`.
    private struct RuleWaivers {
        var members: [Int]
        var resources: WaiverResourceIndex
    }
}
