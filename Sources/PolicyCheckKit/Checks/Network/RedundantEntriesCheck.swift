import PolicyCheckNetwork

/// Flags entries that duplicate another or lie inside another entry of the same list (a world-open entry is left
/// to the world-open rule). Security-group entries are compared only where the ports match (duplicates) or the
/// containing entry opens every port the other does.
public struct RedundantEntriesCheck: Check {
    public static let name = "network.redundant-entries"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment, context: context).map { list in
            let entries = list.effective.compactMap { entry in entry.cidr.map { (entry, $0) } }
            var evidence: [Evidence] = []
            for (position, (entry, cidr)) in entries.enumerated() {
                // Allowlists are bounded by the max-entries rule, so pairwise comparison is cheap enough.
                if let (original, _) = entries[..<position].first(where: { $0.1 == cidr && $0.0.entry.ports == entry.entry.ports }) {
                    evidence.append(Evidence("'\(entry.text)' duplicates '\(original.text)' at \(original.entry.origin.path)",
                                             at: entry.entry.cidr.origin))
                    continue
                }
                // The narrowest other entry that contains this one.
                let containers = entries.filter {
                    $0.1 != cidr && !$0.1.isWholeSpace && $0.1.contains(cidr) && Self.covers($0.0.entry.ports, entry.entry.ports)
                }
                if let (container, _) = containers.max(by: { $0.1.prefixLength < $1.1.prefixLength }) {
                    evidence.append(Evidence("'\(entry.text)' lies inside '\(container.text)' at \(container.entry.origin.path), so it adds nothing",
                                             at: entry.entry.cidr.origin))
                }
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }

    /// Whether entries opening `outer` ports open every port of `inner` (`nil`: the list has no ports, all of them).
    static func covers(_ outer: PortRange?, _ inner: PortRange?) -> Bool {
        guard let outer else { return true }
        guard let inner else { return false }
        return outer.lower <= inner.lower && inner.upper <= outer.upper
    }
}
