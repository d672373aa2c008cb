import PolicyCheckModel
import PolicyCheckNetwork

/// Flags entries that duplicate another or lie inside another entry of the same list (a world-open entry is left
/// to the world-open rule). Security-group entries are compared only where the ports and protocol match (duplicates)
/// or the containing entry opens every port the other does for every protocol it admits (TCP 137 and UDP 137 from one
/// range are two rules).
public struct RedundantEntriesCheck: Check {
    public static let name = "network.redundant-entries"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment, context: context).map { list in
            // Lists may hold tens of thousands of entries: containers are looked up by block, not compared pairwise;
            // entries are named by their position in `list.effective`, never copied. A list of one entry (most of
            // a plan's rules) has nothing to be redundant with: no index is built for it.
            guard list.effective.count > 1 else { return CheckResult(list.allowlist.component, .from([])) }
            let index = EntryBlockIndex(list.effective)
            var evidence: [Evidence] = []
            // Many entries name one container: its text and path are spelt once.
            var named: [Int: String] = [:]
            func name(_ position: Int) -> String {
                if let known = named[position] { return known }
                let entry = list.effective[position]
                let spelt = "'\(entry.text)' at \(entry.entry.origin.path)"
                named[position] = spelt
                return spelt
            }
            for position in index.positions {
                let entry = list.effective[position]
                if let original = index.duplicate(of: position) {
                    evidence.append(Evidence(Self.joined("'", entry.text, "' duplicates ", name(original)),
                                             at: entry.entry.cidr.origin))
                } else if let container = index.narrowestContainer(of: position) {
                    evidence.append(Evidence(Self.joined("'", entry.text, "' lies inside ", name(container),
                                                         ", so it adds nothing"),
                                             at: entry.entry.cidr.origin))
                }
            }
            return CheckResult(list.allowlist.component, .from(Self.atSize(evidence)))
        }
    }

    /// The evidence in an array of its size: kept until every finding is made from it, not at the capacity it grew
    /// to (for a 100,000-entry list's 99,609 pieces of evidence, 131,072: 2 MB more).
    static func atSize(_ evidence: [Evidence]) -> [Evidence] {
        guard evidence.capacity - evidence.count > 1_024 else { return evidence }
        var exact: [Evidence] = []
        exact.reserveCapacity(evidence.count)
        exact.append(contentsOf: evidence)
        return exact
    }

    /// The parts in one string allocated at its length: an interpolation grows its buffer by doubling, and a
    /// 100,000-entry list's messages, all kept until the report, kept 8 MB of unused capacity.
    static func joined(_ parts: String...) -> String {
        var text = ""
        text.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
        for part in parts { text += part }
        return text
    }

    /// Whether an entry admitting `outer` admits every packet of the protocol an entry admitting `inner` does
    /// (`nil`: the format does not say, or the protocol is unknown — judged as every protocol).
    static func admits(_ outer: EntryProtocol?, _ inner: EntryProtocol?) -> Bool {
        guard let outer else { return true }
        guard let inner else { return outer == .all }
        return outer.admits(inner)
    }

    /// Whether entries opening `outer` ports open every port of `inner` (`nil`: the list has no ports, all of them).
    static func covers(_ outer: PortRange?, _ inner: PortRange?) -> Bool {
        guard let outer else { return true }
        guard let inner else { return false }
        return outer.lower <= inner.lower && inner.upper <= outer.upper
    }
}
