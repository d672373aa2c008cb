import PolicyCheckTestSupport
import Testing
@testable import PolicyCheckNetwork

/// `CIDRBlockIndex` answers what a scan of its blocks answered: whether some block contains, or overlaps, a block.
@Suite("CIDR block index")
struct CIDRBlockIndexTests {
    /// A random block inside 10.0.0.0/20 (so that blocks nest and overlap often), or inside 2001:db8::/116.
    static func randomBlock(_ generator: inout SplitMix64) -> CIDR {
        let v6 = generator.next() % 4 == 0
        let prefix = Int(generator.next() % 13) + (v6 ? 116 : 20)
        let host = UInt128(generator.next() % 4096)
        let address = v6 ? IPAddress(ipv6: (UInt128(0x2001_0db8) << 96) | host) : IPAddress(ipv4: 0x0A00_0000 | UInt32(host))
        return CIDR(address, prefixLength: prefix)!
    }

    @Test("gives the scan's answer for random blocks and queries", arguments: [1, 2, 5, 40, 300])
    func matchesTheScan(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) * 7919)
        let blocks = (0..<count).map { _ in Self.randomBlock(&generator) }
        let index = CIDRBlockIndex(blocks)
        var contained = 0, overlapping = 0
        for _ in 0..<2_000 {
            let query = Self.randomBlock(&generator)
            let contains = blocks.contains { $0.contains(query) }
            let overlaps = blocks.contains { $0.overlaps(query) }
            #expect(index.someBlockContains(query) == contains, "\(query) within \(blocks)")
            #expect(index.someBlockOverlaps(query) == overlaps, "\(query) overlapping \(blocks)")
            contained += contains ? 1 : 0
            overlapping += overlaps ? 1 : 0
        }
        // Every answer occurs, so the comparison covers each (300 blocks contain almost every query).
        if count == 40 { #expect(contained > 0 && contained < 2_000 && overlapping > contained && overlapping < 2_000) }
    }

    @Test("separates versions, and keeps the blocks in their order")
    func versionsAndOrder() throws {
        let index = CIDRBlockIndex(try blocks(["10.0.0.0/8", "::/0", "192.168.0.0/16"]))
        #expect(index.blocks.map(\.description) == ["10.0.0.0/8", "::/0", "192.168.0.0/16"])
        #expect(index.someBlockContains(try block("10.1.2.0/24")))
        #expect(!index.someBlockContains(try block("11.0.0.0/24")))
        #expect(index.someBlockContains(try block("2001:db8::/32")))
        #expect(index.someBlockOverlaps(try block("0.0.0.0/0")))
        #expect(!index.someBlockOverlaps(try block("172.16.0.0/12")))
        #expect(!CIDRBlockIndex(try blocks(["10.0.0.0/8"])).someBlockOverlaps(try block("::/0")))
    }
}
