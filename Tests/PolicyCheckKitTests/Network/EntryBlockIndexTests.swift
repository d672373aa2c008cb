@testable import PolicyCheckPolicy
import PolicyCheckModel
import PolicyCheckNetwork
import PolicyCheckTestSupport
import Testing

/// The index of positions in open-addressed tables finds what comparing every entry with every other finds.
@Suite struct EntryBlockIndexTests {
    @Test("duplicates and narrowest containers match a pairwise search, over 300 random lists")
    func findsWhatAPairwiseSearchFinds() {
        var random = SplitMix64(seed: 23)
        for _ in 0..<300 {
            // Few distinct blocks and ports, so that lists repeat them and probes collide and wrap.
            let count = Int.random(in: 1...120, using: &random)
            var list = Allowlist(kind: .securityGroupIngress, component: "sg", origin: Origin(offset: 0, path: "sg"),
                                 internetFacing: true, hasDescriptionField: true)
            for position in 0..<count {
                let length = [8, 16, 24, 32][Int.random(in: 0..<4, using: &random)]
                let text = Int.random(in: 0..<15, using: &random) == 0 ? "not a block"
                    : "10.\(Int.random(in: 0..<2, using: &random)).\(Int.random(in: 0..<2, using: &random)).0/\(length)"
                let lower = [0, 22, 443][Int.random(in: 0..<3, using: &random)]
                let ports: PortRange? = Int.random(in: 0..<6, using: &random) == 0 ? nil
                    : PortRange(lower, lower + [0, 100][Int.random(in: 0..<2, using: &random)])
                list.entries.append(AllowlistEntry(cidr: Located(.known(text), at: Origin(offset: position, path: "e")),
                                                   description: nil, enabled: true,
                                                   origin: Origin(offset: position, path: "e"), ports: ports))
            }
            let entries = ParsedAllowlist(list).effective
            let index = EntryBlockIndex(entries)
            #expect(index.positions == entries.indices.filter { entries[$0].cidr != nil })
            for position in entries.indices {
                let cidr = entries[position].cidr
                let ports = entries[position].entry.ports
                let duplicate = cidr == nil ? nil : entries.indices.first {
                    $0 < position && entries[$0].cidr == cidr && entries[$0].entry.ports == ports
                }
                #expect(index.duplicate(of: position) == duplicate)
                // The narrowest: the longest shorter prefix with a covering entry, its first such entry.
                let containers = cidr == nil ? [] : entries.indices.filter { other in
                    guard let outer = entries[other].cidr, let cidr else { return false }
                    return outer.prefixLength < cidr.prefixLength && outer.prefixLength > 0 && outer.contains(cidr)
                        && RedundantEntriesCheck.covers(entries[other].entry.ports, ports)
                }
                let narrowest = containers.max { entries[$0].cidr!.prefixLength < entries[$1].cidr!.prefixLength }
                    .flatMap { best in containers.first { entries[$0].cidr == entries[best].cidr } }
                #expect(index.narrowestContainer(of: position) == narrowest)
            }
        }
    }
}
