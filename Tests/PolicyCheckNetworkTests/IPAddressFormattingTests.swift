import Testing
@testable import PolicyCheckNetwork

@Suite("RFC 5952 canonical text")
struct IPAddressFormattingTests {
    @Test("formats IPv6 canonically", arguments: [
        ("0:0:0:0:0:0:0:0", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),          // leftmost of equal runs
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),                // longest run wins
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),       // a single zero group is not compressed
        ("2001:db8::0:1", "2001:db8::1"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("0:0:0:0:0:0:0:8", "::8"),
        ("fe80:0:0:0:200:5eff:fe00:5301", "fe80::200:5eff:fe00:5301"),
        ("ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"),
        ("1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"),
        ("0:1:0:0:2:0:0:0", "0:1:0:0:2::"),
        ("::ffff:c000:0201", "::ffff:192.0.2.1"),               // IPv4-mapped keeps a dotted quad
        ("::ffff:0:0", "::ffff:0.0.0.0"),
        ("::c000:0201", "::c000:201"),                          // IPv4-compatible is not special-cased
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        ("2001:db8:1:2:3:4:5:0", "2001:db8:1:2:3:4:5:0"),
    ])
    func formatsIPv6(text: String, canonical: String) throws {
        let address = try #require(IPAddress.parse(text))
        #expect(address.description == canonical)
        #expect(IPAddress.parse(canonical) == address)
    }

    @Test("formats IPv4 as a dotted quad without leading zeros", arguments: [
        (UInt32(0), "0.0.0.0"), (UInt32.max, "255.255.255.255"), (UInt32(0x0A00_0001), "10.0.0.1"),
    ])
    func formatsIPv4(value: UInt32, canonical: String) {
        #expect(IPAddress(ipv4: value).description == canonical)
    }
}
