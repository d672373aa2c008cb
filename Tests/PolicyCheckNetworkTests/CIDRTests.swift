import Testing
@testable import PolicyCheckNetwork

@Suite("CIDR blocks")
struct CIDRTests {
    @Test("exposes first, last, count and version", arguments: [
        ("10.0.0.0/8", "10.0.0.0", "10.255.255.255", 16_777_216.0, IPVersion.v4),
        ("192.0.2.7/32", "192.0.2.7", "192.0.2.7", 1.0, .v4),
        ("0.0.0.0/0", "0.0.0.0", "255.255.255.255", 4_294_967_296.0, .v4),
        ("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 79_228_162_514_264_337_593_543_950_336.0, .v6),
        ("::/0", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 340_282_366_920_938_463_463_374_607_431_768_211_456.0, .v6),
        ("::1/128", "::1", "::1", 1.0, .v6),
    ])
    func exposesBounds(text: String, first: String, last: String, count: Double, version: IPVersion) throws {
        let cidr = try block(text)
        #expect(cidr.first.description == first)
        #expect(cidr.last.description == last)
        #expect(cidr.addressCount == count)
        #expect(cidr.version == version)
        #expect(cidr.description == text)
    }

    @Test("clears host bits when built from an address")
    func clearsHostBits() throws {
        let cidr = try #require(CIDR(IPAddress(10, 1, 2, 3), prefixLength: 8))
        #expect(cidr.network == IPAddress(10, 0, 0, 0))
        #expect(cidr.description == "10.0.0.0/8")
        #expect(CIDR(IPAddress(10, 1, 2, 3), prefixLength: 33) == nil)
        #expect(CIDR(IPAddress(10, 1, 2, 3), prefixLength: -1) == nil)
        #expect(CIDR(IPAddress(ipv6: 1), prefixLength: 129) == nil)
    }

    @Test("/0 is the whole space of its version only")
    func wholeSpace() throws {
        let v4 = try block("0.0.0.0/0"), v6 = try block("::/0")
        #expect(v4.isWholeSpace && v6.isWholeSpace)
        #expect(v4 == CIDR.wholeSpace(.v4) && v6 == CIDR.wholeSpace(.v6))
        #expect(v4.contains(try block("203.0.113.0/24")))
        #expect(!v4.contains(try block("2001:db8::/32")))
        #expect(v6.contains(try block("2001:db8::/32")))
        #expect(!v6.overlaps(v4))
        #expect(!(try block("0.0.0.0/1")).isWholeSpace)
    }

    @Test("containment and overlap", arguments: [
        ("10.0.0.0/8", "10.1.0.0/16", true, true),
        ("10.1.0.0/16", "10.0.0.0/8", false, true),
        ("10.0.0.0/8", "10.0.0.0/8", true, true),
        ("10.0.0.0/8", "11.0.0.0/8", false, false),
        ("10.0.0.0/25", "10.0.0.128/25", false, false),
        ("192.168.0.0/16", "192.168.255.255/32", true, true),
        ("2001:db8::/32", "2001:db8:1::/48", true, true),
        ("2001:db8::/32", "2001:db9::/32", false, false),
        ("::/0", "10.0.0.0/8", false, false),
        ("0.0.0.0/0", "::/96", false, false),
    ])
    func containmentAndOverlap(outer: String, inner: String, contains: Bool, overlaps: Bool) throws {
        let a = try block(outer), b = try block(inner)
        #expect(a.contains(b) == contains)
        #expect(a.overlaps(b) == overlaps)
        #expect(b.overlaps(a) == overlaps)
    }

    @Test("contains addresses of its own version only", arguments: [
        ("10.0.0.0/8", "10.255.255.255", true),
        ("10.0.0.0/8", "11.0.0.0", false),
        ("10.0.0.0/8", "::ffff:10.0.0.1", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::", false),
    ])
    func containsAddress(cidr: String, address: String, expected: Bool) throws {
        #expect(try block(cidr).contains(try #require(IPAddress.parse(address))) == expected)
    }

    @Test("sorts IPv4 first, then by network, then larger blocks first")
    func sorts() throws {
        let sorted = try blocks(["2001:db8::/32", "10.0.0.0/16", "::/0", "10.0.0.0/8", "9.0.0.0/8"]).sorted()
        #expect(sorted.map(\.description) == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0", "2001:db8::/32"])
    }
}
