import PolicyCheckTestSupport
import Testing
@testable import PolicyCheckNetwork

/// `CIDRParser.parse` reads plain IPv4 blocks through a one-pass fast path: it must give exactly what the general
/// parser gives, and leave everything else (errors included) to it.
@Suite("CIDR parsing: the plain IPv4 fast path")
struct CIDRParserFastPathTests {
    @Test("plain blocks take the fast path and agree with the general parser", arguments: [
        "0.0.0.0", "0.0.0.0/0", "10.0.0.0/8", "10.1.2.3/8", "255.255.255.255/32", "203.0.113.5", "1.2.3.4/0",
        "52.0.1.0/24", "192.168.100.200/31", "9.9.9.9/9", "100.64.0.0/10",
    ])
    func plainBlocksAgree(text: String) throws {
        let fast = try #require(CIDRParser.plainIPv4Block(text))
        #expect(CIDRParser.parseInGeneral(text) == .success(fast))
        #expect(CIDRParser.parse(text) == .success(fast))
    }

    @Test("near misses are left to the general parser, which explains them", arguments: [
        "", " 10.0.0.0/8", "10.0.0.0/8 ", "010.0.0.0/8", "10.0.0.00/8", "10.0.0.0/08", "10.0.0.0/33", "10.0.0.0/",
        "10.0.0.0//8", "10.0.0/8", "10.0.0.0.0/8", "256.0.0.0/8", "1.2.3.4567", "1.2.3.4/1/2", "1.2.3.4/123",
        "::ffff:10.0.0.0/104", "2001:db8::/32", "1.2.3.４", "1.2.3.4\n", "+1.2.3.4", "1.2.3.-4", "1..2.3",
    ])
    func nearMissesFallThrough(text: String) {
        #expect(CIDRParser.plainIPv4Block(text) == nil)
        #expect(CIDRParser.parse(text) == CIDRParser.parseInGeneral(text))
    }

    @Test("on 200,000 generated texts the two paths never disagree")
    func generatedTextsAgree() {
        // Texts built from the characters a CIDR is made of, and a few it is not, in lengths around a block's.
        let alphabet: [Character] = ["0", "1", "2", "5", "9", ".", ".", ".", "/", "3", " ", ":", "a", "6"]
        var generator = SplitMix64(seed: 0x5EED_C1D2)
        var fastTaken = 0
        for _ in 0..<200_000 {
            let length = Int(generator.next() % 19)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let general = CIDRParser.parseInGeneral(text)
            if let fast = CIDRParser.plainIPv4Block(text) {
                fastTaken += 1
                #expect(general == .success(fast), "\(text.debugDescription)")
            } else if case .success(let parsed) = general, parsed.cidr.version == .v4, !parsed.wasIPv4Mapped {
                // Only texts the fast path may refuse parse as IPv4 in general: none, for this alphabet.
                Issue.record("the fast path refused \(text.debugDescription), which parses as \(parsed.cidr)")
            }
        }
        #expect(fastTaken > 0)
    }
}
