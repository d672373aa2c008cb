import PolicyCheckPolicy

/// Where each rule id sits in a compiled policy: the packs holding it, in pack order, and its positions in each.
/// Built once so that thousands of per-rule settings each find their rules without scanning every pack.
struct RulePlaces {
    /// The rules with one id in one pack.
    struct Place {
        var packIndex: Int
        var ruleIndices: [Int]
    }

    private var places: [String: [Place]] = [:]

    init(_ policy: CompiledPolicy) {
        for (packIndex, pack) in policy.packs.enumerated() {
            for (ruleIndex, rule) in pack.rules.enumerated() {
                let id = rule.rule.id
                if let last = places[id]?.indices.last, places[id]?[last].packIndex == packIndex {
                    places[id]?[last].ruleIndices.append(ruleIndex)
                } else {
                    places[id, default: []].append(Place(packIndex: packIndex, ruleIndices: [ruleIndex]))
                }
            }
        }
    }

    /// The places of a rule id, `nil` when no pack in force has it.
    subscript(id: String) -> [Place]? { places[id] }
}
