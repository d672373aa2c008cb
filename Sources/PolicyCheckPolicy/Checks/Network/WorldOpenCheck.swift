import PolicyCheckModel
import PolicyCheckNetwork

/// No allowlist may admit the whole internet: `0.0.0.0/0`, `::/0`, or entries whose union covers a whole space.
public struct WorldOpenCheck: Check {
    public static let name = "network.world-open"

    /// Which world-open entries this rule reports, by the ports they open.
    enum PortScope: String, CaseIterable {
        /// Entries that open an administrative or database port (or every port, or whose ports are unknown).
        case administrative
        /// Entries that open only other ports (e.g. 443 on a public load balancer).
        case other
        case all
    }

    let scope: PortScope
    let administrativePorts: [Int]

    public init(parameters: CheckParameters) {
        scope = PortScope(rawValue: parameters.choice("ports", PortScope.allCases.map(\.rawValue), default: "all"))!
        administrativePorts = parameters.strings("administrativePorts", default: Self.defaultAdministrativePorts.map(String.init))
            .compactMap(Int.init)
    }

    /// SSH, RDP, databases, caches, directory and remote-management ports.
    static let defaultAdministrativePorts = [
        20, 21, 22, 23, 25, 110, 135, 137, 138, 139, 389, 445, 636, 1433, 1521, 2049, 2375, 2376, 3306, 3389, 5432,
        5500, 5601, 5900, 5985, 5986, 6379, 6443, 7001, 8020, 8086, 8888, 9042, 9200, 9300, 11211, 27017, 27018,
    ]

    /// Whether an entry's ports fall in this rule's scope.
    private func inScope(_ entry: AllowlistEntry, _ ports: EntryPortsMemo) -> Bool {
        guard scope != .all else { return true }
        let administrative = ports.reachesAdministrative(entry, ports: administrativePorts)
        return scope == .administrative ? administrative : !administrative
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let ports = EntryPortsMemo()
        let lists = ParsedAllowlist.enabled(in: deployment, context: context)
        var results = lists.map { list in
            var evidence: [Evidence] = []
            var unknown: [Evidence] = []
            for entry in list.effective {
                guard entry.parsed != nil else {
                    if inScope(entry.entry, ports) {
                        unknown.append(Evidence("allowlist entry cannot be verified: \(Self.reason(entry.entry))",
                                                at: entry.entry.cidr.origin))
                    }
                    continue
                }
                if let cidr = entry.cidr, cidr.isWholeSpace, inScope(entry.entry, ports) {
                    // The ports are part of what is baselined: opening SSH to the world is not opening every port.
                    let opened = ports.text(entry.entry)
                    evidence.append(Evidence(
                        "'\(entry.text)' admits every \(cidr.version) address\(opened); expected only the ranges that need access",
                        at: entry.entry.cidr.origin, scope: opened.isEmpty ? nil : opened
                    ))
                }
            }
            // The union is judged on the list whatever the entries' own findings: were it skipped once an entry is
            // reported, suppressing that one finding would hide a list that is open to the world anyway.
            // Whole-space entries are judged on their own, by the ports they open (above); the rest must not cover the
            // space between them either, for one protocol and port. Most lists' blocks do not add up to a space: their
            // entries are not gathered at all.
            var items: [ProtocolPortUnion.Item]?
            for version in IPVersion.allCases
            where Self.partialTotal(of: list, version: version) >= Self.publicCount(version) {
                let gathered = items ?? Self.unionItems(of: list)
                items = gathered
                guard !gathered.isEmpty, let blocks = union(gathered, version: version) else { continue }
                let shown = Self.shown(blocks)
                let subject = blocks.count == 1 ? "'\(shown)' covers" : "the entries together (\(shown)) cover"
                evidence.append(Evidence(
                    "\(subject) \(Self.covered(blocks, version)); the allowlist restricts nothing",
                    at: list.allowlist.origin
                ))
            }
            if !evidence.isEmpty { return CheckResult(list.allowlist.component, .fail(evidence)) }
            if !unknown.isEmpty { return CheckResult(list.allowlist.component, .cannotVerify(unknown)) }
            return CheckResult(list.allowlist.component, .pass)
        }
        JoinedAllowlistUnion.judge(lists, into: &results) { items, version in union(items, version: version) }
        return results
    }

    /// The blocks of `items` that cover the whole `version` space together for one protocol and port in this rule's
    /// scope (a union reaching an administrative port, or every port, is MMC-NET-001's; one that reaches none, such as
    /// HTTPS alone or ICMP, the other ports' rule's); `nil`: none.
    func union(_ items: [ProtocolPortUnion.Item], version: IPVersion) -> [CIDR]? {
        let coverage = ProtocolPortUnion.coverage(items, version: version, administrativePorts: administrativePorts)
        switch scope {
        case .administrative: return coverage.administrative
        case .other: return coverage.administrative == nil ? coverage.other : nil
        case .all: return coverage.administrative ?? coverage.other
        }
    }

    /// How many addresses of `version` an internet host may connect from (`PublicAddressSpace`).
    static func publicCount(_ version: IPVersion) -> Double {
        CIDR.wholeSpace(version).addressCount - PublicAddressSpace.unreachableCount(version)
    }

    /// What blocks that cover the public space cover, as a message says it.
    static func covered(_ blocks: [CIDR], _ version: IPVersion) -> String {
        CIDRCoverage.coversWholeSpace(blocks, version: version) ? "every \(version) address"
            : "every public \(version) address (all but special-purpose blocks no internet host connects from)"
    }

    /// How many addresses of `version` a list's blocks that are not the whole space admit, overlaps counted twice.
    static func partialTotal(of list: ParsedAllowlist, version: IPVersion) -> Double {
        var total = 0.0
        for entry in list.effective {
            if let cidr = entry.cidr, cidr.version == version, !cidr.isWholeSpace { total += cidr.addressCount }
        }
        return total
    }

    /// A list's entries with blocks that are not the whole space themselves (those are judged on their own), with
    /// the protocol and ports each admits.
    static func unionItems(of list: ParsedAllowlist) -> [ProtocolPortUnion.Item] {
        list.effective.compactMap { entry in
            guard let cidr = entry.cidr, !cidr.isWholeSpace else { return nil }
            return ProtocolPortUnion.Item(cidr: cidr, ipProtocol: entry.entry.ipProtocol, ports: entry.entry.ports,
                                          additionalPorts: entry.entry.additionalPorts)
        }
    }

    /// Up to four blocks as a message lists them.
    static func shown(_ blocks: [CIDR]) -> String {
        blocks.prefix(4).map(\.description).joined(separator: ", ") + (blocks.count > 4 ? ", …" : "")
    }

    static func reason(_ entry: AllowlistEntry) -> String {
        if case .unknown(let reason) = entry.cidr.value { return reason }
        return "unknown"
    }
}
