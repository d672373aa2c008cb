import Testing
@testable import PolicyCheckNetwork

@Suite("IPv6 address parsing")
struct IPv6ParsingTests {
    @Test("accepts every RFC 4291 text form", arguments: [
        ("::", UInt128(0)),
        ("::1", UInt128(1)),
        ("1::", UInt128(1) << 112),
        ("2001:db8::", UInt128(0x2001_0db8) << 96),
        ("2001:DB8:0:0:8:800:200C:417A", UInt128(0x2001_0db8_0000_0000_0008_0800_200c_417a)),
        ("2001:db8::8:800:200c:417a", UInt128(0x2001_0db8_0000_0000_0008_0800_200c_417a)),
        ("ff01::101", UInt128(0xff01_0000_0000_0000_0000_0000_0000_0101)),
        ("0001:0002:0003:0004:0005:0006:0007:0008", UInt128(0x0001_0002_0003_0004_0005_0006_0007_0008)),
        ("1:2:3:4:5:6:7::", UInt128(0x0001_0002_0003_0004_0005_0006_0007_0000)),
        ("::2:3:4:5:6:7:8", UInt128(0x0000_0002_0003_0004_0005_0006_0007_0008)),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", UInt128.max),
        ("::ffff:192.0.2.1", UInt128(0xffff_c000_0201)),
        ("::192.0.2.1", UInt128(0xc000_0201)),
        ("0:0:0:0:0:ffff:10.0.0.1", UInt128(0xffff_0a00_0001)),
        ("64:ff9b::198.51.100.7", UInt128(0x0064_ff9b) << 96 | 0xc633_6407),
        ("1:2:3:4:5:6:1.2.3.4", UInt128(0x0001_0002_0003_0004_0005_0006_0102_0304)),
    ])
    func acceptsTextForms(text: String, value: UInt128) throws {
        let address = try #require(IPAddress.parse(text))
        #expect(address.version == .v6)
        #expect(address.value == value)
    }

    @Test("rejects malformed IPv6 text", arguments: [
        ":", ":::", "1:::2", "1::2::3", ":1::", "1::2:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:",
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
        "12345::", "g::1", "2001:db8::/32", "[::1]", "fe80::1%eth0", "fe80::1%1",
        "::ffff:1.2.3", "::ffff:1.2.3.256", "::ffff:01.2.3.4", "1.2.3.4::", "::1.2.3.4:5",
        "1:2:3:4:5:6:7:1.2.3.4", "2001:db8:: 1", " ::1",
    ])
    func rejectsMalformedText(text: String) {
        #expect(IPAddress.parse(text) == nil)
    }

    @Test("explains IPv6 failures in one line", arguments: [
        ("fe80::1%eth0", "zone identifier '%eth0' is not allowed (expected a plain IPv6 address)"),
        ("1::2::3", "'::' may appear only once in an IPv6 address"),
        ("12345::", "group '12345' has more than 4 hex digits"),
        ("1:2:3:4:5:6:7", "expected 8 groups of 16 bits, found 7"),
        ("::ffff:1.2.3.999", "embedded IPv4 address: octet 999 is out of range 0–255"),
        ("1:2:3:4:5:6:7::8", "too many groups around '::' (found 8; '::' stands for at least one zero group)"),
    ])
    func explainsFailures(text: String, reason: String) {
        #expect(IPAddressParser.parse(Substring(text)) == .failure(.init(reason: reason)))
    }

    @Test("recognises IPv4-mapped addresses and unmaps them")
    func unmapsIPv4Mapped() throws {
        let mapped = try #require(IPAddress.parse("::ffff:10.1.2.3"))
        #expect(mapped.isIPv4Mapped)
        #expect(mapped.unmappedIPv4 == IPAddress(10, 1, 2, 3))
        #expect(IPAddress(10, 1, 2, 3).mappedToIPv6 == mapped)
        #expect(try #require(IPAddress.parse("::10.1.2.3")).isIPv4Mapped == false)
        #expect(IPAddress(10, 1, 2, 3).isIPv4Mapped == false)
    }

    @Test("orders IPv4 before IPv6, then numerically")
    func ordersAddresses() throws {
        let texts = ["::1", "10.0.0.1", "2001:db8::", "1.2.3.4", "::"]
        let sorted = try texts.map { try #require(IPAddress.parse($0)) }.sorted().map(\.description)
        #expect(sorted == ["1.2.3.4", "10.0.0.1", "::", "::1", "2001:db8::"])
    }
}
