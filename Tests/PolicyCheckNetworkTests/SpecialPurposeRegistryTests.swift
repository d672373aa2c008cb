import Testing
@testable import PolicyCheckNetwork

@Suite("IANA special-purpose registries")
struct SpecialPurposeRegistryTests {
    /// Every entry with its IANA "Globally Reachable" value; pins the transcription.
    static let expectedIPv4: [(String, SpecialPurpose, GlobalReachability)] = [
        ("0.0.0.0/8", .thisNetwork, .notReachable), ("0.0.0.0/32", .thisNetwork, .notReachable),
        ("10.0.0.0/8", .privateUse, .notReachable), ("100.64.0.0/10", .sharedAddressSpace, .notReachable),
        ("127.0.0.0/8", .loopback, .notReachable), ("169.254.0.0/16", .linkLocal, .notReachable),
        ("172.16.0.0/12", .privateUse, .notReachable), ("192.0.0.0/24", .ietfProtocolAssignments, .notReachable),
        ("192.0.0.0/29", .serviceContinuity, .notReachable), ("192.0.0.8/32", .dummy, .notReachable),
        ("192.0.0.9/32", .anycast, .reachable), ("192.0.0.10/32", .anycast, .reachable),
        ("192.0.0.170/32", .nat64Discovery, .notReachable), ("192.0.0.171/32", .nat64Discovery, .notReachable),
        ("192.0.2.0/24", .documentation, .notReachable), ("192.31.196.0/24", .as112, .reachable),
        ("192.52.193.0/24", .amt, .reachable), ("192.88.99.0/24", .sixToFour, .notApplicable),
        ("192.168.0.0/16", .privateUse, .notReachable), ("192.175.48.0/24", .as112, .reachable),
        ("198.18.0.0/15", .benchmarking, .notReachable), ("198.51.100.0/24", .documentation, .notReachable),
        ("203.0.113.0/24", .documentation, .notReachable), ("224.0.0.0/4", .multicast, .notListed),
        ("240.0.0.0/4", .reserved, .notReachable), ("255.255.255.255/32", .limitedBroadcast, .notReachable),
    ]

    static let expectedIPv6: [(String, SpecialPurpose, GlobalReachability)] = [
        ("::1/128", .loopback, .notReachable), ("::/128", .unspecified, .notReachable),
        ("::ffff:0.0.0.0/96", .ipv4Mapped, .notReachable), ("64:ff9b::/96", .translation, .reachable),
        ("64:ff9b:1::/48", .translation, .notReachable), ("100::/64", .discardOnly, .notReachable),
        ("100:0:0:1::/64", .dummy, .notReachable), ("2001::/23", .ietfProtocolAssignments, .notReachable),
        ("2001::/32", .teredo, .notApplicable), ("2001:1::1/128", .anycast, .reachable),
        ("2001:1::2/128", .anycast, .reachable), ("2001:1::3/128", .anycast, .reachable),
        ("2001:2::/48", .benchmarking, .notReachable), ("2001:3::/32", .amt, .reachable),
        ("2001:4:112::/48", .as112, .reachable), ("2001:10::/28", .orchid, .notApplicable),
        ("2001:20::/28", .orchid, .reachable), ("2001:30::/28", .droneRemoteID, .reachable),
        ("2001:db8::/32", .documentation, .notReachable), ("2002::/16", .sixToFour, .notApplicable),
        ("2620:4f:8000::/48", .as112, .reachable), ("3fff::/20", .documentation, .notReachable),
        ("5f00::/16", .srv6SIDs, .notReachable), ("fc00::/7", .uniqueLocal, .notReachable),
        ("fe80::/10", .linkLocal, .notReachable), ("fec0::/10", .siteLocal, .notListed),
        ("ff00::/8", .multicast, .notListed),
    ]

    @Test("transcribes the IPv4 registry with IANA reachability")
    func ipv4Table() {
        let actual = SpecialPurposeRegistry.ipv4.map { ($0.cidr.description, $0.purpose, $0.reachability) }
        #expect(actual.map(\.0) == Self.expectedIPv4.map(\.0))
        #expect(actual.map(\.1) == Self.expectedIPv4.map(\.1))
        #expect(actual.map(\.2) == Self.expectedIPv4.map(\.2))
    }

    @Test("transcribes the IPv6 registry with IANA reachability")
    func ipv6Table() {
        let actual = SpecialPurposeRegistry.ipv6.map { ($0.cidr.description, $0.purpose, $0.reachability) }
        #expect(actual.map(\.0) == Self.expectedIPv6.map(\.0))
        #expect(actual.map(\.1) == Self.expectedIPv6.map(\.1))
        #expect(actual.map(\.2) == Self.expectedIPv6.map(\.2))
    }

    @Test("keeps each table to its own version, without duplicates, with names and references")
    func tablesAreWellFormed() {
        #expect(SpecialPurposeRegistry.ipv4.allSatisfy { $0.cidr.version == .v4 })
        #expect(SpecialPurposeRegistry.ipv6.allSatisfy { $0.cidr.version == .v6 })
        #expect(Set(SpecialPurposeRegistry.ipv4.map(\.cidr)).count == SpecialPurposeRegistry.ipv4.count)
        #expect(Set(SpecialPurposeRegistry.ipv6.map(\.cidr)).count == SpecialPurposeRegistry.ipv6.count)
        let all = SpecialPurposeRegistry.ipv4 + SpecialPurposeRegistry.ipv6
        #expect(all.allSatisfy { !$0.name.isEmpty && $0.reference.hasPrefix("RFC ") })
    }

    @Test("marks exactly the IANA True entries as globally reachable; N/A and unlisted are not")
    func globallyReachableFlag() throws {
        let reachable = (SpecialPurposeRegistry.ipv4 + SpecialPurposeRegistry.ipv6)
            .filter(\.globallyReachable).map(\.cidr.description)
        #expect(reachable == [
            "192.0.0.9/32", "192.0.0.10/32", "192.31.196.0/24", "192.52.193.0/24", "192.175.48.0/24",
            "64:ff9b::/96", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:3::/32",
            "2001:4:112::/48", "2001:20::/28", "2001:30::/28", "2620:4f:8000::/48",
        ])
    }

    @Test("finds the non-globally-reachable ranges a block overlaps, most specific first", arguments: [
        ("100.64.1.0/24", ["100.64.0.0/10"]),
        ("3fff:1::/32", ["3fff::/20"]),
        ("8.8.8.0/24", []),
        ("2606:4700::/32", []),
        ("10.1.2.3/32", ["10.0.0.0/8"]),
        ("172.0.0.0/8", ["172.16.0.0/12"]),
        ("255.255.255.255/32", ["255.255.255.255/32", "240.0.0.0/4"]),
        ("0.0.0.0/32", ["0.0.0.0/32", "0.0.0.0/8"]),
        ("192.0.0.8/29", ["192.0.0.8/32", "192.0.0.0/24"]),
        ("192.0.0.9/32", []),                                   // PCP anycast is globally reachable
        ("192.0.0.10/31", ["192.0.0.0/24"]),                    // .11 is not covered by the TURN anycast
        ("192.31.196.0/24", []),
        ("192.88.99.0/24", ["192.88.99.0/24"]),                 // N/A counts as not reachable
        ("192.0.0.0/16", ["192.0.0.8/32", "192.0.0.170/32", "192.0.0.171/32", "192.0.0.0/29",
                          "192.0.0.0/24", "192.0.2.0/24"]),
        ("224.0.0.251/32", ["224.0.0.0/4"]),
        ("::1/128", ["::1/128"]),
        ("fe80::1/64", ["fe80::/10"]),
        ("fd00::/8", ["fc00::/7"]),
        ("fec0::/16", ["fec0::/10"]),
        ("ff02::1/128", ["ff00::/8"]),
        ("2001:db8:abcd::/48", ["2001:db8::/32"]),
        ("2001:20::/28", []),                                   // ORCHIDv2 is globally reachable
        ("2001:20::/27", []),                                   // ORCHIDv2 + drone IDs fill it entirely
        ("2001:3::/32", []),
        ("2001::/32", ["2001::/32", "2001::/23"]),
        ("2001:1::/64", ["2001::/23"]),
        ("2001:1::1/128", []),
        ("64:ff9b::/96", []),
        ("64:ff9b:1::/64", ["64:ff9b:1::/48"]),
        ("5f00:1::/32", ["5f00::/16"]),
        ("2002:c000:0201::/48", ["2002::/16"]),
        ("::ffff:10.0.0.0/104", ["10.0.0.0/8"]),                // IPv4-mapped is judged as IPv4
        ("::ffff:0:0/95", ["::ffff:0.0.0.0/96"]),               // stays IPv6 below /96 (::fffe:0:0/95)
    ])
    func rangesOverlapping(block text: String, expected: [String]) throws {
        let found = SpecialPurposeRegistry.ranges(overlapping: try block(text))
        #expect(found.map(\.cidr.description) == expected)
        #expect(found.allSatisfy { !$0.globallyReachable })
    }

    @Test("the whole space overlaps every range that is not globally reachable")
    func wholeSpaceOverlapsMany() {
        for version in IPVersion.allCases {
            let found = SpecialPurposeRegistry.ranges(overlapping: .wholeSpace(version))
            let expected = SpecialPurposeRegistry.ranges(for: version).filter { !$0.globallyReachable }
            #expect(Set(found) == Set(expected))
            #expect(found.count == expected.count)
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.cidr.prefixLength >= $1.cidr.prefixLength })
        }
        #expect(SpecialPurposeRegistry.ranges(overlapping: .wholeSpace(.v4)).count == 21)
        #expect(SpecialPurposeRegistry.ranges(overlapping: .wholeSpace(.v6)).count == 18)
    }

    @Test("can include globally reachable ranges on request")
    func includesReachableOnRequest() throws {
        let found = SpecialPurposeRegistry.ranges(overlapping: try block("192.0.0.9/32"), includingGloballyReachable: true)
        #expect(found.map(\.cidr.description) == ["192.0.0.9/32", "192.0.0.0/24"])
        let all = SpecialPurposeRegistry.ranges(overlapping: .wholeSpace(.v6), includingGloballyReachable: true)
        #expect(all.count == SpecialPurposeRegistry.ipv6.count)
    }

    @Test("names the most specific range containing an address", arguments: [
        ("100.64.1.1", "Shared Address Space"),
        ("192.0.0.9", "Port Control Protocol Anycast"),
        ("192.0.0.200", "IETF Protocol Assignments"),
        ("255.255.255.255", "Limited Broadcast"),
        ("2001:1::3", "DNS-SD Service Registration Protocol Anycast"),
        ("2001:db8::1", "Documentation"),
    ])
    func mostSpecific(address: String, name: String) throws {
        let found = SpecialPurposeRegistry.mostSpecificRange(containing: try #require(IPAddress.parse(address)))
        #expect(found?.name == name)
    }

    @Test("finds nothing for ordinary global unicast addresses")
    func nothingForGlobalUnicast() throws {
        #expect(SpecialPurposeRegistry.mostSpecificRange(containing: IPAddress(8, 8, 8, 8)) == nil)
        #expect(SpecialPurposeRegistry.mostSpecificRange(containing: try #require(IPAddress.parse("2606:4700::1111"))) == nil)
    }

    @Test("describes a range with its name and reference")
    func describesRange() throws {
        let range = try #require(SpecialPurposeRegistry.ranges(overlapping: try block("100.64.0.0/10")).first)
        #expect(range.description == "100.64.0.0/10 (Shared Address Space, RFC 6598)")
    }
}
