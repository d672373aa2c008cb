@testable import PolicyCheckAdapters
import PolicyCheckTestSupport
import Testing

/// An Ingress's lookup of its IngressGroup keeps the parts' covered ports apart (`IngressGroupSettings.Joined`,
/// round 26) instead of merging them into one table per lookup; it must answer as the merged table answered.
@Suite struct IngressGroupJoinedTests {
    @Test func keptApartThePartsCoverWhatTheMergedOnesCover() {
        var generator = SplitMix64(seed: 0x1_6E55)
        let names = ["Ingress/prod/a", "Ingress/prod/b", "Ingress/prod/c", "Ingress/dev/a"]
        for _ in 0..<300 {
            // Parts as gathered: each a merge of members, each member giving CIDRs on a port or two.
            let parts: [IngressGroupSettings.Members] = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                var part = IngressGroupSettings.Members()
                for _ in 0..<Int.random(in: 0...4, using: &generator) {
                    var member = IngressGroupSettings.Members()
                    let name = names.randomElement(using: &generator)!
                    if Int.random(in: 0..<4, using: &generator) == 0 { member.internetFacing = name }
                    if Int.random(in: 0..<6, using: &generator) == 0 { member.securityGroups = name }
                    if Int.random(in: 0..<6, using: &generator) == 0 { member.dualStack = name }
                    for _ in 0..<Int.random(in: 0...2, using: &generator) {
                        member.covered[[80, 443, 8443].randomElement(using: &generator)!] = [name]
                    }
                    part.merge(member)
                }
                return part
            }
            var merged = IngressGroupSettings.Members()
            for part in parts { merged.merge(part) }
            // In two classes' halves, joined as `IngressClasses.group(named:)` joins classes.
            let split = Int.random(in: 0...parts.count, using: &generator)
            var joined = IngressGroupSettings.Joined(Array(parts[..<split]))
            joined.merge(IngressGroupSettings.Joined(Array(parts[split...])))
            #expect(joined.internetFacing == merged.internetFacing)
            #expect(joined.securityGroups == merged.securityGroups)
            #expect(joined.dualStack == merged.dualStack)
            for port in [80, 443, 8443, 9000] {
                for name in names {
                    let expected = merged.covered[port]?.contains { $0 != name } ?? false
                    #expect(joined.covers(port, besides: name) == expected, "\(parts) \(port) \(name)")
                }
            }
        }
    }
}
