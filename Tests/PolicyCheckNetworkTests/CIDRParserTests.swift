import Testing
@testable import PolicyCheckNetwork

@Suite("CIDR parsing")
struct CIDRParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var canonical: String
        var hadHostBits = false
        var wasBareAddress = false
        var wasIPv4Mapped = false
        var testDescription: String { text.debugDescription }
    }

    @Test("normalises valid input", arguments: [
        Case(text: "10.0.0.0/8", canonical: "10.0.0.0/8"),
        Case(text: "10.1.2.3/8", canonical: "10.0.0.0/8", hadHostBits: true),
        Case(text: "203.0.113.5", canonical: "203.0.113.5/32", wasBareAddress: true),
        Case(text: "2001:db8::1", canonical: "2001:db8::1/128", wasBareAddress: true),
        Case(text: "2001:DB8:0:0::/32", canonical: "2001:db8::/32"),
        Case(text: "2001:db8::1/32", canonical: "2001:db8::/32", hadHostBits: true),
        Case(text: "0.0.0.0/0", canonical: "0.0.0.0/0"),
        Case(text: "1.2.3.4/0", canonical: "0.0.0.0/0", hadHostBits: true),
        Case(text: "::/0", canonical: "::/0"),
        Case(text: "::/128", canonical: "::/128"),
        Case(text: "::ffff:10.0.0.0/104", canonical: "10.0.0.0/8", wasIPv4Mapped: true),
        Case(text: "::ffff:10.1.0.0/104", canonical: "10.0.0.0/8", hadHostBits: true, wasIPv4Mapped: true),
        Case(text: "::ffff:a00:0/104", canonical: "10.0.0.0/8", wasIPv4Mapped: true),
        Case(text: "::ffff:0.0.0.0/96", canonical: "0.0.0.0/0", wasIPv4Mapped: true),
        Case(text: "::ffff:198.51.100.7", canonical: "198.51.100.7/32", wasBareAddress: true, wasIPv4Mapped: true),
        Case(text: "::ffff:0:0/95", canonical: "::fffe:0:0/95", hadHostBits: true),
    ])
    func normalises(c: Case) throws {
        let parsed = try CIDRParser.parse(c.text).get()
        #expect(parsed.cidr.description == c.canonical)
        #expect(parsed.original == c.text.trimmingForTest())
        #expect(parsed.hadHostBits == c.hadHostBits)
        #expect(parsed.wasBareAddress == c.wasBareAddress)
        #expect(parsed.wasIPv4Mapped == c.wasIPv4Mapped)
    }

    @Test("an IPv4-mapped block is judged as IPv4")
    func mappedIsIPv4() throws {
        let parsed = try CIDRParser.parse("::ffff:10.0.0.0/104").get()
        #expect(parsed.cidr.version == .v4)
        #expect(parsed.cidr == (try block("10.0.0.0/8")))
        #expect(parsed.address == IPAddress(10, 0, 0, 0))
    }

    @Test("keeps the written address before host bits are cleared")
    func keepsWrittenAddress() throws {
        #expect(try CIDRParser.parse("10.1.2.3/8").get().address == IPAddress(10, 1, 2, 3))
    }

    @Test("reports errors with a one-line message saying what was expected", arguments: [
        ("", "empty CIDR: the value is empty (expected an address or block such as 10.0.0.0/8 or 2001:db8::/32)"),
        ("   ", "empty CIDR: the value is empty (expected an address or block such as 10.0.0.0/8 or 2001:db8::/32)"),
        // Go's net.ParseCIDR, which the platform uses, rejects padding rather than trimming it.
        ("  192.168.0.0/16", "'  192.168.0.0/16' is not a valid CIDR: it has leading or trailing blanks, which the platform rejects (Go's net.ParseCIDR); remove them"),
        ("192.168.0.0/16\t", "'192.168.0.0/16\\t' is not a valid CIDR: it has leading or trailing blanks, which the platform rejects (Go's net.ParseCIDR); remove them"),
        ("10.0.0.300/24", "'10.0.0.300/24' is not a valid CIDR: octet 300 is out of range 0–255"),
        ("10.0.0.0/33", "'10.0.0.0/33' is not a valid CIDR: prefix length 33 is out of range 0–32 for IPv4"),
        ("2001:db8::/129", "'2001:db8::/129' is not a valid CIDR: prefix length 129 is out of range 0–128 for IPv6"),
        ("10.0.0.0/", "'10.0.0.0/' is not a valid CIDR: missing prefix length after '/' (expected 0–32)"),
        ("/8", "'/8' is not a valid CIDR: missing address before '/'"),
        ("10.0.0.0/+8", "'10.0.0.0/+8' is not a valid CIDR: prefix length '+8' must be a plain decimal number 0–32"),
        ("10.0.0.0/-1", "'10.0.0.0/-1' is not a valid CIDR: prefix length '-1' must be a plain decimal number 0–32"),
        ("10.0.0.0/08", "'10.0.0.0/08' is not a valid CIDR: prefix length '08' has a leading zero (write /8)"),
        ("10.0.0.0/8/9", "'10.0.0.0/8/9' is not a valid CIDR: expected a single '/' followed by a prefix length 0–32"),
        ("10.0.0.0/ 8", "'10.0.0.0/ 8' is not a valid CIDR: prefix length ' 8' must be a plain decimal number 0–32"),
        ("10.0.0.0/99999999999999999999999", "'10.0.0.0/99999999999999999999999' is not a valid CIDR: prefix length 99999999999999999999999 is out of range 0–32"),
        ("10.0.0/8", "'10.0.0/8' is not a valid CIDR: expected 4 dot-separated octets, found 3"),
        ("010.0.0.0/8", "'010.0.0.0/8' is not a valid CIDR: octet '010' has a leading zero (write it without leading zeros; octal forms are not accepted)"),
        ("fe80::/10%eth0", "'fe80::/10%eth0' is not a valid CIDR: prefix length '10%eth0' must be a plain decimal number 0–128"),
        ("fe80::1%eth0/64", "'fe80::1%eth0/64' is not a valid CIDR: zone identifier '%eth0' is not allowed (expected a plain IPv6 address)"),
        ("example.com/24", "'example.com/24' is not a valid CIDR: unexpected character 'e' (expected an IPv4 dotted quad such as 192.0.2.1 or an IPv6 address)"),
        ("10.0.0.1:443/32", "'10.0.0.1:443/32' is not a valid CIDR: port ':443' is not allowed after an IPv4 address (expected a plain address)"),
        ("10.0.0.0\n/8", "'10.0.0.0\\n/8' is not a valid CIDR: unexpected character '\\n' (expected an IPv4 dotted quad such as 192.0.2.1 or an IPv6 address)"),
    ])
    func reportsErrors(text: String, message: String) {
        guard case .failure(let error) = CIDRParser.parse(text) else {
            Issue.record("'\(text)' should not parse")
            return
        }
        #expect(error.description == message)
        #expect(!error.description.contains("\n"))
    }

    @Test("classifies errors by case")
    func classifiesErrors() {
        #expect(CIDRParser.parse(" ").failure == .empty)
        #expect(CIDRParser.parse("10.0.0.0/33").failure == .prefixOutOfRange(33, max: 32, input: "10.0.0.0/33"))
        #expect(CIDRParser.parse("::/200").failure == .prefixOutOfRange(200, max: 128, input: "::/200"))
        guard case .invalidPrefix(let input, _) = CIDRParser.parse("10.0.0.0/08").failure else {
            Issue.record("expected invalidPrefix"); return
        }
        #expect(input == "10.0.0.0/08")
        guard case .invalidAddress = CIDRParser.parse("1.2.3.4.5/8").failure else {
            Issue.record("expected invalidAddress"); return
        }
    }

    @Test("CIDR(text) agrees with the parser")
    func convenienceInit() {
        #expect(CIDR("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(CIDR("10.0.0.0/08") == nil)
    }
}
