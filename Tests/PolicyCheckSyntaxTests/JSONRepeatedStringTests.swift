import PolicyCheckSyntax
import Testing

/// The reader shares one string among repeated texts; every value must still read back exactly as written, whether
/// it was shared, evicted by another text of the same hash slot, or too short or too long to be shared.
struct JSONRepeatedStringTests {
    @Test func everyStringReadsBackAsWritten() throws {
        // 5,000 distinct texts of 16 to 200 bytes, each written three times, interleaved so that slots are reused.
        let texts = (0..<5000).map { number in
            "arn:aws:kms:us-east-1:111122223333:key/" + String(number, radix: 16)
                + String(repeating: "é", count: number % 3) + String(repeating: "x", count: number % 140)
        }
        let items = (texts + texts.reversed() + texts).map { "\"\($0)\"" }.joined(separator: ",")
        let node = try readJSON("[\(items)]")
        let read = try #require(node.items).map(\.string)
        #expect(read == (texts + texts.reversed() + texts).map { Optional($0) })
    }

    @Test func keysAndValuesOfEveryLengthRoundTrip() throws {
        for length in 0...40 {
            let key = String(repeating: "k", count: length)
            let value = String(repeating: "v", count: length)
            let node = try readJSON("{\"\(key)\":\"\(value)\",\"other\":[\"\(value)\",\"\(key)\"]}")
            #expect(node[key]?.string == value)
            #expect(node["other"]?.items?.map(\.string) == [value, key])
        }
    }

    @Test func escapedAndPlainSpellingsOfOneTextAreEqual() throws {
        let node = try readJSON(#"["a long enough text: \u00e9 and more", "a long enough text: é and more"]"#)
        let items = try #require(node.items)
        #expect(items[0].string == items[1].string)
    }

    /// Lookups by key compare hashes first: every spelling of a member name must still be found by its text — escaped,
    /// longer than the cache keeps, repaired from ill-formed UTF-8 — and a missing one never.
    @Test func everyMemberIsFoundByItsName() throws {
        let long = String(repeating: "n", count: 300)
        let node = try readJSON(#"{"plain": 1, "esc\u0061ped": 2, "\u00e9t\u00e9": 3, ""# + long + #"": 4, "": 5}"#)
        #expect(node["plain"]?.numberLiteral == "1")
        #expect(node["escaped"]?.numberLiteral == "2")
        #expect(node["été"]?.numberLiteral == "3")
        #expect(node[long]?.numberLiteral == "4")
        #expect(node[""]?.numberLiteral == "5")
        #expect(node["missing"] == nil && node["plai"] == nil && node["plainer"] == nil)
        let repaired = try JSONReader().read(Array(#"{"a"#.utf8) + [0xFF] + Array(#"b": 6}"#.utf8))
        #expect(repaired["a\u{FFFD}b"]?.numberLiteral == "6")
    }
}
