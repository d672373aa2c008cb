@testable import PolicyCheckPolicy
import PolicyCheckModel
import PolicyCheckTestSupport
import Testing

/// The index finds the entry trying each in list order found: the first whose ports cover the range.
@Suite struct PortCoverIndexTests {
    @Test func randomPortsGiveTheFirstCoveringEntryTryingEachGave() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let candidates: [(position: Int, ports: PortRange?)] = (0..<Int.random(in: 1...80, using: &random)).map { position in
                guard Int.random(in: 0..<10, using: &random) > 0 else { return (position * 3, nil) }
                let lower = Int.random(in: 0...40, using: &random)
                return (position * 3, PortRange(lower, lower + Int.random(in: 0...20, using: &random)))
            }.shuffled(using: &random)
            let ordered = candidates.sorted { $0.position < $1.position }
            let index = PortCoverIndex(candidates)
            for _ in 0..<40 {
                let lower = Int.random(in: 0...50, using: &random)
                let inner: PortRange? = Int.random(in: 0..<8, using: &random) == 0 ? nil
                    : PortRange(lower, lower + Int.random(in: 0...10, using: &random))
                let expected = ordered.first { RedundantEntriesCheck.covers($0.ports, inner) }?.position
                #expect(index.firstCovering(inner) == expected)
            }
        }
    }
}
