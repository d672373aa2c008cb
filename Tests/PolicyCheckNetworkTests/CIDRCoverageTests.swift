import PolicyCheckTestSupport
import Testing
@testable import PolicyCheckNetwork

@Suite("CIDR coverage and aggregation")
struct CIDRCoverageTests {
    @Test("aggregates to the minimal sorted disjoint set", arguments: [
        (["10.0.0.0/25", "10.0.0.128/25"], ["10.0.0.0/24"]),
        (["10.0.0.128/25", "10.0.0.0/25"], ["10.0.0.0/24"]),
        (["10.0.0.0/24", "10.0.0.0/8"], ["10.0.0.0/8"]),
        (["10.0.0.0/24", "10.0.0.0/24"], ["10.0.0.0/24"]),
        (["10.0.1.0/24", "10.0.2.0/24"], ["10.0.1.0/24", "10.0.2.0/24"]),          // adjacent but not alignable
        (["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"], ["10.0.0.0/23", "10.0.2.0/24"]),
        (["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/23"], ["10.0.0.0/22"]),
        (["192.168.1.0/24", "10.0.0.0/8"], ["10.0.0.0/8", "192.168.1.0/24"]),
        (["0.0.0.0/1", "128.0.0.0/1"], ["0.0.0.0/0"]),
        (["255.255.255.255/32", "255.255.255.254/32"], ["255.255.255.254/31"]),
        (["2001:db8::/33", "2001:db8:8000::/33"], ["2001:db8::/32"]),
        (["::/1", "8000::/1"], ["::/0"]),
        (["10.0.0.0/8", "2001:db8::/32", "11.0.0.0/8"], ["10.0.0.0/7", "2001:db8::/32"]),
        (["10.0.0.0/8", "::ffff:11.0.0.0/104"], ["10.0.0.0/7"]),                   // mapped folds to IPv4
        ([], []),
    ])
    func aggregates(input: [String], expected: [String]) throws {
        #expect(CIDRCoverage.aggregate(try blocks(input)).map(\.description) == expected)
    }

    @Test("aggregation splits a merged range into aligned blocks")
    func splitsUnalignedRanges() throws {
        // 10.0.0.1 … 10.0.0.6 as single addresses merge to one interval that is not one block.
        let singles = try (1...6).map { try block("10.0.0.\($0)/32") }
        #expect(CIDRCoverage.aggregate(singles).map(\.description)
            == ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"])
    }

    @Test("detects whole-space coverage", arguments: [
        (["0.0.0.0/0"], IPVersion.v4, true),
        (["0.0.0.0/1", "128.0.0.0/1"], .v4, true),
        (["128.0.0.0/1", "0.0.0.0/1"], .v4, true),
        (["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/3"], .v4, true),
        (["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2", "10.0.0.0/8"], .v4, true),
        (["0.0.0.0/1", "128.0.0.0/2"], .v4, false),
        (["0.0.0.0/1", "128.0.0.0/1"], .v6, false),
        (["::/0"], .v6, true),
        (["::/1", "8000::/1"], .v6, true),
        (["::/1", "8000::/2", "c000::/2"], .v6, true),
        (["::/1", "8000::/2"], .v6, false),
        (["::/0"], .v4, false),
        (["::ffff:0:0/96"], .v4, true),                                          // mapped whole space is IPv4 /0
        ([], .v4, false),
    ])
    func detectsWholeSpace(input: [String], version: IPVersion, expected: Bool) throws {
        #expect(CIDRCoverage.coversWholeSpace(try blocks(input), version: version) == expected)
    }

    @Test("missing a single address is not whole-space coverage")
    func missingOneAddress() throws {
        // Every IPv4 address except 255.255.255.255: 0.0.0.0/1, 128.0.0.0/2, …, 255.255.255.254/32.
        let pieces = (1...32).map { prefix in
            CIDR(IPAddress(ipv4: ~(UInt32.max >> (prefix - 1))), prefixLength: prefix)!
        }
        #expect(!CIDRCoverage.coversWholeSpace(pieces, version: .v4))
        #expect(CIDRCoverage.uncovered(pieces, version: .v4).map(\.description) == ["255.255.255.255/32"])
        #expect(CIDRCoverage.coversWholeSpace(pieces + [try block("255.255.255.255/32")], version: .v4))

        // The same in IPv6: everything but ::/128.
        let v6Pieces = (1...128).map { prefix in
            CIDR(IPAddress(ipv6: UInt128(1) << (128 - prefix)), prefixLength: prefix)!
        }
        #expect(!CIDRCoverage.coversWholeSpace(v6Pieces, version: .v6))
        #expect(CIDRCoverage.uncovered(v6Pieces, version: .v6).map(\.description) == ["::/128"])
        #expect(CIDRCoverage.coversWholeSpace(v6Pieces + [try block("::/128")], version: .v6))
    }

    @Test("5,000 blocks covering the IPv4 space are recognised exactly")
    func coverageAtSize() throws {
        // 4,096 /12s tile the IPv4 space; add 904 overlapping /20s and shuffle deterministically.
        var pieces = (0..<4096).map { CIDR(IPAddress(ipv4: UInt32($0) << 20), prefixLength: 12)! }
        pieces += (0..<904).map { CIDR(IPAddress(ipv4: UInt32($0 * 7919) << 12), prefixLength: 20)! }
        var generator = SplitMix64(seed: 42)
        pieces.shuffle(using: &generator)
        #expect(pieces.count == 5_000)
        #expect(CIDRCoverage.coversWholeSpace(pieces, version: .v4))
        #expect(CIDRCoverage.aggregate(pieces).map(\.description) == ["0.0.0.0/0"])

        // Drop one /12 that no /20 touches: coverage fails and the gap is named.
        let gap = try block("255.240.0.0/12")
        let missingOne = pieces.filter { $0 != gap }
        #expect(missingOne.allSatisfy { !gap.overlaps($0) })
        #expect(!CIDRCoverage.coversWholeSpace(missingOne, version: .v4))
        #expect(CIDRCoverage.uncovered(missingOne, version: .v4) == [gap])
        #expect(CIDRCoverage.coveredFraction(missingOne, version: .v4) == 4095.0 / 4096.0)
    }

    @Test("5,000 IPv6 blocks covering the space are recognised exactly")
    func coverageAtSizeIPv6() {
        // 4,096 /12s tile ::/0 and 904 /64s sit inside them.
        var pieces = (0..<4096).map { CIDR(IPAddress(ipv6: UInt128($0) << 116), prefixLength: 12)! }
        pieces += (0..<904).map { CIDR(IPAddress(ipv6: UInt128($0 * 104_729) << 64), prefixLength: 64)! }
        var generator = SplitMix64(seed: 7)
        pieces.shuffle(using: &generator)
        #expect(CIDRCoverage.coversWholeSpace(pieces, version: .v6))
        #expect(!CIDRCoverage.coversWholeSpace(Array(pieces.filter { $0.prefixLength == 12 }.dropFirst()), version: .v6))
    }

    @Test("reports the covered fraction", arguments: [
        (["0.0.0.0/0"], IPVersion.v4, 1.0),
        (["0.0.0.0/1"], .v4, 0.5),
        (["0.0.0.0/1", "0.0.0.0/2"], .v4, 0.5),
        (["10.0.0.0/8", "11.0.0.0/8"], .v4, 2.0 / 256.0),
        (["::/0"], .v6, 1.0),
        (["::/1", "8000::/1"], .v6, 1.0),
        (["::/2"], .v6, 0.25),
        (["10.0.0.0/8"], .v6, 0.0),
        ([], .v4, 0.0),
    ])
    func coveredFraction(input: [String], version: IPVersion, expected: Double) throws {
        #expect(CIDRCoverage.coveredFraction(try blocks(input), version: version) == expected)
    }

    @Test("uncovered lists the gaps of one version")
    func uncovered() throws {
        #expect(CIDRCoverage.uncovered(try blocks(["0.0.0.0/1", "192.0.0.0/2"]), version: .v4).map(\.description)
            == ["128.0.0.0/2"])
        #expect(CIDRCoverage.uncovered([], version: .v6).map(\.description) == ["::/0"])
        #expect(CIDRCoverage.uncovered(try blocks(["::/0"]), version: .v6).isEmpty)
    }
}
