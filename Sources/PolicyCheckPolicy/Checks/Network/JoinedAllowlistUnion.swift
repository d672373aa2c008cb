import PolicyCheckModel
import PolicyCheckNetwork

/// The world-open union over lists that join one resource: a security group's own rules and the standalone rules
/// that join it (`Allowlist.joins`). Split across them — `0.0.0.0/1` inline and `128.0.0.0/1` in an
/// `aws_security_group_rule` — no list covers the space alone, but the group admits every address.
enum JoinedAllowlistUnion {
    /// Adds to `results` (one per list of `lists`, in order) a failure at the joined resource's own list (else the
    /// first one) for each address space the joined lists' entries cover together and none covers alone.
    /// `union`: the blocks of items that cover a space together for one protocol and port, in the rule's scope.
    static func judge(_ lists: [ParsedAllowlist], into results: inout [CheckResult],
                      union: ([ProtocolPortUnion.Item], IPVersion) -> [CIDR]?) {
        // Each list's joined resource and component, read once (each read of a boxed field copies a string).
        let joins = lists.map { $0.allowlist.joins }
        let components = lists.map { $0.allowlist.component }
        // Only lists a resource other than the joined one contributes to can add anything.
        var joinedByOthers: Set<String> = []
        for index in lists.indices {
            if let joined = joins[index], joined != components[index] { joinedByOthers.insert(joined) }
        }
        guard !joinedByOthers.isEmpty else { return }
        var members: [String: [Int]] = [:]
        var order: [String] = []
        for index in lists.indices {
            guard let joined = joins[index], joinedByOthers.contains(joined) else { continue }
            if members[joined] == nil { order.append(joined) }
            members[joined, default: []].append(index)
        }
        for joined in order {
            guard let indexes = members[joined] else { continue }
            for version in IPVersion.allCases {
                // The blocks' sizes must add up to the space before their union can cover it: most groups' do not,
                // and are passed over without gathering anything.
                var total = 0.0
                for index in indexes {
                    for entry in lists[index].effective {
                        if let cidr = entry.cidr, cidr.version == version, !cidr.isWholeSpace { total += cidr.addressCount }
                    }
                }
                guard total >= WorldOpenCheck.publicCount(version) else { continue }
                let perList = indexes.map { WorldOpenCheck.unionItems(of: lists[$0]) }
                guard let blocks = union(perList.flatMap { $0 }, version),
                      // A list that covers the space alone is reported on its own already.
                      !perList.contains(where: { !$0.isEmpty && union($0, version) != nil })
                else { continue }
                let target = indexes.first { components[$0] == joined } ?? indexes[0]
                let others = Array(Set(indexes.map { components[$0] }).subtracting([joined])).sorted()
                let shown = WorldOpenCheck.shown(blocks)
                let named = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? " and \(others.count - 3) more" : "")
                let evidence = Evidence(
                    "the entries of \(joined) and of the rules that join it (\(named)) together (\(shown)) cover \(WorldOpenCheck.covered(blocks, version)); the group restricts nothing",
                    at: lists[target].allowlist.origin
                )
                switch results[target].outcome {
                case .fail(let existing): results[target].outcome = .fail(existing + [evidence])
                default: results[target].outcome = .fail([evidence])
                }
            }
        }
    }
}
