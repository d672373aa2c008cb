import Testing
@testable import PolicyCheckNetwork

@Suite("IPv4 address parsing")
struct IPv4ParsingTests {
    @Test("accepts strict dotted quads and keeps their value", arguments: [
        ("0.0.0.0", UInt32(0)),
        ("255.255.255.255", UInt32.max),
        ("192.0.2.1", UInt32(0xC000_0201)),
        ("10.0.0.0", UInt32(0x0A00_0000)),
        ("1.2.3.4", UInt32(0x0102_0304)),
        ("100.64.0.1", UInt32(0x6440_0001)),
    ])
    func acceptsDottedQuad(text: String, value: UInt32) throws {
        let address = try #require(IPAddress.parse(text))
        #expect(address.version == .v4)
        #expect(address == IPAddress(ipv4: value))
        #expect(address.description == text)
    }

    @Test("rejects anything but four decimal octets 0–255 without leading zeros", arguments: [
        "", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3",
        "256.0.0.0", "1.2.3.300", "1.2.3.1000",
        "010.0.0.1", "1.2.3.04", "00.0.0.0",
        "0x0A.0.0.1", "0xA000001", "167772161", "10", "10.1",
        "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "+1.2.3.4", "1.2.3.4/", "a.b.c.d",
        "１.2.3.4",
    ])
    func rejectsNonStrictForms(text: String) {
        #expect(IPAddress.parse(text) == nil)
    }

    @Test("explains the first problem in one line", arguments: [
        ("1.2.3.300", "octet 300 is out of range 0–255"),
        ("1.2.3.1000", "octet 1000 is out of range 0–255"),
        ("1.2.3", "expected 4 dot-separated octets, found 3"),
        ("010.0.0.1", "octet '010' has a leading zero (write it without leading zeros; octal forms are not accepted)"),
        ("1..2.3", "empty octet (expected 4 octets 0–255 separated by single dots)"),
    ])
    func explainsFailures(text: String, reason: String) {
        #expect(IPAddressParser.parse(Substring(text)) == .failure(.init(reason: reason)))
    }

    @Test("parses from a Substring without copying context")
    func parsesSubstring() {
        let line = "allow 203.0.113.5 now"
        let start = line.index(line.startIndex, offsetBy: 6)
        let end = line.index(start, offsetBy: 11)
        #expect(IPAddress.parse(line[start..<end]) == IPAddress(203, 0, 113, 5))
    }
}
