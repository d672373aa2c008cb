import PolicyCheckTestSupport
import Testing
@testable import PolicyCheckNetwork

/// `SpecialPurposeRegistry.ranges(overlapping:)` first asks the merged table whether the block touches any entry at
/// all; it must never answer "none" for a block that overlaps one.
@Suite("Special-purpose ranges: the quick exit for ordinary blocks")
struct SpecialPurposeQuickExitTests {
    /// Every overlapping entry, found the slow way.
    static func overlapping(_ cidr: CIDR) -> Set<CIDR> {
        Set(SpecialPurposeRegistry.ranges(for: cidr.version).filter { $0.cidr.overlaps(cidr) }.map(\.cidr))
    }

    @Test("every entry's own block, its edges and its neighbours are judged as the table says")
    func entriesAndNeighbours() {
        for entry in SpecialPurposeRegistry.ipv4 + SpecialPurposeRegistry.ipv6 {
            let version = entry.cidr.version
            var blocks = [entry.cidr, CIDR(entry.cidr.first, prefixLength: version.bits)!,
                          CIDR(entry.cidr.last, prefixLength: version.bits)!]
            if entry.cidr.first.value > 0 {
                let below = version == .v4 ? IPAddress(ipv4: UInt32(entry.cidr.first.value - 1))
                                           : IPAddress(ipv6: entry.cidr.first.value - 1)
                blocks.append(CIDR(below, prefixLength: version.bits)!)
            }
            if entry.cidr.last.value < version.maxValue {
                let above = version == .v4 ? IPAddress(ipv4: UInt32(entry.cidr.last.value + 1))
                                           : IPAddress(ipv6: entry.cidr.last.value + 1)
                blocks.append(CIDR(above, prefixLength: version.bits)!)
            }
            for block in blocks {
                let found = Set(SpecialPurposeRegistry.ranges(overlapping: block, includingGloballyReachable: true).map(\.cidr))
                #expect(found == Self.overlapping(block), "\(block)")
            }
        }
    }

    @Test("on 50,000 random IPv4 blocks the answer is the table's")
    func randomBlocks() {
        var generator = SplitMix64(seed: 0x51EC_1A15)
        var touched = 0
        for _ in 0..<50_000 {
            let address = IPAddress(ipv4: UInt32(truncatingIfNeeded: generator.next()))
            let block = CIDR(address, prefixLength: Int(generator.next() % 33))!
            let expected = Self.overlapping(block)
            if !expected.isEmpty { touched += 1 }
            let found = Set(SpecialPurposeRegistry.ranges(overlapping: block, includingGloballyReachable: true).map(\.cidr))
            #expect(found == expected, "\(block)")
        }
        #expect(touched > 0)
    }
}
