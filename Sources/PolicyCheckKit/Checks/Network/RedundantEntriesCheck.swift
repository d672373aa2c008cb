import PolicyCheckNetwork

/// Flags entries that duplicate another or lie inside another entry of the same list (a world-open entry is left
/// to the world-open rule).
public struct RedundantEntriesCheck: Check {
    public static let name = "network.redundant-entries"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment).map { list in
            let entries = list.effective.compactMap { entry in entry.cidr.map { (entry, $0) } }
            var evidence: [Evidence] = []
            for (position, (entry, cidr)) in entries.enumerated() {
                // Sorting would be faster for huge lists; allowlists are bounded by the max-entries rule.
                for (otherPosition, (other, otherCIDR)) in entries.enumerated() where otherPosition != position {
                    if otherCIDR == cidr, otherPosition < position {
                        evidence.append(Evidence("'\(entry.text)' duplicates '\(other.text)' at \(other.entry.origin.path)",
                                                 at: entry.entry.cidr.origin))
                        break
                    }
                    if otherCIDR != cidr, !otherCIDR.isWholeSpace, otherCIDR.contains(cidr) {
                        evidence.append(Evidence("'\(entry.text)' lies inside '\(other.text)' at \(other.entry.origin.path), so it adds nothing",
                                                 at: entry.entry.cidr.origin))
                        break
                    }
                }
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }
}
