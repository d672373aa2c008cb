import PolicyCheckModel
import PolicyCheckNetwork

/// Flags entries that duplicate another or lie inside another entry of the same list (a world-open entry is left
/// to the world-open rule). Security-group entries are compared only where the ports match (duplicates) or the
/// containing entry opens every port the other does.
public struct RedundantEntriesCheck: Check {
    public static let name = "network.redundant-entries"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment, context: context).map { list in
            let entries = list.effective.compactMap { entry in entry.cidr.map { (entry: entry, cidr: $0) } }
            // Lists may hold tens of thousands of entries: containers are looked up by block, not compared pairwise.
            let index = EntryBlockIndex(entries)
            var evidence: [Evidence] = []
            for position in entries.indices {
                let entry = entries[position].entry
                if let original = index.duplicate(of: position).map({ entries[$0].entry }) {
                    evidence.append(Evidence("'\(entry.text)' duplicates '\(original.text)' at \(original.entry.origin.path)",
                                             at: entry.entry.cidr.origin))
                } else if let container = index.narrowestContainer(of: position).map({ entries[$0].entry }) {
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
